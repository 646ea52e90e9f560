import type {
  BlockedCode,
  ItemKey,
  LiveSubscription,
  SubscriptionId,
  SubscriptionItem,
} from '../model/index.js';
import type { CustomerScope } from './customer-scope.js';
import { normaliseBilling } from '../model/index.js';
import { isTerminalStatus } from './live-facts.js';
import { renamedFlight, renamedFlightReason } from './renamed-flight.js';

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

/** product:sku:term:billing, the identity of desired state (docs/spec-reference.md). */
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
    const renamed = renamedFlight(scope, {
      productId: item.product,
      skuId: item.sku,
      term: item.term,
      billing: item.billing,
    });
    if (renamed !== undefined) {
      byItem.set(item.key, blocked('in-flight', renamedFlightReason(scope, renamed, item.key)));
      continue;
    }
    const shape = shapeKey(item.product, item.sku, item.term, item.billing);
    const candidates = byShape.get(shape) ?? [];
    const [only] = candidates;
    const ended = only === undefined ? recentlyEnded(scope, shape, claimedBy) : undefined;
    if (ended !== undefined) byItem.set(item.key, endedMatch(ended, item.key));
    else if (only === undefined) byItem.set(item.key, { kind: 'absent' });
    else if (candidates.length === 1) {
      byItem.set(item.key, blocked('adopt-required', adoptReason(scope, only, item.key), only.id));
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
  const unreadable = (scope.observed.unreadable ?? []).find((u) => u.id?.toLowerCase() === id);
  if (live === undefined && unreadable !== undefined) {
    return blocked(
      'unreadable-live-state',
      `subscription ${id} could not be fully read (${unreadable.problem}): nothing is changed for this item until it reads cleanly`,
      id,
    );
  }
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

/**
 * Why an unbound live subscription of the item's shape needs adopting. When it is bound to an
 * item the spec no longer has, the item was most likely renamed: say how to carry the binding.
 */
function adoptReason(scope: CustomerScope, live: LiveSubscription, key: ItemKey): string {
  const what = `live subscription ${live.id} (${live.offerId}, ${live.quantity} seats) matches`;
  const old = [...scope.bindings.values()].find((b) => b.subscriptionId === live.id);
  if (old !== undefined) {
    return `${what} but is bound to item ${old.item}, which the spec no longer has: if you renamed the item, run \`qm state mv ${scope.customer.id} ${old.item} ${key}\``;
  }
  return `${what} but is not bound: adopt it with \`qm import\` or \`subscriptionId:\``;
}

/**
 * How long after it ended a subscription still answers for an unbound item of its shape. Within
 * it, the item is told about the ended subscription instead of buying again, so the decision does
 * not depend on which state file (or shard) holds the binding: with one, the bound item is
 * `not-active`; without, it is this. Older ones are history (the list returns them forever).
 */
export const RECENTLY_ENDED_DAYS = 30;

/** An expired or deleted subscription of `shape`, ended within {@link RECENTLY_ENDED_DAYS}, that no current item holds. */
function recentlyEnded(
  scope: CustomerScope,
  shape: string,
  claimedBy: ReadonlyMap<SubscriptionId, ItemKey>,
): LiveSubscription | undefined {
  const since = scope.now.getTime() - RECENTLY_ENDED_DAYS * 86_400_000;
  return [...scope.observed.subscriptions]
    .sort((a, b) => (a.id < b.id ? -1 : 1))
    .find((sub) => {
      if (!isTerminalStatus(sub.status) || claimedBy.has(sub.id)) return false;
      if (shapeKey(sub.productId, sub.skuId, sub.termDuration, sub.billingCycle) !== shape)
        return false;
      // An end the wire does not state counts as recent: fail closed.
      const end = Date.parse(sub.commitmentEndDate ?? '');
      return Number.isNaN(end) || end >= since;
    });
}

function endedMatch(ended: LiveSubscription, key: ItemKey): SubscriptionMatch {
  const when =
    ended.commitmentEndDate === undefined ? '' : ` (term end ${ended.commitmentEndDate})`;
  return blocked(
    'not-active',
    `subscription ${ended.id} of the same product, SKU, term and billing is ${ended.status}${when}; buying it again would be a new commitment, so nothing is bought silently. To buy a new one, give item ${key} \`subscriptionId: ${ended.id}\` (it then shows as ended) and add a new item for the new purchase; ${RECENTLY_ENDED_DAYS} days after it ended this item buys again by itself`,
    ended.id,
  );
}
