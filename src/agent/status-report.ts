import type { DesiredState, InFlightPurchase, ObservedCustomer, Plan } from '../model/index.js';
import { buildPlan } from '../planner/index.js';
import { readCachedCatalog } from './load-catalog.js';
import type { StateReadPort } from './ports.js';
import { createProductNames } from './product-names.js';
import { buildRenewals, findManagedSubscriptions, type RenewalEntry } from './renewals/index.js';

export interface ActivationLinkNote {
  readonly customerId: string;
  readonly item: string;
  /** The product's name (display only), when the store knows it. */
  readonly productName?: string;
  readonly orderIds: readonly string[];
  readonly links: readonly string[];
  readonly at: string;
}

/** A purchase in flight, with its product's name (display only) when known. */
export type InFlightNote = InFlightPurchase & { readonly productName?: string };

export interface StatusReport {
  /** When each customer was last read from Partner Center. */
  readonly observedAt: readonly { readonly customerId: string; readonly observedAt: string }[];
  /** The plan the last snapshot implies: actions are drift, plus blocked and unmanaged. */
  readonly plan: Plan;
  readonly managed: number;
  readonly inFlight: readonly InFlightNote[];
  readonly activationLinks: readonly ActivationLinkNote[];
  /**
   * Every managed subscription's next renewal and what it renews into (scheduled changes
   * included), from the last snapshots, unpriced; sorted by renewal (docs/cli-renewals.md).
   */
  readonly renewals: readonly RenewalEntry[];
}

/**
 * `qm status` without the network: what the state store remembers (bindings, purchases in
 * flight, SaaS activation links) and the plan the last refresh implies (drift, blocked,
 * unmanaged), and the renewal calendar those snapshots imply (unpriced). Catalog facts come from
 * the cache; an expired entry reads as unknown. Products are named as the plan names them, else
 * from the journal and snapshots (agent/product-names.ts).
 */
export function buildStatusReport(
  store: StateReadPort,
  desired: DesiredState,
  now: Date,
): StatusReport {
  const ids = new Set(desired.customers.map((c) => c.id));
  const snapshots: ObservedCustomer[] = store.snapshots.list().filter((s) => ids.has(s.customerId));
  const observed = { customers: snapshots, failures: [] };
  const inFlight = store.listInFlightPurchases();
  const catalog = readCachedCatalog(store, desired).views;
  const bindings = store.bindings.list();
  const renewals = buildRenewals({
    managed: findManagedSubscriptions(desired.customers, snapshots, bindings),
    now,
    catalog,
  });
  const plan = buildPlan({
    desired,
    observed,
    bindings,
    inFlight,
    catalog,
    policy: {
      autoApply: [],
      limits: {
        maxSeatIncrease: Number.MAX_SAFE_INTEGER,
        maxNewPurchases: Number.MAX_SAFE_INTEGER,
        maxCancellations: Number.MAX_SAFE_INTEGER,
        maxShrinkingItems: { kind: 'share', percent: 100 },
      },
    },
    now,
    basis: {
      stateSerial: store.currentSerial(),
    },
  });
  const rows = store.journal.list({ limit: 1000 });
  const names = createProductNames(rows, { snapshots, bindings });
  const planned = namesInPlan(plan);
  const nameOf = (customerId: string, item: string): string | undefined =>
    names.ofItem(customerId, item) ?? planned.get(`${customerId}|${item}`);
  return {
    observedAt: snapshots.map((s) => ({ customerId: s.customerId, observedAt: s.observedAt })),
    plan,
    managed: bindings.filter((b) => ids.has(b.customerId)).length,
    inFlight: inFlight.map((f): InFlightNote => {
      const name = nameOf(f.customerId, f.item);
      return name === undefined ? f : { ...f, productName: name };
    }),
    activationLinks: rows.flatMap((row): ActivationLinkNote[] => {
      const links =
        (row.response as { activationLinks?: string[] } | undefined)?.activationLinks ?? [];
      if (row.step !== 'checkout' || links.length === 0) return [];
      const item = row.item ?? '';
      const name = names.ofRow(row).productName ?? nameOf(row.customerId, item);
      return [
        {
          customerId: row.customerId,
          item,
          ...(name === undefined ? {} : { productName: name }),
          orderIds: row.orderIds,
          links,
          at: row.createdAt,
        },
      ];
    }),
    renewals,
  };
}

/** The names the plan gave its actions and blocked entries, by customer and item. */
function namesInPlan(plan: Plan): Map<string, string> {
  const out = new Map<string, string>();
  for (const entry of [...plan.actions, ...plan.blocked])
    if (entry.productName !== undefined)
      out.set(`${entry.customerId}|${entry.item}`, entry.productName);
  return out;
}
