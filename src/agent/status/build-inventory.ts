import type {
  Binding,
  DesiredCustomer,
  DesiredState,
  LiveSubscription,
  ObservedCustomer,
  Plan,
} from '../../model/index.js';
import { shapeKey } from '../../planner/index.js';
import type { RenewalEntry } from '../renewals/index.js';
import type { AgentChange } from './fold-journal.js';
import type { InventoryCustomer, InventoryItem, UnmanagedSubscription } from './inventory.js';
import { purchaseRow, subscriptionRow, type CustomerContext } from './inventory-item.js';

/** What the inventory is built from; every list may hold other customers too. */
export interface InventoryInput {
  readonly desired: DesiredState;
  /** The last snapshots, with the agent's later changes folded in (`foldJournal`). */
  readonly snapshots: readonly ObservedCustomer[];
  /** The plan those snapshots imply, without the actions the agent already applied since. */
  readonly plan: Plan;
  readonly bindings: readonly Binding[];
  /** The renewal calendar of the same snapshots (`buildRenewals`). */
  readonly renewals: readonly RenewalEntry[];
  readonly changes: readonly AgentChange[];
  /** The product name of an item when known (journal, plan, snapshots). */
  readonly nameOf: (customerId: string, item: string) => string | undefined;
}

/** Names as people read them: case and accents aside, `Customer 2` before `Customer 10`. */
const BY_NAME = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/**
 * The inventory (docs/cli-status-history.md): customers by name (then id), their spec items by
 * key, each with its seats, term, autorenew, renewal, windows and state, and the live
 * subscriptions no item manages. Pure. A live subscription appears once: under the item that
 * manages it or matches it (`adopt-required`), else under `unmanaged`.
 */
export function buildInventory(input: InventoryInput): InventoryCustomer[] {
  const snapshots = new Map(input.snapshots.map((s) => [s.customerId as string, s]));
  const customers = [...input.desired.customers].sort(
    (a, b) => BY_NAME.compare(a.name, b.name) || compare(a.id, b.id),
  );
  return customers.map((customer) => buildCustomer(customer, snapshots.get(customer.id), input));
}

/** Each list grouped by customer once (not filtered per customer: 5,000 customers). */
const GROUPED = new WeakMap<readonly object[], Map<string, unknown[]>>();
function byCustomer<T extends { readonly customerId: string }>(
  list: readonly T[],
): Map<string, T[]> {
  let groups = GROUPED.get(list);
  if (groups === undefined) {
    groups = new Map();
    for (const entry of list) {
      const group = groups.get(entry.customerId);
      if (group === undefined) groups.set(entry.customerId, [entry]);
      else group.push(entry);
    }
    GROUPED.set(list, groups);
  }
  return groups as Map<string, T[]>;
}

function buildCustomer(
  customer: DesiredCustomer,
  snapshot: ObservedCustomer | undefined,
  input: InventoryInput,
): InventoryCustomer {
  const mine = <T extends { readonly customerId: string }>(list: readonly T[]): T[] =>
    byCustomer(list).get(customer.id) ?? [];
  const context: CustomerContext = {
    customer,
    snapshot,
    actions: mine(input.plan.actions),
    blocked: mine(input.plan.blocked),
    bindings: new Map(mine(input.bindings).map((b) => [b.item as string, b])),
    renewals: new Map(mine(input.renewals).map((r) => [r.item as string, r])),
    changes: mine(input.changes),
    nameOf: (item) => input.nameOf(customer.id, item),
  };
  const items = [
    ...customer.subscriptions.map((item) => subscriptionRow(item, context)),
    ...customer.purchases.map((item) => purchaseRow(item, context)),
  ].sort((a, b) => compare(a.item, b.item));
  const listed = new Set(
    items.flatMap((i) => (i.subscriptionId === undefined ? [] : [i.subscriptionId])),
  );
  const unmanaged = mine(input.plan.unmanaged)
    .filter((u) => !listed.has(u.subscriptionId))
    .map((u): UnmanagedSubscription => {
      const live = snapshot?.subscriptions.find((s) => s.id === u.subscriptionId);
      const candidateFor = live === undefined ? [] : candidatesFor(live, items, customer);
      return {
        subscriptionId: u.subscriptionId,
        ...(u.productName === undefined ? {} : { productName: u.productName }),
        offerId: u.offerId,
        quantity: u.quantity,
        status: u.status,
        ...(candidateFor.length === 0 ? {} : { candidateFor }),
      };
    })
    .sort((a, b) => compare(a.subscriptionId, b.subscriptionId));
  return {
    customerId: customer.id,
    customerName: customer.name,
    specFile: customer.file,
    ...(snapshot === undefined ? {} : { observedAt: snapshot.observedAt }),
    items,
    unmanaged,
  };
}
function candidatesFor(
  live: LiveSubscription,
  rows: readonly InventoryItem[],
  customer: DesiredCustomer,
): InventoryItem['item'][] {
  const shape = shapeKey(live.productId, live.skuId, live.termDuration, live.billingCycle);
  const waiting = new Set(
    rows
      .filter((r) => r.blocked?.code === 'ambiguous-match' && r.subscriptionId === undefined)
      .map((r) => r.item as string),
  );
  return customer.subscriptions
    .filter((s) => waiting.has(s.key) && shapeKey(s.product, s.sku, s.term, s.billing) === shape)
    .map((s) => s.key);
}

/** The unbound subscription a blocked entry names as this item's match (never another item's). */ function compare(
  a: string,
  b: string,
): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
