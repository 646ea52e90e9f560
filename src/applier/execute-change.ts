import type {
  CancelAction,
  LiveSubscription,
  PlanAction,
  QuantityAction,
  ScheduleChangeAction,
  ScheduleDecreaseAction,
  SetAutorenewAction,
  SubscriptionId,
} from '../model/index.js';
import { journalled } from './journalled.js';
import { productNameField } from './journal-product-name.js';
import type { ApplierPorts, SubscriptionChange } from './ports.js';
import { ActionFailure, type ActionResult } from './results.js';

export type ChangeAction =
  | QuantityAction
  | ScheduleDecreaseAction
  | ScheduleChangeAction
  | SetAutorenewAction
  | CancelAction;

/**
 * Applies a subscription PATCH (quantity, scheduled next-term change, autorenew, cancel). The
 * gateway does GET-modify-PATCH with If-Match and polls a 202; the resource it returns is then
 * checked against the change, so "applied" means Partner Center shows it.
 * https://learn.microsoft.com/en-us/partner-center/developer/update-a-subscription-by-id
 */
export async function executeChange(
  action: ChangeAction,
  ports: ApplierPorts,
  runId: string | undefined,
): Promise<ActionResult> {
  await patchSubscription(ports, runId, action, action.subscriptionId, changeFor(action));
  return {
    key: action.key,
    kind: action.kind,
    customerId: action.customerId,
    item: action.item,
    status: 'succeeded',
    message: describeChange(action),
    subscriptionId: action.subscriptionId,
  };
}

/**
 * One journalled PATCH of `subscriptionId` for `action`, verified against the resource Partner
 * Center returns (the client re-reads it when the PATCH answered 202).
 * @throws ActionFailure `verify-mismatch` when the change does not show.
 */
export async function patchSubscription(
  ports: ApplierPorts,
  runId: string | undefined,
  action: Pick<PlanAction, 'key' | 'kind' | 'customerId' | 'item' | 'productName'>,
  subscriptionId: SubscriptionId,
  change: SubscriptionChange,
): Promise<LiveSubscription> {
  const updated = await journalled(
    ports,
    {
      ...(runId === undefined ? {} : { runId }),
      actionKey: action.key,
      actionKind: action.kind,
      step: 'patch-subscription',
      customerId: action.customerId,
      item: action.item,
      subscriptionId,
      request: { change, ...productNameField(action.productName) },
    },
    (requestId) =>
      ports.partnerCenter.updateSubscription(action.customerId, subscriptionId, change, requestId),
    (subscription) => ({ response: summariseSubscription(subscription) }),
  );
  if (!changeHolds(change, updated)) {
    throw new ActionFailure(
      'verify-mismatch',
      `Partner Center accepted the change but the subscription shows ${JSON.stringify(summariseSubscription(updated))}`,
    );
  }
  return updated;
}

/** The PATCH body fields an action sets. */
export function changeFor(action: ChangeAction): SubscriptionChange {
  switch (action.kind) {
    case 'increase-quantity':
    case 'decrease-quantity':
      return { quantity: action.after.quantity };
    case 'schedule-decrease':
    case 'schedule-change':
      return {
        scheduledNextTermInstructions: {
          productId: action.nextTerm.productId,
          skuId: action.nextTerm.skuId,
          ...(action.nextTerm.availabilityId === undefined
            ? {}
            : { availabilityId: action.nextTerm.availabilityId }),
          quantity: action.after.quantity,
          termDuration: action.nextTerm.termDuration,
          billingCycle: action.nextTerm.billingCycle,
        },
      };
    case 'set-autorenew':
      return { autoRenewEnabled: action.after.autoRenew };
    case 'cancel':
      return { status: 'deleted' };
  }
}

/** True when `subscription` already shows every field `change` sets. */
export function changeHolds(change: SubscriptionChange, subscription: LiveSubscription): boolean {
  if (change.quantity !== undefined && subscription.quantity !== change.quantity) return false;
  if (
    change.autoRenewEnabled !== undefined &&
    subscription.autoRenewEnabled !== change.autoRenewEnabled
  ) {
    return false;
  }
  if (change.status !== undefined && subscription.status !== change.status) return false;
  if (change.scheduledNextTermInstructions !== undefined) {
    const wanted = change.scheduledNextTermInstructions;
    const actual = subscription.scheduledNextTermInstructions;
    if (wanted === null) return actual === undefined;
    if (actual?.quantity !== wanted.quantity) return false;
    const same = (a: string | undefined, b: string | undefined): boolean =>
      a === undefined || b === undefined || a.toLowerCase() === b.toLowerCase();
    if (
      !same(actual.productId, wanted.productId) ||
      !same(actual.skuId, wanted.skuId) ||
      !same(actual.termDuration, wanted.termDuration) ||
      !same(actual.billingCycle, wanted.billingCycle)
    )
      return false;
  }
  return true;
}

function summariseSubscription(s: LiveSubscription): Record<string, unknown> {
  return {
    id: s.id,
    quantity: s.quantity,
    status: s.status,
    autoRenewEnabled: s.autoRenewEnabled,
    scheduledQuantity: s.scheduledNextTermInstructions?.quantity ?? null,
  };
}

function describeChange(action: ChangeAction): string {
  switch (action.kind) {
    case 'increase-quantity':
    case 'decrease-quantity':
      return `quantity ${action.before.quantity} → ${action.after.quantity}`;
    case 'schedule-decrease':
      return `renews with ${action.after.quantity} seats${action.effectiveAt === undefined ? '' : ` after ${action.effectiveAt}`}`;
    case 'schedule-change': {
      const a = action.after;
      return `renews as ${a.productId}:${a.skuId} ${a.termDuration}/${a.billingCycle} × ${a.quantity}${action.effectiveAt === undefined ? '' : ` after ${action.effectiveAt}`}`;
    }
    case 'set-autorenew':
      return `autorenew ${action.after.autoRenew ? 'on' : 'off'}`;
    case 'cancel':
      return 'cancelled (status deleted)';
  }
}
