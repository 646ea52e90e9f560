import type {
  Binding,
  BlockedEntry,
  DesiredCustomer,
  LiveSubscription,
  ObservedCustomer,
  PlanAction,
  PurchaseItem,
  SubscriptionItem,
} from '../../model/index.js';
import { shapeKey } from '../../planner/index.js';
import type { RenewalEntry } from '../renewals/index.js';
import type { AgentChange } from './fold-journal.js';
import type { InventoryItem, ItemChange, ItemState } from './inventory.js';

/** One customer's share of the inventory input, indexed by item key. */
export interface CustomerContext {
  readonly customer: DesiredCustomer;
  readonly snapshot: ObservedCustomer | undefined;
  readonly actions: readonly PlanAction[];
  readonly blocked: readonly BlockedEntry[];
  readonly bindings: ReadonlyMap<string, Binding>;
  readonly renewals: ReadonlyMap<string, RenewalEntry>;
  readonly changes: readonly AgentChange[];
  readonly nameOf: (item: string) => string | undefined;
}

/** The row of a subscription item: its live subscription (bound, named or matched), renewal, state. */
export function subscriptionRow(item: SubscriptionItem, c: CustomerContext): InventoryItem {
  const common = commonFields(item.key, c);
  const binding = c.bindings.get(item.key);
  const id = binding?.subscriptionId ?? item.subscriptionId ?? matchedId(common.blockedEntry);
  const live = id === undefined ? undefined : c.snapshot?.subscriptions.find((s) => s.id === id);
  const renewal = c.renewals.get(item.key);
  const differs =
    live !== undefined &&
    (shapeKey(live.productId, live.skuId, live.termDuration, live.billingCycle) !==
      shapeKey(item.product, item.sku, item.term, item.billing) ||
      live.status.toLowerCase() !== 'active');
  const name = common.name ?? renewal?.productName ?? friendly(live);
  return {
    item: item.key,
    kind: 'subscription',
    ...(name === undefined ? {} : { productName: name }),
    productId: item.product,
    skuId: item.sku,
    term: item.term,
    billing: item.billing,
    ...(item.ensure === 'cancelled' ? { ensure: 'cancelled' as const } : {}),
    seats: {
      ...(item.quantity === undefined ? {} : { desired: item.quantity }),
      ...(live === undefined ? {} : { live: live.quantity }),
    },
    autoRenew: {
      desired: item.autoRenew,
      ...(live === undefined ? {} : { live: live.autoRenewEnabled }),
    },
    ...(id === undefined ? {} : { subscriptionId: id }),
    ...(binding?.orderId === undefined ? {} : { orderId: binding.orderId }),
    ...(differs ? { live: liveShape(live) } : {}),
    ...renewalFields(renewal),
    state: stateOf(c, common, item.ensure === 'cancelled'),
    planned: common.planned,
    ...(common.block === undefined ? {} : { blocked: common.block }),
    ...(common.changed === undefined ? {} : { changed: common.changed }),
  };
}

/** The row of a one-time item: what was bought (its binding), state. */
export function purchaseRow(item: PurchaseItem, c: CustomerContext): InventoryItem {
  const common = commonFields(item.key, c);
  const binding = c.bindings.get(item.key);
  const bought = binding?.purchased?.['quantity'];
  return {
    item: item.key,
    kind: item.kind,
    ...(common.name === undefined ? {} : { productName: common.name }),
    productId: item.product,
    skuId: item.sku,
    ...(item.term === undefined ? {} : { term: item.term }),
    billing: item.billing,
    seats: { desired: item.quantity, ...(typeof bought === 'number' ? { live: bought } : {}) },
    ...(binding?.subscriptionId === undefined ? {} : { subscriptionId: binding.subscriptionId }),
    ...(binding?.orderId === undefined ? {} : { orderId: binding.orderId }),
    state: stateOf(c, common, false),
    planned: common.planned,
    ...(common.block === undefined ? {} : { blocked: common.block }),
    ...(common.changed === undefined ? {} : { changed: common.changed }),
  };
}

interface CommonFields {
  readonly name: string | undefined;
  readonly planned: InventoryItem['planned'];
  readonly blockedEntry: BlockedEntry | undefined;
  readonly block: InventoryItem['blocked'];
  readonly changed: ItemChange | undefined;
}

function commonFields(key: string, c: CustomerContext): CommonFields {
  const actions = c.actions.filter((a) => a.item === key);
  const blockedEntry = c.blocked.find((b) => b.item === key);
  const name =
    c.nameOf(key) ??
    [...actions, ...(blockedEntry === undefined ? [] : [blockedEntry])].find(
      (e) => e.productName !== undefined,
    )?.productName;
  const changes = c.changes.filter((ch) => ch.item === key);
  const last = changes[changes.length - 1];
  return {
    name,
    planned: actions.map((a) => ({ kind: a.kind, key: a.key, reason: a.reason })),
    blockedEntry,
    block:
      blockedEntry === undefined
        ? undefined
        : { code: blockedEntry.code, reason: blockedEntry.reason },
    changed:
      last === undefined
        ? undefined
        : { at: last.at, kinds: [...new Set(changes.map((ch) => ch.kind))] },
  };
}

/** The state rule of {@link ItemState}: waiting beats blocked beats planned beats in sync. */
function stateOf(c: CustomerContext, common: CommonFields, tombstone: boolean): ItemState {
  if (c.snapshot === undefined) return 'unobserved';
  const code = common.block?.code;
  if (code === 'in-flight') return 'in-flight';
  if (code === 'adopt-required') return 'adopt-required';
  if (code !== undefined) return 'blocked';
  if (common.planned.some((p) => p.kind === 'purchase')) return 'absent';
  if (common.planned.length > 0) return 'drifted';
  return tombstone ? 'tombstone' : 'managed';
}

function renewalFields(renewal: RenewalEntry | undefined): Partial<InventoryItem> {
  if (renewal === undefined) return {};
  const deadlines = renewal.deadlines;
  return {
    ...(renewal.renewsAt === undefined ? {} : { renewsAt: renewal.renewsAt }),
    ...(renewal.daysLeft === undefined ? {} : { daysLeft: renewal.daysLeft }),
    ...(renewal.next?.scheduled === true
      ? {
          scheduledChange: {
            productId: renewal.next.productId,
            skuId: renewal.next.skuId,
            termDuration: renewal.next.termDuration,
            billingCycle: renewal.next.billingCycle,
            quantity: renewal.next.quantity,
          },
        }
      : {}),
    ...(renewal.ends === true ? { endsAtRenewal: true as const } : {}),
    ...(Object.keys(deadlines).length === 0 ? {} : { deadlines }),
  };
}

/** Unbound items of the subscription's shape that did not get it (`ambiguous-match`). */ function matchedId(
  entry: BlockedEntry | undefined,
): BlockedEntry['subscriptionId'] {
  return entry?.code === 'adopt-required' || entry?.code === 'not-active'
    ? entry.subscriptionId
    : undefined;
}

function liveShape(live: LiveSubscription): NonNullable<InventoryItem['live']> {
  return {
    productId: live.productId,
    skuId: live.skuId,
    termDuration: live.termDuration,
    billingCycle: live.billingCycle,
    status: live.status,
  };
}

function friendly(live: LiveSubscription | undefined): string | undefined {
  const name = live?.friendlyName.trim();
  return name === undefined || name === '' ? undefined : name;
}
