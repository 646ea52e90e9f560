import type { DesiredState, InFlightPurchase, Plan } from '../../model/index.js';
import { buildPlan, summarize } from '../../planner/index.js';
import { readCachedCatalog } from '../load-catalog.js';
import type { JournalEntry, StateReadPort } from '../ports.js';
import { createProductNames } from '../product-names.js';
import { buildRenewals, findManagedSubscriptions, type RenewalEntry } from '../renewals/index.js';
import { buildInventory } from './build-inventory.js';
import { foldJournal } from './fold-journal.js';
import type { InventoryCustomer } from './inventory.js';

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
  /**
   * The inventory: per customer (by name) every spec item with its state, and the live
   * subscriptions no item manages (agent/status/inventory.ts).
   */
  readonly customers: readonly InventoryCustomer[];
  /**
   * The plan the last snapshots imply once the agent's later changes are folded in: actions are
   * drift, plus blocked and unmanaged. Actions the journal shows applied since are left out.
   */
  readonly plan: Plan;
  readonly managed: number;
  readonly inFlight: readonly InFlightNote[];
  readonly activationLinks: readonly ActivationLinkNote[];
  /**
   * Every managed subscription's next renewal and what it renews into (scheduled changes
   * included), from the same snapshots, unpriced; sorted by renewal (docs/cli-renewals.md).
   */
  readonly renewals: readonly RenewalEntry[];
}

/** How many journal rows one read takes while looking for the rows since the last refresh. */
const PAGE = 1000;

/**
 * `qm status` without the network (docs/cli-status-history.md): what the state store remembers
 * (bindings, purchases in flight, SaaS activation links), the inventory and the plan the last
 * refresh implies once what the agent did after it (journal rows settled later) is folded in —
 * so a status straight after an apply shows what it just bought and changed, marked `changed`
 * — and the renewal calendar those snapshots imply (unpriced). Catalog facts come from the
 * cache; an expired entry reads as unknown. Products are named as the plan names them, else from
 * the journal and snapshots (agent/product-names.ts). `desired` chooses the customers (narrow it
 * for `--customer`).
 */
export function buildStatusReport(
  store: StateReadPort,
  desired: DesiredState,
  now: Date,
): StatusReport {
  const ids = new Set(desired.customers.map((c) => c.id));
  const stored = store.snapshots.list().filter((s) => ids.has(s.customerId));
  const bindings = store.bindings.list();
  const oldest = stored.map((s) => s.observedAt).sort()[0];
  const recent = oldest === undefined ? [] : journalSince(store, oldest);
  const { snapshots, changes } = foldJournal(stored, recent, bindings);
  const inFlight = store.listInFlightPurchases();
  const catalog = readCachedCatalog(store, desired).views;
  const renewals = buildRenewals({
    managed: findManagedSubscriptions(desired.customers, snapshots, bindings),
    now,
    catalog,
  });
  const planned = buildPlan({
    desired,
    observed: { customers: snapshots, failures: [] },
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
    basis: { stateSerial: store.currentSerial() },
  });
  const plan = withoutApplied(planned, new Set(changes.map((c) => c.actionKey as string)));
  const rows = store.journal.list({ limit: PAGE });
  const names = createProductNames(rows, { snapshots, bindings });
  const fromPlan = namesInPlan(plan);
  const nameOf = (customerId: string, item: string): string | undefined =>
    names.ofItem(customerId, item) ?? fromPlan.get(`${customerId}|${item}`);
  return {
    observedAt: stored.map((s) => ({ customerId: s.customerId, observedAt: s.observedAt })),
    customers: buildInventory({ desired, snapshots, plan, bindings, renewals, changes, nameOf }),
    plan,
    managed: bindings.filter((b) => ids.has(b.customerId)).length,
    inFlight: inFlight
      .filter((f) => ids.has(f.customerId))
      .map((f): InFlightNote => {
        const name = nameOf(f.customerId, f.item);
        return name === undefined ? f : { ...f, productName: name };
      }),
    activationLinks: rows.flatMap((row): ActivationLinkNote[] => {
      const links =
        (row.response as { activationLinks?: string[] } | undefined)?.activationLinks ?? [];
      if (row.step !== 'checkout' || links.length === 0 || !ids.has(row.customerId)) return [];
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

/**
 * Journal rows created at or after `since` (newest first), read a page at a time: an apply of a
 * large estate writes more rows than one page.
 */
function journalSince(store: StateReadPort, since: string): JournalEntry[] {
  const out: JournalEntry[] = [];
  let beforeId: number | undefined;
  for (;;) {
    const page = store.journal.list({
      limit: PAGE,
      ...(beforeId === undefined ? {} : { beforeId }),
    });
    out.push(...page);
    const last = page[page.length - 1];
    if (last === undefined || page.length < PAGE || last.createdAt < since) return out;
    beforeId = last.id;
  }
}

/**
 * The plan without the actions the journal shows applied after the snapshot (their effect may
 * not be foldable: a registration, a transition); the summary is recounted.
 */
function withoutApplied(plan: Plan, applied: ReadonlySet<string>): Plan {
  const actions = plan.actions.filter((a) => !applied.has(a.key));
  if (actions.length === plan.actions.length) return plan;
  const { summary } = plan;
  return {
    ...plan,
    actions,
    summary: summarize(
      actions,
      plan.blocked,
      plan.unmanaged,
      summary.customers,
      summary.skippedCustomers ?? [],
    ),
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
