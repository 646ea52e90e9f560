import { normaliseBilling } from './catalog.js';
import type { CustomerId, ItemKey, OrderId, SubscriptionId, ActionKey } from './ids.js';

/**
 * The state store's memory of which live thing a spec item manages. A subscription item binds
 * to a subscription id; a one-time purchase binds to the order (and, once visible, the
 * subscription/entitlement) it produced, plus what was bought so later edits can be refused.
 */
export interface Binding {
  readonly customerId: CustomerId;
  readonly item: ItemKey;
  readonly kind: 'subscription' | 'purchase';
  readonly subscriptionId?: SubscriptionId;
  readonly orderId?: OrderId;
  /** Purchases: the fields bought (product, sku, quantity, term, …), canonical JSON. */
  readonly purchased?: Readonly<Record<string, string | number>>;
  readonly boundAt: string;
}

/**
 * A purchase whose checkout returned (or may have returned) orders that are not yet visible as
 * subscriptions/entitlements. The planner answers it with `in-flight`, never a second purchase.
 */
export interface InFlightPurchase {
  readonly customerId: CustomerId;
  readonly item: ItemKey;
  readonly actionKey: ActionKey;
  readonly orderIds: readonly OrderId[];
  readonly cartId?: string;
  readonly since: string;
  /** What the cart line bought, when the journal recorded it: a renamed item still matches it. */
  readonly shape?: PurchaseShape;
}

/** The identity of a purchase, whatever its spec key: product, SKU, term and billing cycle. */
export interface PurchaseShape {
  readonly productId: string;
  readonly skuId: string;
  /** Absent for items without a term (perpetual software). */
  readonly term?: string;
  readonly billing: string;
}

/** True when `shape` buys the same product, SKU, term and billing (case-insensitive). */
export function sameShape(shape: PurchaseShape, wanted: PurchaseShape): boolean {
  const same = (a: string | undefined, b: string | undefined): boolean =>
    (a ?? '').toLowerCase() === (b ?? '').toLowerCase();
  return (
    same(shape.productId, wanted.productId) &&
    same(shape.skuId, wanted.skuId) &&
    same(shape.term, wanted.term) &&
    normaliseBilling(shape.billing) === normaliseBilling(wanted.billing)
  );
}
