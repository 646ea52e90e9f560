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
}
