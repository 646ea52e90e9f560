import type {
  ActionKey,
  Binding,
  CustomerId,
  InFlightPurchase,
  ItemKey,
  OrderId,
  PurchaseShape,
} from '../model/index.js';
import type { JournalEntry } from './journal-entry.js';

/**
 * Derives the purchases that may have spent money but whose subscription is not bound yet
 * (docs/decisions.md: the planner answers them with `in-flight`, never with a second purchase).
 *
 * A `purchase` journal row for an item counts when
 * - it learned order ids (whatever its status: a checkout can fail some order groups and
 *   place others, so even a `failed` row with orders has bought something), or
 * - it is unsettled (`in-flight`/`unknown`) and has a cart id: the checkout may have gone
 *   through and its response been lost;
 * and it is not yet resolved: the item's binding has a subscription id and either names one
 * of the row's orders or was made after the row. Rows of one action are merged (union of
 * order ids, earliest time as `since`).
 *
 * One-time items that never get a subscription (perpetual software seen only as an order or
 * entitlement) are resolved by a `purchase` binding that names one of the row's orders.
 */
export function deriveInFlightPurchases(
  entries: readonly JournalEntry[],
  bindingOf: (customerId: CustomerId, item: ItemKey) => Binding | undefined,
): InFlightPurchase[] {
  const open = new Map<
    string,
    {
      customerId: CustomerId;
      item: ItemKey;
      actionKey: ActionKey;
      orderIds: OrderId[];
      cartId?: string;
      since: string;
      shape?: PurchaseShape;
    }
  >();
  for (const entry of entries) {
    if (entry.kind !== 'purchase' || entry.item === undefined) continue;
    const unsettled = entry.status === 'in-flight' || entry.status === 'unknown';
    if (entry.orderIds.length === 0 && !(unsettled && entry.cartId !== undefined)) continue;
    if (isResolved(entry, bindingOf(entry.customerId, entry.item))) continue;
    const key = `${entry.customerId}\u0000${entry.item}\u0000${entry.actionKey}`;
    const seen = open.get(key);
    const shape = shapeOfRequest(entry.request);
    if (seen) {
      seen.orderIds = [...new Set([...seen.orderIds, ...entry.orderIds])];
      if (entry.cartId !== undefined) seen.cartId = entry.cartId;
      if (entry.createdAt < seen.since) seen.since = entry.createdAt;
      if (seen.shape === undefined && shape !== undefined) seen.shape = shape;
    } else {
      open.set(key, {
        customerId: entry.customerId,
        item: entry.item,
        actionKey: entry.actionKey,
        orderIds: [...entry.orderIds],
        ...(entry.cartId !== undefined && { cartId: entry.cartId }),
        since: entry.createdAt,
        ...(shape !== undefined && { shape }),
      });
    }
  }
  return [...open.values()].sort(
    (a, b) =>
      a.since.localeCompare(b.since) ||
      a.customerId.localeCompare(b.customerId) ||
      a.item.localeCompare(b.item),
  );
}

function isResolved(entry: JournalEntry, binding: Binding | undefined): boolean {
  // A one-time item (reservation, perpetual software) has landed once its binding names the
  // order: there is no subscription to wait for, and the planner treats it as bought.
  if (binding?.kind === 'purchase' && binding.orderId !== undefined) {
    return entry.orderIds.includes(binding.orderId);
  }
  if (binding?.subscriptionId === undefined) return false;
  const namesOrder = binding.orderId !== undefined && entry.orderIds.includes(binding.orderId);
  return namesOrder || binding.boundAt >= entry.createdAt;
}

/**
 * What a purchase row's cart line buys (`request.line`: `catalogItemId` =
 * `productId:skuId:availabilityId`, `termDuration`, `billingCycle`), so the planner can match a
 * renamed item to it; `undefined` when the row recorded no line.
 */
function shapeOfRequest(request: unknown): PurchaseShape | undefined {
  const line = (request as { line?: Record<string, unknown> } | null | undefined)?.line;
  if (line === undefined || line === null || typeof line !== 'object') return undefined;
  const catalogItemId = line['catalogItemId'];
  const [productId, skuId] = (typeof catalogItemId === 'string' ? catalogItemId : '').split(':');
  const billing = line['billingCycle'];
  if (!productId || !skuId || typeof billing !== 'string') return undefined;
  const term = line['termDuration'];
  return { productId, skuId, billing, ...(typeof term === 'string' ? { term } : {}) };
}
