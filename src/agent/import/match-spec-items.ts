import type {
  Binding,
  DesiredCustomer,
  ItemKey,
  LiveSubscription,
  SubscriptionId,
  SubscriptionItem,
} from '../../model/index.js';
// The planner's own rules, so import binds exactly what a plan reports as `adopt-required`.
import { isTerminalStatus, shapeKey } from '../../planner/index.js';

export interface BoundItem {
  readonly item: ItemKey;
  readonly subscription: LiveSubscription;
}

export interface AmbiguousItem {
  readonly item: ItemKey;
  readonly candidates: readonly LiveSubscription[];
}

/** How a customer's live subscriptions relate to its spec items and bindings. */
export interface SpecCoverage {
  /** Unbound spec items that match exactly one free live subscription: to bind. */
  readonly bind: readonly BoundItem[];
  /** Unbound spec items with several candidates: `subscriptionId:` must choose. */
  readonly ambiguous: readonly AmbiguousItem[];
  /** Live subscriptions (not deleted or expired) that no item manages or could claim. */
  readonly missing: readonly LiveSubscription[];
  /** Keys in use (spec items of both kinds, bindings), lower-cased. */
  readonly taken: Set<string>;
  /** Subscriptions bound to a key the spec does not have (a removed or renamed item). */
  readonly boundKey: ReadonlyMap<string, string>;
}

/**
 * Sorts a customer's live subscriptions out against its spec (none: every live subscription is
 * missing) and the state's bindings, by the planner's rules: a subscription is managed when an
 * item of the spec is bound to it or names it (`subscriptionId:`); an unbound, present item
 * without `subscriptionId:` claims the one free live subscription of its product, SKU, term and
 * billing (several: ambiguous, and none of them is missing); an unbound item that names a live
 * subscription is bound to it. An item bound to a subscription Partner Center no longer lists
 * at all (transferred or removed), or to another one than its `subscriptionId:` names, counts as
 * unbound, so it is bound again. What an unbound tombstone (`ensure: cancelled`) matches is neither
 * bound (as before) nor missing: importing it as an item would keep what the spec cancels. Pure.
 */
export function matchSpecItems(
  spec: DesiredCustomer | undefined,
  live: readonly LiveSubscription[],
  bindings: readonly Binding[],
): SpecCoverage {
  const items = spec?.subscriptions ?? [];
  const keys = new Set<string>([...items, ...(spec?.purchases ?? [])].map((i) => i.key));
  const named = new Map<string, string>(
    items.flatMap((i) => (i.subscriptionId === undefined ? [] : [[i.key, i.subscriptionId]])),
  );
  const taken = new Set([...keys, ...bindings.map((b) => b.item)].map((k) => k.toLowerCase()));
  const managed = new Set<string>();
  const boundKey = new Map<string, string>();
  const boundItems = new Set<string>();
  // Partner Center lists ended subscriptions too: one missing from the list is gone.
  const listed = new Set<string>(live.map((s) => s.id));
  for (const b of bindings) {
    if (b.subscriptionId === undefined) {
      if (keys.has(b.item)) boundItems.add(b.item);
      continue;
    }
    if (!listed.has(b.subscriptionId)) continue;
    // The spec names another subscription than the state binds: the spec wins.
    const wanted = named.get(b.item);
    if (wanted !== undefined && wanted !== b.subscriptionId) continue;
    if (keys.has(b.item)) {
      managed.add(b.subscriptionId);
      boundItems.add(b.item);
    } else boundKey.set(b.subscriptionId, b.item);
  }
  for (const item of items) if (item.subscriptionId !== undefined) managed.add(item.subscriptionId);
  const current = live.filter((s) => !isTerminalStatus(s.status));
  const byId = new Map<SubscriptionId, LiveSubscription>(current.map((s) => [s.id, s]));
  const free = current.filter((s) => !managed.has(s.id));

  const bind: BoundItem[] = [];
  const ambiguous: AmbiguousItem[] = [];
  const claimed = new Set<string>();
  const contested = new Set<string>();
  const sorted = [...items].sort((a, b) => (a.key < b.key ? -1 : 1));
  for (const item of sorted) {
    if (boundItems.has(item.key)) continue;
    if (item.ensure !== 'present') {
      // A tombstone is not bound here, but what it names is not imported as an item to keep.
      if (item.subscriptionId === undefined)
        for (const s of free) if (sameShape(item, s)) contested.add(s.id);
      continue;
    }
    if (item.subscriptionId !== undefined) {
      const named = byId.get(item.subscriptionId);
      if (named !== undefined) bind.push({ item: item.key, subscription: named });
      continue;
    }
    const candidates = free.filter((s) => !claimed.has(s.id) && sameShape(item, s));
    const [only] = candidates;
    if (candidates.length === 1 && only !== undefined) {
      claimed.add(only.id);
      bind.push({ item: item.key, subscription: only });
    } else if (candidates.length > 1) {
      ambiguous.push({ item: item.key, candidates });
      for (const c of candidates) contested.add(c.id);
    }
  }
  const missing = free.filter((s) => !claimed.has(s.id) && !contested.has(s.id));
  return { bind, ambiguous, missing, taken, boundKey };
}

function sameShape(item: SubscriptionItem, s: LiveSubscription): boolean {
  return (
    shapeKey(s.productId, s.skuId, s.termDuration, s.billingCycle) ===
    shapeKey(item.product, item.sku, item.term, item.billing)
  );
}
