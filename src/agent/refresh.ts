import type {
  DesiredCustomer,
  InFlightPurchase,
  LiveEntitlement,
  LiveOrder,
  LiveRegistration,
  ObservedCustomer,
  ObservedState,
} from '../model/index.js';
import { mapConcurrent, type Limiter } from '../support/index.js';
import type { AgentPorts } from './ports.js';

export interface RefreshOptions {
  /** Called after each customer (progress on stderr). */
  readonly onProgress?: (done: number, total: number) => void;
  /**
   * Persists the snapshots; absent, nothing is written (a `qm plan` that could not take the
   * lease still plans, but leaves the store as it was).
   */
  readonly persist?: (observed: readonly ObservedCustomer[]) => void;
  /**
   * Shared by the batches of one pass read at once, so `partnerCenter.concurrency` customers
   * are in flight across all of them; absent, this call reads that many at a time.
   */
  readonly limiter?: Limiter;
}

/**
 * Reads what each customer owns (docs/scale.md): one subscription list per customer; orders,
 * entitlements and registrations only for customers with one-time items or purchases in
 * flight. Customers are read `partnerCenter.concurrency` at a time; a customer whose read fails
 * is reported in `failures` and gets no actions (fail closed) while the others proceed. The
 * snapshots are handed to `options.persist` (the state store, under the lease).
 */
export async function refreshCustomers(
  app: Pick<AgentPorts, 'config' | 'clock' | 'reads'>,
  customers: readonly DesiredCustomer[],
  inFlight: readonly InFlightPurchase[],
  options: RefreshOptions = {},
): Promise<ObservedState> {
  const flying = new Set(inFlight.map((f) => f.customerId));
  let done = 0;
  const one = async (customer: DesiredCustomer) => {
    try {
      return { observed: await readCustomer(app, customer, flying.has(customer.id)) };
    } catch (error) {
      return { failure: { customerId: customer.id, ...app.reads.describeReadFailure(error) } };
    } finally {
      done += 1;
      options.onProgress?.(done, customers.length);
    }
  };
  const { limiter } = options;
  const results =
    limiter === undefined
      ? await mapConcurrent(customers, app.config.partnerCenter.concurrency, one)
      : await Promise.all(customers.map((customer) => limiter.run(() => one(customer))));
  const observed = results.flatMap((r) => (r.observed === undefined ? [] : [r.observed]));
  const failures = results.flatMap((r) => (r.failure === undefined ? [] : [r.failure]));
  options.persist?.(observed);
  const skew = app.reads.serverClockSkewMs();
  return {
    customers: observed,
    failures,
    ...(skew === undefined ? {} : { serverClockSkewMs: skew }),
  };
}

async function readCustomer(
  app: Pick<AgentPorts, 'clock' | 'reads'>,
  customer: DesiredCustomer,
  hasInFlight: boolean,
): Promise<ObservedCustomer> {
  const { reads } = app;
  const { subscriptions, unreadable } = await reads.readSubscriptions(customer.id);
  const needsOneTime = customer.purchases.length > 0 || hasInFlight;
  let orders: readonly LiveOrder[] | undefined;
  let entitlements: readonly LiveEntitlement[] | undefined;
  if (needsOneTime) {
    orders = await reads.listOneTimeOrders(customer.id);
    entitlements = await reads.listEntitlements(customer.id);
  }
  const azureIds = [
    ...new Set(
      customer.purchases.flatMap((p) =>
        p.azureSubscriptionId === undefined ? [] : [p.azureSubscriptionId],
      ),
    ),
  ];
  const registrations: LiveRegistration[] = [];
  for (const id of azureIds) registrations.push(await reads.registrationStatus(customer.id, id));
  return {
    customerId: customer.id,
    observedAt: app.clock.now().toISOString(),
    subscriptions,
    ...(orders === undefined ? {} : { orders }),
    ...(entitlements === undefined ? {} : { entitlements }),
    ...(azureIds.length === 0 ? {} : { registrations }),
    ...(unreadable.length === 0 ? {} : { unreadable }),
  };
}
