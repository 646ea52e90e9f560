import {
  buildStatusReport,
  type InventoryCustomer,
  type InventoryItem,
  type RenewalPrice,
} from '../agent/index.js';
import type { CurrencyCost, DesiredState } from '../model/index.js';
import type { SavedPlan, StateStore } from '../state/index.js';
import { buildAttention } from './build-attention.js';
import { priceFromCache } from './price-view.js';
import type {
  CustomerHealth,
  CustomerView,
  EstateCounts,
  EstateData,
  ItemView,
  PlanHeadline,
} from './estate-view.js';

/** How many of the newest saved plans the view holds headlines of. */
export const PLANS_LISTED = 20;
/** Reconcile cycles (as opposed to `plan` and `state …` repairs) for "last cycle". */
const CYCLE_COMMANDS = new Set(['run', 'apply']);

export interface EstateInput {
  /** Open for reading (the dashboard never writes); absent: no state store yet. */
  readonly store: StateStore | undefined;
  readonly desired: DesiredState;
  readonly now: Date;
  readonly problems: readonly string[];
}

/**
 * The dashboard's view of the estate: the inventory `qm status` builds (agent/status), priced
 * from the cached price sheets, with the attention list, renewal calendar, newest saved plans
 * and last runs. This is the one place the pages' data comes from: swap the builder here.
 * Reads only; never touches the network.
 */
export function buildEstateView(input: EstateInput): EstateData {
  const { store, desired, now } = input;
  if (store === undefined) return emptyView(input, desired);
  const report = buildStatusReport(store, desired, now);
  const renewals = priceFromCache(store, report.renewals, desired, now);
  const prices = new Map<string, RenewalPrice>();
  for (const r of renewals)
    if (r.price !== undefined) prices.set(`${r.customerId}|${r.item}`, r.price);
  const customers = report.customers.map((c) => customerView(c, prices));
  const plans = store.plans.list(PLANS_LISTED).map(headline);
  const runs = store.runs.listRuns(50);
  const seen = report.observedAt.map((o) => o.observedAt).sort();
  const oldest = seen[0];
  const newest = seen[seen.length - 1];
  return {
    builtAt: now.toISOString(),
    ...(oldest === undefined || newest === undefined ? {} : { observed: { oldest, newest } }),
    counts: countEstate(customers),
    customers,
    attention: buildAttention({
      customers,
      renewals,
      inDoubt: store.journal.listInFlight(),
      newestPlan: plans[0],
      olderPlans: Math.max(0, plans.length - 1),
    }),
    renewals,
    plans,
    ...withDefined('lastRun', runs[0]),
    ...withDefined(
      'lastCycle',
      runs.find((r) => CYCLE_COMMANDS.has(r.command)),
    ),
    problems: input.problems,
  };
}

function emptyView(input: EstateInput, desired: DesiredState): EstateData {
  const customers = desired.customers
    .map((c): InventoryCustomer => ({
      customerId: c.id,
      customerName: c.name,
      specFile: c.file,
      items: [],
      unmanaged: [],
    }))
    .map((c) => customerView(c, new Map()))
    .sort((a, b) => a.customerName.localeCompare(b.customerName));
  return {
    builtAt: input.now.toISOString(),
    counts: countEstate(customers),
    customers,
    attention: [],
    renewals: [],
    plans: [],
    problems: input.problems,
  };
}

/** Item state → the headline it counts under. */
function healthOf(item: InventoryItem): CustomerHealth {
  switch (item.state) {
    case 'absent':
    case 'drifted':
      return 'drifted';
    case 'blocked':
    case 'adopt-required':
      return 'blocked';
    case 'in-flight':
      return 'in-flight';
    case 'unobserved':
      return 'unobserved';
    default:
      return 'in-sync';
  }
}

/** Blocked beats drifted beats in flight beats unobserved beats in sync. */
const HEALTH_RANK: readonly CustomerHealth[] = [
  'blocked',
  'drifted',
  'in-flight',
  'unobserved',
  'in-sync',
];

function customerView(
  customer: InventoryCustomer,
  prices: ReadonlyMap<string, NonNullable<ItemView['price']>>,
): CustomerView {
  const counts: Record<CustomerHealth, number> = {
    'in-sync': 0,
    drifted: 0,
    blocked: 0,
    'in-flight': 0,
    unobserved: 0,
  };
  const items = customer.items.map((item): ItemView => {
    counts[healthOf(item)] += 1;
    const price = prices.get(`${customer.customerId}|${item.item}`);
    return price === undefined ? item : { ...item, price };
  });
  const health =
    customer.observedAt === undefined
      ? 'unobserved'
      : (HEALTH_RANK.find((h) => h !== 'unobserved' && counts[h] > 0) ?? 'in-sync');
  return { ...customer, items, health, counts };
}

function countEstate(customers: readonly CustomerView[]): EstateCounts {
  const sum = (f: (c: CustomerView) => number): number => customers.reduce((n, c) => n + f(c), 0);
  return {
    customers: customers.length,
    items: sum((c) => c.items.length),
    managed: sum(
      (c) =>
        c.items.filter((i) => i.subscriptionId !== undefined || i.orderId !== undefined).length,
    ),
    inSync: sum((c) => c.counts['in-sync']),
    drifted: sum((c) => c.counts.drifted),
    blocked: sum((c) => c.counts.blocked),
    inFlight: sum((c) => c.counts['in-flight']),
    unobserved: sum((c) => c.counts.unobserved),
    unmanaged: sum((c) => c.unmanaged.length),
  };
}

function headline(saved: SavedPlan): PlanHeadline {
  const { plan } = saved;
  const cost: Record<string, CurrencyCost> = {};
  let unpriced = 0;
  for (const [currency, value] of Object.entries(plan.summary.cost ?? {})) {
    if (typeof value === 'number') unpriced = value;
    else cost[currency] = value;
  }
  return {
    id: saved.id,
    savedAt: saved.savedAt,
    createdAt: plan.basis.createdAt,
    actions: plan.actions.length,
    byKind: plan.summary.actions,
    blocked: plan.blocked.length,
    customers: new Set(plan.actions.map((a) => a.customerId)).size,
    irreversible: plan.summary.irreversible,
    cost,
    unpriced,
  };
}

function withDefined<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
