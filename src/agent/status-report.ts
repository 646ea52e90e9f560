import type { DesiredState, InFlightPurchase, ObservedCustomer, Plan } from '../model/index.js';
import { buildPlan } from '../planner/index.js';
import { readCachedCatalog } from './load-catalog.js';
import type { StateReadPort } from './ports.js';

export interface ActivationLinkNote {
  readonly customerId: string;
  readonly item: string;
  readonly orderIds: readonly string[];
  readonly links: readonly string[];
  readonly at: string;
}

export interface StatusReport {
  /** When each customer was last read from Partner Center. */
  readonly observedAt: readonly { readonly customerId: string; readonly observedAt: string }[];
  /** The plan the last snapshot implies: actions are drift, plus blocked and unmanaged. */
  readonly plan: Plan;
  readonly managed: number;
  readonly inFlight: readonly InFlightPurchase[];
  readonly activationLinks: readonly ActivationLinkNote[];
}

/**
 * `qm status` without the network: what the state store remembers (bindings, purchases in
 * flight, SaaS activation links) and the plan the last refresh implies (drift, blocked,
 * unmanaged). Catalog facts come from the cache; an expired entry reads as unknown.
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
  return {
    observedAt: snapshots.map((s) => ({ customerId: s.customerId, observedAt: s.observedAt })),
    plan,
    managed: bindings.filter((b) => ids.has(b.customerId)).length,
    inFlight,
    activationLinks: store.journal.list({ limit: 1000 }).flatMap((row): ActivationLinkNote[] => {
      const links =
        (row.response as { activationLinks?: string[] } | undefined)?.activationLinks ?? [];
      return row.step === 'checkout' && links.length > 0
        ? [
            {
              customerId: row.customerId,
              item: row.item ?? '',
              orderIds: row.orderIds,
              links,
              at: row.createdAt,
            },
          ]
        : [];
    }),
  };
}
