import { apiActor, recordSubscriptionUpdated } from '../audit/index.js';
import { recordSubscriptionChange } from '../billing/billing-event-record.js';
import { requireCustomer, type SandboxContext } from '../engine/context.js';
import { applySubscriptionPatch } from '../engine/subscription-patch.js';
import { PcHttpError, pcErrors } from '../errors.js';
import { renderSubscription } from '../render/render-subscription.js';
import type { SubscriptionRecord } from '../store/records.js';
import type { Route, RouteRequest, RouteResult } from '../router.js';
import { collection, normalizeEtag } from '../wire.js';
import { activationLink } from './order-routes.js';

/** A visible subscription; hidden ones (provisioning delay) are 404 `20003` like unknown ids. */
function findVisible(
  ctx: SandboxContext,
  customerId: string,
  id: string,
): SubscriptionRecord | undefined {
  const record = ctx.store.get('subscription', customerId, id.toLowerCase());
  return record !== undefined && new Date(record.visibleAt) <= ctx.clock.now() ? record : undefined;
}

function requireSubscription(
  ctx: SandboxContext,
  customerId: string,
  id: string,
): SubscriptionRecord {
  const record = findVisible(ctx, customerId, id);
  if (record === undefined) throw pcErrors.subscriptionNotFound(id);
  return record;
}

/** `GET /customers/{id}/subscriptions[?order_id=]`: every status, no paging (§5.2). */
function listSubscriptions(ctx: SandboxContext, req: RouteRequest): RouteResult {
  const customer = requireCustomer(ctx, req.params.customerId ?? '');
  const now = ctx.clock.now();
  const orderId = req.query.get('order_id');
  const items = ctx.store
    .list('subscription', customer.id)
    .filter((s) => new Date(s.visibleAt) <= now)
    .filter((s) => orderId === null || s.orderId === orderId)
    .map((s) => renderSubscription(s, now, ctx.settings.dialect));
  return { status: 200, body: collection(items, `/customers/${customer.id}/subscriptions`) };
}

function getSubscription(ctx: SandboxContext, req: RouteRequest): RouteResult {
  const customer = requireCustomer(ctx, req.params.customerId ?? '');
  const record = requireSubscription(ctx, customer.id, req.params.subscriptionId ?? '');
  return { status: 200, body: renderSubscription(record, ctx.clock.now(), ctx.settings.dialect) };
}

/**
 * `PATCH /customers/{id}/subscriptions/{id}` (§5.3): `If-Match` must carry the current etag
 * (else 400 `2055`); rules in `applySubscriptionPatch`. A share of calls (`asyncPatchShare`)
 * answers 202 with `Location` after committing the change.
 */
function patchSubscription(ctx: SandboxContext, req: RouteRequest): RouteResult {
  const customer = requireCustomer(ctx, req.params.customerId ?? '');
  const id = (req.params.subscriptionId ?? '').toLowerCase();
  const stored = ctx.store.get('subscription', customer.id, id);
  if (stored === undefined) throw pcErrors.subscriptionNotFound(id);
  const now = ctx.clock.now();
  if (new Date(stored.visibleAt) > now)
    throw new PcHttpError(400, '800082', 'Subscription is not ready yet.');
  const ifMatch = req.headers['if-match'];
  if (typeof ifMatch === 'string' && ifMatch !== '*' && normalizeEtag(ifMatch) !== stored.etag) {
    throw new PcHttpError(400, '2055', 'The ETag is no longer valid; get the subscription again.');
  }
  const updated = applySubscriptionPatch(stored, req.body, now, customer.country, ctx.catalog);
  if (updated !== stored) {
    ctx.store.put('subscription', customer.id, id, updated);
    recordSubscriptionChange(ctx, stored, updated, now);
    recordSubscriptionUpdated(ctx, apiActor(req), stored, updated);
  }
  ctx.counters.asyncPatchCredit += ctx.settings.asyncPatchShare;
  if (ctx.counters.asyncPatchCredit >= 1) {
    ctx.counters.asyncPatchCredit -= 1;
    return { status: 202, headers: { Location: `/customers/${customer.id}/subscriptions/${id}` } };
  }
  return { status: 200, body: renderSubscription(updated, now, ctx.settings.dialect) };
}

/** SubscriptionProvisioningStatus (§5.1); App+User only (§1.5). */
function subscriptionProvisioningStatus(ctx: SandboxContext, req: RouteRequest): RouteResult {
  const customer = requireCustomer(ctx, req.params.customerId ?? '');
  const record = requireSubscription(ctx, customer.id, req.params.subscriptionId ?? '');
  return {
    status: 200,
    body: {
      skuId: record.skuId,
      status: 'success',
      quantity: record.quantity,
      ...(record.commitmentEndDate === undefined ? {} : { endDate: record.commitmentEndDate }),
      attributes: { objectType: 'SubscriptionProvisioningStatus' },
    },
  };
}

function subscriptionActivationLinks(ctx: SandboxContext, req: RouteRequest): RouteResult {
  const customer = requireCustomer(ctx, req.params.customerId ?? '');
  const record = requireSubscription(ctx, customer.id, req.params.subscriptionId ?? '');
  const order =
    record.orderId === undefined ? undefined : ctx.store.get('order', customer.id, record.orderId);
  const line = order?.lineItems.find((l) => l.subscriptionId === record.id);
  const items =
    record.kind === 'saas' && order !== undefined && line !== undefined
      ? [activationLink(order.id, line.lineItemNumber)]
      : [];
  return {
    status: 200,
    body: collection(items, `/customers/${customer.id}/subscriptions/${record.id}/activationlinks`),
  };
}

function listAddons(ctx: SandboxContext, req: RouteRequest): RouteResult {
  const customer = requireCustomer(ctx, req.params.customerId ?? '');
  const parent = requireSubscription(ctx, customer.id, req.params.subscriptionId ?? '');
  const now = ctx.clock.now();
  const items = ctx.store
    .list('subscription', customer.id)
    .filter((s) => s.parentSubscriptionId === parent.id && new Date(s.visibleAt) <= now)
    .map((s) => renderSubscription(s, now, ctx.settings.dialect));
  return {
    status: 200,
    body: collection(items, `/customers/${customer.id}/subscriptions/${parent.id}/addons`),
  };
}

export { requireSubscription };

const SUB = '/customers/{customerId}/subscriptions';

export const SUBSCRIPTION_ROUTES: readonly Route[] = [
  { method: 'GET', pattern: SUB, family: 'subscriptions', handle: listSubscriptions },
  {
    method: 'GET',
    pattern: `${SUB}/{subscriptionId}`,
    family: 'subscriptions',
    handle: getSubscription,
  },
  {
    method: 'PATCH',
    pattern: `${SUB}/{subscriptionId}`,
    family: 'subscriptions',
    handle: patchSubscription,
  },
  {
    method: 'GET',
    pattern: `${SUB}/{subscriptionId}/provisioningstatus`,
    family: 'subscriptions',
    appUserOnly: true,
    handle: subscriptionProvisioningStatus,
  },
  {
    method: 'GET',
    pattern: `${SUB}/{subscriptionId}/activationlinks`,
    family: 'subscriptions',
    handle: subscriptionActivationLinks,
  },
  {
    method: 'GET',
    pattern: `${SUB}/{subscriptionId}/addons`,
    family: 'subscriptions',
    handle: listAddons,
  },
];
