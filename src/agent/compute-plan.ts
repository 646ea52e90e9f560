import type { CustomerId, DesiredState, ObservedState, Plan } from '../model/index.js';
import { buildPlan } from '../planner/index.js';
import { OperationalError } from '../support/index.js';
import { loadCatalog } from './load-catalog.js';
import type { StateWriter } from './lease.js';
import type { AgentPorts } from './ports.js';
import { refreshCustomers, type RefreshOptions } from './refresh.js';

export interface PlanRequest extends Omit<RefreshOptions, 'persist'> {
  /** Only these customers (`--customer`); every spec customer when absent. */
  readonly customers?: readonly CustomerId[];
}

export interface ComputedPlan {
  readonly plan: Plan;
  readonly observed: ObservedState;
  /** The desired state in scope. */
  readonly desired: DesiredState;
}

/**
 * One level-based planning pass (docs/decisions.md): refresh the customers in scope, load the catalog
 * they need, and ask the pure planner. Nothing is written to Partner Center; snapshots and the
 * catalog cache are written to the state store through `write` (see `StateWriter`).
 * @throws OperationalError `unknown-customer` when `--customer` names no spec customer.
 */
export async function computePlan(
  app: Pick<AgentPorts, 'config' | 'clock' | 'endpoint' | 'state' | 'reads'>,
  desired: DesiredState,
  write: StateWriter,
  request: PlanRequest = {},
): Promise<ComputedPlan> {
  const scoped = scopeDesired(desired, request.customers);
  const inFlight = app.state.listInFlightPurchases();
  const observed = await refreshCustomers(app, scoped.customers, inFlight, {
    ...request,
    persist: (customers) => write(() => app.state.snapshots.upsertMany(customers)),
  });
  const first = observed.failures[0];
  if (observed.customers.length === 0 && first !== undefined) {
    // Nothing could be read: the endpoint or the credentials are wrong, not one customer.
    throw new OperationalError(
      `refresh-failed:${first.code}`,
      `no customer could be read from Partner Center at ${app.endpoint.baseUrl} (${observed.failures.length} of ${scoped.customers.length} failed; first: ${first.message}). Check partnerCenter.endpoint and partnerCenter.auth in the config`,
    );
  }
  const catalog = await loadCatalog(app, scoped, write);
  const plan = buildPlan({
    desired: scoped,
    observed,
    bindings: app.state.bindings.list(),
    inFlight,
    catalog,
    policy: app.config.policy,
    now: app.clock.now(),
    stateResetAt: app.state.resetAt(),
    basis: {
      stateSerial: app.state.currentSerial(),
    },
  });
  const scope = request.customers === undefined ? undefined : [...request.customers].sort();
  return {
    plan: scope === undefined ? plan : { ...plan, basis: { ...plan.basis, scope } },
    observed,
    desired: scoped,
  };
}

function scopeDesired(
  desired: DesiredState,
  customers: readonly CustomerId[] | undefined,
): DesiredState {
  if (customers === undefined) return desired;
  const unknown = customers.filter((id) => !desired.customers.some((c) => c.id === id));
  if (unknown.length > 0) {
    throw new OperationalError(
      'unknown-customer',
      `no spec declares customer ${unknown.join(', ')}; check --customer against customer.id in specs/`,
    );
  }
  return { customers: desired.customers.filter((c) => customers.includes(c.id)) };
}
