import type {
  Binding,
  DesiredCustomer,
  ItemKey,
  LiveSubscription,
  ObservedCustomer,
} from '../../model/index.js';
import { isTerminalStatus } from '../../planner/index.js';

/** A live subscription and the spec item that manages it. */
export interface ManagedSubscription {
  readonly customer: DesiredCustomer;
  readonly item: ItemKey;
  readonly live: LiveSubscription;
}

/**
 * The live subscriptions the spec manages, by the planner's rule (`matchSubscriptions`'
 * `managed`): an item's binding, else its `subscriptionId:`, names a subscription in the
 * customer's list. Items are taken in key order and a subscription goes to the first item that
 * names it; an item whose binding and `subscriptionId:` disagree manages nothing (the plan
 * blocks it `ambiguous-match`). A live subscription that merely has an item's shape is not
 * managed until it is adopted (`adopt-required`). Deleted and expired subscriptions renew no
 * more and are left out. Customers without a snapshot are skipped.
 */
export function findManagedSubscriptions(
  customers: readonly DesiredCustomer[],
  observed: readonly ObservedCustomer[],
  bindings: readonly Binding[],
): ManagedSubscription[] {
  const snapshots = new Map(observed.map((o) => [o.customerId, o]));
  const bound = new Map<string, Binding>();
  for (const b of bindings)
    if (b.kind === 'subscription') bound.set(`${b.customerId}|${b.item}`, b);
  const out: ManagedSubscription[] = [];
  for (const customer of customers) {
    const snapshot = snapshots.get(customer.id);
    if (snapshot === undefined) continue;
    const live = new Map(snapshot.subscriptions.map((s) => [s.id, s]));
    const claimed = new Set<string>();
    const items = [...customer.subscriptions].sort((a, b) => (a.key < b.key ? -1 : 1));
    for (const item of items) {
      const boundId = bound.get(`${customer.id}|${item.key}`)?.subscriptionId;
      if (
        boundId !== undefined &&
        item.subscriptionId !== undefined &&
        boundId !== item.subscriptionId
      )
        continue;
      const id = boundId ?? item.subscriptionId;
      if (id === undefined || claimed.has(id)) continue;
      const sub = live.get(id);
      if (sub === undefined) continue;
      claimed.add(id);
      if (!isTerminalStatus(sub.status)) out.push({ customer, item: item.key, live: sub });
    }
  }
  return out;
}
