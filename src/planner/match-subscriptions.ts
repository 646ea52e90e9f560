import type {
  BlockedCode,
  ItemKey,
  LiveSubscription,
  SubscriptionId,
  SubscriptionItem,
} from '../model/index.js';
import type { CustomerScope } from './customer-scope.js';
import { isTerminalStatus, normaliseBilling } from './live-facts.js';

/** How a subscription item relates to the live subscriptions of its customer. */
export type SubscriptionMatch =
  | { readonly kind: 'matched'; readonly live: LiveSubscription }
  /** Nothing live corresponds: buy it (or, for a tombstone, nothing to do). */
  | { readonly kind: 'absent' }
  | {
      readonly kind: 'blocked';
      readonly code: BlockedCode;
      readonly reason: string;
      readonly subscriptionId?: SubscriptionId;
    };

export interface SubscriptionMatches {
  readonly byItem: ReadonlyMap<ItemKey, SubscriptionMatch>;
  /** Live subscriptions some current item manages (bound, or named by `subscriptionId:`). */
  readonly managed: ReadonlySet<SubscriptionId>;
}

/** product:sku:term:billing, the identity of desired state (DESIGN §2). */
export function shapeKey(productId: string, skuId: string, term: string, billing: string): string {
  return `${productId}:${skuId}:${term}:${normaliseBilling(billing)}`.toLowerCase();
}

const blocked = (
  code: BlockedCode,
  reason: string,
  subscriptionId?: SubscriptionId,
): SubscriptionMatch =>
  subscriptionId === undefined
    ? { kind: 'blocked', code, reason }
    : { kind: 'blocked', code, reason, subscriptionId };

/**
 * Matches every subscription item of one customer, in two passes so explicit links win:
 * 1. a binding, else the spec's `subscriptionId:` (the two disagreeing, or two items claiming one
 *    subscription, is `ambiguous-match`; a bound id that is not live is `in-flight` when a
 *    purchase for the item is in flight, else `not-active`);
 * 2. otherwise a purchase in flight for the item is `in-flight`, and live subscriptions that are
 *    not deleted/expired, have the item's product + SKU + term + billing and no current item
 *    manages are candidates: one is `adopt-required`, several `ambiguous-match`, none `absent`.
 *    A subscription bound to an item that left the spec counts as a candidate, so renaming a key
 *    reports it instead of buying a duplicate.
 */
export function matchSubscriptions(scope: CustomerScope): SubscriptionMatches {
  const byItem = new Map<ItemKey, SubscriptionMatch>();
  const claimedBy = new Map<SubscriptionId, ItemKey>();
  const liveById = new Map<SubscriptionId, LiveSubscription>();
  for (const sub of scope.observed.subscriptions) liveById.set(sub.id, sub);
  const items = [...scope.customer.subscriptions].sort((a, b) => (a.key < b.key ? -1 : 1));

  const heuristic: SubscriptionItem[] = [];
  for (const item of items) {
    const explicit = matchExplicit(scope, item, liveById, claimedBy);
    if (explicit === undefined) heuristic.push(item);
    else byItem.set(item.key, explicit);
  }

  const byShape = new Map<string, LiveSubscription[]>();
  for (const sub of [...scope.observed.subscriptions].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    if (isTerminalStatus(sub.status) || claimedBy.has(sub.id)) continue;
    const key = shapeKey(sub.productId, sub.skuId, sub.termDuration, sub.billingCycle);
    const list = byShape.get(key) ?? [];
    list.push(sub);
    byShape.set(key, list);
  }
  for (const item of heuristic) {
    const flight = scope.inFlight.get(item.key);
    if (flight !== undefined) {
      const orders = flight.orderIds.join(', ') || 'unknown';
      byItem.set(
        item.key,
        blocked(
          'in-flight',
          `waiting: purchase placed ${flight.since} (order ${orders}) is not visible yet`,
        ),
      );
      continue;
    }
    const candidates = byShape.get(shapeKey(item.product, item.sku, item.term, item.billing)) ?? [];
    const [only] = candidates;
    if (only === undefined) byItem.set(item.key, { kind: 'absent' });
    else if (candidates.length === 1) {
      byItem.set(
        item.key,
        blocked(
          'adopt-required',
          `live subscription ${only.id} (${only.offerId}, ${only.quantity} seats) matches but is not bound: adopt it with \`qm import\` or \`subscriptionId:\``,
          only.id,
        ),
      );
    } else {
      const ids = candidates.map((c) => c.id).join(', ');
      byItem.set(
        item.key,
        blocked(
          'ambiguous-match',
          `${candidates.length} unbound live subscriptions match (${ids}): pick one with \`qm import\` or \`subscriptionId:\``,
        ),
      );
    }
  }
  return { byItem, managed: new Set(claimedBy.keys()) };
}

function matchExplicit(
  scope: CustomerScope,
  item: SubscriptionItem,
  liveById: ReadonlyMap<SubscriptionId, LiveSubscription>,
  claimedBy: Map<SubscriptionId, ItemKey>,
): SubscriptionMatch | undefined {
  const binding = scope.bindings.get(item.key);
  const boundId = binding?.subscriptionId;
  if (binding !== undefined && boundId === undefined) {
    const order = binding.orderId ?? 'unknown';
    return blocked(
      'in-flight',
      `waiting: order ${order} is bound but its subscription is not visible yet`,
    );
  }
  if (
    boundId !== undefined &&
    item.subscriptionId !== undefined &&
    boundId !== item.subscriptionId
  ) {
    return blocked(
      'ambiguous-match',
      `the spec names subscription ${item.subscriptionId} but the state binds ${boundId}: fix the spec or re-bind with \`qm import\``,
      boundId,
    );
  }
  const id = boundId ?? item.subscriptionId;
  if (id === undefined) return undefined;
  const other = claimedBy.get(id);
  if (other !== undefined) {
    return blocked('ambiguous-match', `subscription ${id} is already managed by item ${other}`, id);
  }
  const live = liveById.get(id);
  if (live === undefined) {
    const flight = scope.inFlight.get(item.key);
    if (flight !== undefined) {
      return blocked(
        'in-flight',
        `waiting: subscription ${id} from the purchase placed ${flight.since} is not visible yet`,
        id,
      );
    }
    const how = boundId !== undefined ? 'bound' : 'named in the spec';
    return blocked(
      'not-active',
      `subscription ${id} (${how}) is not in Partner Center's list for this customer: transferred or removed? Re-bind with \`qm import\``,
      id,
    );
  }
  claimedBy.set(id, item.key);
  return { kind: 'matched', live };
}
