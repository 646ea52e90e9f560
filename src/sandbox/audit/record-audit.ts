import { newGuid, type SandboxContext } from '../engine/context.js';
import { iso } from '../engine/dates.js';
import { renderCustomer } from '../render/render-catalog.js';
import { pascalEnum } from '../render/enum-case.js';
import { renderOrder } from '../render/render-order.js';
import { renderSubscription } from '../render/render-subscription.js';
import type { CustomerRecord, OrderRecord, SubscriptionRecord } from '../store/records.js';
import type { TransitionRecord } from '../store/transition-record.js';
import type { AuditActor } from './audit-actor.js';
import { auditLogOf, type AuditEntry } from './audit-log.js';

type Datum = AuditEntry['customizedData'][number];

/**
 * The sandbox's hooks into its activity log: each is called where a change is committed, inside
 * the request's transaction (an `MS-RequestId` replay runs no handler, so records nothing), and
 * stamps `operationDate` with the sandbox clock. Resource values are the rendered resource in
 * PascalCase, as in the documented record.
 */

/** `create_order` (resource `order`), with the documented example's `customizedData` keys. */
export function recordOrderCreated(
  ctx: SandboxContext,
  actor: AuditActor,
  order: OrderRecord,
): void {
  const now = ctx.clock.now();
  const data: Datum[] = [
    { key: 'OrderId', value: order.id },
    { key: 'BillingCycle', value: pascalEnum(order.billingCycle) },
  ];
  for (const line of order.lineItems) {
    const n = line.lineItemNumber;
    data.push({ key: `OfferId-${n}`, value: line.offerId });
    if (line.subscriptionId !== undefined) {
      data.push({ key: `SubscriptionId-${n}`, value: line.subscriptionId });
      data.push({ key: `SubscriptionName-${n}`, value: line.friendlyName ?? line.offerId });
    }
    data.push({ key: `Quantity-${n}`, value: String(line.quantity) });
    data.push({ key: `PartnerOnRecord-${n}`, value: line.partnerIdOnRecord ?? null });
  }
  append(ctx, actor, order.customerId, now, {
    resourceType: 'order',
    operationType: 'create_order',
    resourceNewValue: pascalJson(renderOrder(order, now)),
    customizedData: data,
  });
}

/** `update_subscription`: quantity, autorenew, status, nickname or scheduled instructions. */
export function recordSubscriptionUpdated(
  ctx: SandboxContext,
  actor: AuditActor,
  before: SubscriptionRecord,
  after: SubscriptionRecord,
): void {
  const now = ctx.clock.now();
  append(ctx, actor, after.customerId, now, {
    resourceType: 'subscription',
    operationType: 'update_subscription',
    resourceOldValue: pascalJson(renderSubscription(before, now)),
    resourceNewValue: pascalJson(renderSubscription(after, now)),
    customizedData: [{ key: 'SubscriptionId', value: after.id }],
  });
}

/** `upgrade_subscription`: a transition; old and new values are the source subscription's. */
export function recordTransition(
  ctx: SandboxContext,
  actor: AuditActor,
  source: SubscriptionRecord,
  sourceAfter: SubscriptionRecord,
  transition: TransitionRecord,
): void {
  const now = ctx.clock.now();
  append(ctx, actor, source.customerId, now, {
    resourceType: 'subscription',
    operationType: 'upgrade_subscription',
    resourceOldValue: pascalJson(renderSubscription(source, now)),
    resourceNewValue: pascalJson(renderSubscription(sourceAfter, now)),
    customizedData: [
      { key: 'SubscriptionId', value: source.id },
      { key: 'TargetSubscriptionId', value: transition.toSubscriptionId },
      { key: 'TargetOfferId', value: transition.toCatalogItemId },
      { key: 'Quantity', value: String(transition.quantity) },
      { key: 'TransitionType', value: transition.transitionType },
    ],
  });
}

/** `add_customer` (resource `customer`). */
export function recordCustomerAdded(
  ctx: SandboxContext,
  actor: AuditActor,
  customer: CustomerRecord,
): void {
  append(ctx, actor, customer.id, ctx.clock.now(), {
    resourceType: 'customer',
    operationType: 'add_customer',
    resourceNewValue: pascalJson(renderCustomer(customer)),
    customizedData: [{ key: 'CustomerId', value: customer.id }],
  });
}

function append(
  ctx: SandboxContext,
  actor: AuditActor,
  customerId: string,
  now: Date,
  change: Pick<
    AuditEntry,
    'resourceType' | 'operationType' | 'resourceOldValue' | 'resourceNewValue' | 'customizedData'
  >,
): void {
  const id = customerId.toLowerCase();
  const customer = ctx.store.get('customer', id, id);
  auditLogOf(ctx.store).append({
    id: newGuid(),
    customerId: id,
    customerName: customer?.name ?? '',
    ...(actor.userPrincipalName === undefined
      ? {}
      : { userPrincipalName: actor.userPrincipalName }),
    ...(actor.applicationId === undefined ? {} : { applicationId: actor.applicationId }),
    ...(actor.correlationId === undefined ? {} : { originalCorrelationId: actor.correlationId }),
    operationStatus: 'succeeded',
    operationDate: iso(now),
    ...change,
  });
}

/**
 * JSON text of a wire resource with PascalCase keys, the form of the documented record's
 * `resourceNewValue` (`{"Id":…,"LineItems":[…],"Attributes":{"ObjectType":"Order"}}`).
 */
export function pascalJson(value: unknown): string {
  return JSON.stringify(pascalKeys(value));
}

function pascalKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(pascalKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([key, inner]) => [
      key.charAt(0).toUpperCase() + key.slice(1),
      pascalKeys(inner),
    ]),
  );
}
