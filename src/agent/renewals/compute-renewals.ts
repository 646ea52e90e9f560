import type { Binding, DesiredState } from '../../model/index.js';
import { OperationalError } from '../../support/index.js';
import { findPendingBindings } from '../bind-pending.js';
import { createBriefLeaseWriter } from '../lease.js';
import { readCachedCatalog } from '../load-catalog.js';
import type { AgentPorts } from '../ports.js';
import { loadPriceBook } from '../pricing/index.js';
import { refreshCustomers, type RefreshOptions } from '../refresh.js';
import { buildRenewals, renewingWithin } from './build-renewals.js';
import { findManagedSubscriptions } from './managed-subscriptions.js';
import type { RenewalsReport } from './renewal-entry.js';

export interface RenewalsRequest extends Omit<RefreshOptions, 'persist'> {
  /** Only renewals within this many whole days of today (`--within`). */
  readonly within?: number;
}

export interface RenewalsOutcome {
  readonly report: RenewalsReport;
  /** As `PlanOutcome.notRecorded`: another writer held the lease, nothing observed was recorded. */
  readonly notRecorded?: string;
}

/**
 * `qm renewals`: the renewal calendar read live, as `qm plan` reads (docs/cli-renewals.md).
 * Never writes to Partner Center. Reads every spec customer's subscriptions, the orders of
 * purchases in flight (a subscription that became visible counts as managed; its binding is
 * left for the next plan to record) and the price sheets; records the snapshots and the price
 * sheet cache under a brief lease, as `qm plan` does, and nothing when another writer holds it.
 * Catalog names come from the cache only. A customer whose read fails is listed in
 * `failures`, its renewals missing.
 * @throws OperationalError `refresh-failed:<code>` when no customer could be read at all.
 */
export async function computeRenewals(
  app: Pick<
    AgentPorts,
    'config' | 'clock' | 'endpoint' | 'state' | 'reads' | 'pricing' | 'applierPorts'
  >,
  desired: DesiredState,
  request: RenewalsRequest = {},
): Promise<RenewalsOutcome> {
  const writer = createBriefLeaseWriter(app.state.lease, 'renewals');
  const pending = await findPendingBindings(app);
  const observed = await refreshCustomers(
    app,
    desired.customers,
    app.state.listInFlightPurchases(),
    {
      ...(request.onProgress === undefined ? {} : { onProgress: request.onProgress }),
      persist: (customers) => writer.write(() => app.state.snapshots.upsertMany(customers)),
    },
  );
  const first = observed.failures[0];
  if (observed.customers.length === 0 && first !== undefined) {
    throw new OperationalError(
      `refresh-failed:${first.code}`,
      `no customer could be read from Partner Center at ${app.endpoint.baseUrl} (${observed.failures.length} of ${desired.customers.length} failed; first: ${first.message}). Check partnerCenter.endpoint and partnerCenter.auth in the config`,
    );
  }
  const bindings: Binding[] = [...app.state.bindings.list(), ...pending];
  const managed = findManagedSubscriptions(desired.customers, observed.customers, bindings);
  const products = managed.flatMap(({ live }) => [
    { productId: live.productId, skuId: live.skuId },
    ...(live.scheduledNextTermInstructions === undefined
      ? []
      : [live.scheduledNextTermInstructions]),
  ]);
  const prices = await loadPriceBook(
    app,
    { markets: [...new Set(managed.map((m) => m.customer.country))], products },
    writer.write,
  );
  const now = app.clock.now();
  const all = buildRenewals({
    managed,
    now,
    prices,
    catalog: readCachedCatalog(app.state, desired).views,
  });
  const names = new Map(desired.customers.map((c) => [c.id, c.name]));
  const report: RenewalsReport = {
    at: now.toISOString(),
    source: 'live',
    ...(request.within === undefined ? {} : { within: request.within }),
    managed: all.length,
    renewals: request.within === undefined ? all : renewingWithin(all, request.within),
    failures: observed.failures.map((f) => {
      const customerName = names.get(f.customerId);
      return customerName === undefined ? f : { ...f, customerName };
    }),
    notes: prices.notes,
  };
  const why = writer.skipped();
  return { report, ...(why === undefined ? {} : { notRecorded: why }) };
}
