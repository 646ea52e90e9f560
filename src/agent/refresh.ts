import type { App } from '../app/index.js';
import type {
  DesiredCustomer,
  InFlightPurchase,
  LiveEntitlement,
  LiveOrder,
  LiveRegistration,
  ObservedCustomer,
  ObservedState,
  RefreshFailure,
} from '../model/index.js';
import { PartnerCenterError } from '../partnercenter/index.js';
import { mapConcurrent, OperationalError } from '../support/index.js';

export interface RefreshOptions {
  /** Called after each customer (progress on stderr). */
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * Reads what each customer owns (DESIGN §9): one subscription list per customer; orders,
 * entitlements and registrations only for customers with one-time items or purchases in
 * flight. Customers are read `partnerCenter.concurrency` at a time; a customer whose read fails
 * is reported in `failures` and gets no actions (fail closed) while the others proceed. The
 * snapshot is persisted in the state store.
 */
export async function refreshCustomers(
  app: App,
  customers: readonly DesiredCustomer[],
  inFlight: readonly InFlightPurchase[],
  options: RefreshOptions = {},
): Promise<ObservedState> {
  const flying = new Set(inFlight.map((f) => f.customerId));
  let done = 0;
  const results = await mapConcurrent(
    customers,
    app.config.partnerCenter.concurrency,
    async (customer) => {
      try {
        return { observed: await readCustomer(app, customer, flying.has(customer.id)) };
      } catch (error) {
        return { failure: toFailure(customer, error) };
      } finally {
        done += 1;
        options.onProgress?.(done, customers.length);
      }
    },
  );
  const observed = results.flatMap((r) => (r.observed === undefined ? [] : [r.observed]));
  const failures = results.flatMap((r) => (r.failure === undefined ? [] : [r.failure]));
  app.store.snapshots.upsertMany(observed);
  return { customers: observed, failures };
}

async function readCustomer(
  app: App,
  customer: DesiredCustomer,
  hasInFlight: boolean,
): Promise<ObservedCustomer> {
  const { client } = app;
  const subscriptions = await client.subscriptions.list(customer.id);
  const needsOneTime = customer.purchases.length > 0 || hasInFlight;
  let orders: LiveOrder[] | undefined;
  let entitlements: LiveEntitlement[] | undefined;
  if (needsOneTime) {
    orders = await client.orders.listByBillingType(customer.id, 'one_time');
    entitlements = app.canReadEntitlements ? await readEntitlements(app, customer) : undefined;
  }
  const azureIds = [
    ...new Set(
      customer.purchases.flatMap((p) =>
        p.azureSubscriptionId === undefined ? [] : [p.azureSubscriptionId],
      ),
    ),
  ];
  const registrations: LiveRegistration[] = [];
  for (const id of azureIds) registrations.push(await client.registrations.status(customer.id, id));
  return {
    customerId: customer.id,
    observedAt: app.clock.now().toISOString(),
    subscriptions,
    ...(orders === undefined ? {} : { orders }),
    ...(entitlements === undefined ? {} : { entitlements }),
    ...(azureIds.length === 0 ? {} : { registrations }),
  };
}

/** Entitlements need App+User; an app-only token is not an error, just no entitlements. */
async function readEntitlements(
  app: App,
  customer: DesiredCustomer,
): Promise<LiveEntitlement[] | undefined> {
  try {
    return await app.client.entitlements.list(customer.id);
  } catch (error) {
    if (error instanceof PartnerCenterError && error.kind === 'app-only-not-supported')
      return undefined;
    throw error;
  }
}

function toFailure(customer: DesiredCustomer, error: unknown): RefreshFailure {
  if (error instanceof PartnerCenterError || error instanceof OperationalError) {
    return { customerId: customer.id, code: error.code, message: error.message };
  }
  return {
    customerId: customer.id,
    code: 'internal',
    message: error instanceof Error ? error.message : String(error),
  };
}
