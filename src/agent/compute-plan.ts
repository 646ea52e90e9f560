import {
  desiredSource,
  type CustomerId,
  type DesiredCustomer,
  type DesiredCustomerRef,
  type DesiredSource,
  type DesiredState,
  type ObservedState,
  type Plan,
  type PlanTarget,
  type RefreshFailure,
} from '../model/index.js';
import { finishPlan, type PlanPart } from '../planner/index.js';
import { chunk, OperationalError } from '../support/index.js';
import { CatalogMemo } from './load-catalog.js';
import { planBatch, type BatchContext } from './plan-batch.js';
import { BatchPrices } from './pricing/index.js';
import type { StateWriter } from './lease.js';
import type { AgentPorts } from './ports.js';
import type { RefreshOptions } from './refresh.js';
import { startRefresh } from './refresh/index.js';

/** Customers planned per batch (docs/scale.md "Flat memory"). */
export const PLAN_BATCH_SIZE = 100;

/** Batches read ahead of the one being planned. */
const READ_AHEAD = 2;

/** A batch already planned: its read is not held any more. */
const DONE = Promise.resolve({ loaded: [], observed: { customers: [], failures: [] } });

export interface PlanRequest extends Omit<RefreshOptions, 'persist'> {
  /** Only these customers (`--customer`); every spec customer when absent. */
  readonly customers?: readonly CustomerId[];
  /** Only these items (`--target`); their customers join the scope. */
  readonly targets?: readonly PlanTarget[];
  /** Incremental refresh: read these customers whatever the audit feed says (a saved plan's). */
  readonly readFresh?: readonly CustomerId[];
  /** Customers per batch; else `partnerCenter.batchSize`, else `PLAN_BATCH_SIZE`. */
  readonly batchSize?: number;
}

export interface ComputedPlan {
  readonly plan: Plan;
  /** Customers whose refresh failed (they are `summary.skippedCustomers` too). */
  readonly failures: readonly RefreshFailure[];
}

type Ports = Pick<AgentPorts, 'config' | 'clock' | 'endpoint' | 'state' | 'reads' | 'pricing'>;

/**
 * One level-based planning pass (docs/decisions.md), in batches of customers
 * (docs/scale.md "Flat memory"): each batch's specs are loaded, its customers refreshed (the
 * next batch's reads run while this one is planned), its catalog, prices, eligibilities and
 * co-term dates gathered, and it is planned into a `PlanPart`; then its live state is dropped.
 * The estate-wide steps — policy limits, ordering, digests, money — run once over every part
 * (`finishPlan`), so the plan is the one `buildPlan` would give for the whole estate at once.
 * Nothing is written to Partner Center; snapshots and caches go to the state store through
 * `write` (see `StateWriter`).
 * @throws OperationalError `unknown-customer` when `--customer` names no spec customer, and
 *   `refresh-failed:CODE` when no customer at all could be read.
 */
export async function computePlan(
  app: Ports,
  desired: DesiredState | DesiredSource,
  write: StateWriter,
  request: PlanRequest = {},
): Promise<ComputedPlan> {
  const source = 'index' in desired ? desired : desiredSource(desired);
  const customers = scopeCustomers(request.customers, request.targets);
  const scoped = scopeIndex(source.index, customers);
  const inFlight = app.state.listInFlightPurchases();
  // docs/scale.md "Incremental refresh": everyone, or whom the audit feed and the marks name.
  const refresh = await startRefresh(app, inFlight, write, {
    ...request,
    wholeScope: customers === undefined,
    total: scoped.length,
  });
  const now = app.clock.now();
  const prices = await BatchPrices.open(app, write, scoped, source.products);
  const ctx: Omit<BatchContext, 'catalog' | 'prices'> = {
    inFlight,
    now,
    stateResetAt: app.state.resetAt(),
    stateSerial: app.state.currentSerial(),
    ...(request.targets === undefined ? {} : { targets: request.targets }),
    notes: new Set<string>(),
  };
  const catalog = new CatalogMemo(app, write);
  const parts: PlanPart[] = [];
  const failures: RefreshFailure[] = [];
  let observedCount = 0;
  const size = request.batchSize ?? app.config.partnerCenter.batchSize ?? PLAN_BATCH_SIZE;
  const batches = chunk(scoped, size);
  const readBatch = (refs: readonly DesiredCustomerRef[]) => {
    const loaded = source.load(refs.map((r) => r.id));
    return refresh.read(loaded).then((observed) => ({ loaded, observed }));
  };
  // Reads run up to READ_AHEAD batches ahead of planning, `concurrency` customers in flight
  // across them, so the reads never pause while a batch is planned.
  const reading: Promise<{ loaded: readonly DesiredCustomer[]; observed: ObservedState }>[] = [];
  const readNext = (): void => {
    const refs = batches[reading.length];
    if (refs === undefined) return;
    const read = readBatch(refs);
    // Awaited in its turn; a failure meanwhile must not count as unhandled.
    read.catch(() => undefined);
    reading.push(read);
  };
  for (let i = 0; i < READ_AHEAD; i += 1) readNext();
  for (let i = 0; i < batches.length; i += 1) {
    const { loaded, observed } = await (reading[i] as (typeof reading)[number]);
    reading[i] = DONE;
    readNext();
    observedCount += observed.customers.length;
    failures.push(...observed.failures);
    parts.push(await planOne(app, loaded, observed, ctx, catalog, prices));
  }
  const first = failures[0];
  if (observedCount === 0 && first !== undefined) {
    // Nothing could be read: the endpoint or the credentials are wrong, not one customer.
    throw new OperationalError(
      `refresh-failed:${first.code}`,
      `no customer could be read from Partner Center at ${app.endpoint.baseUrl} (${failures.length} of ${scoped.length} failed; first: ${first.message}). Check partnerCenter.endpoint and partnerCenter.auth in the config`,
    );
  }
  refresh.finish();
  const plan = finishPlan(parts, {
    policy: app.config.policy,
    prices: prices.book(ctx.notes),
    now,
    ...(request.targets === undefined ? {} : { targets: request.targets }),
    basis: { stateSerial: ctx.stateSerial },
  });
  const scope = customers === undefined ? undefined : [...customers].sort();
  return {
    plan: refresh.annotate(
      scope === undefined ? plan : { ...plan, basis: { ...plan.basis, scope } },
    ),
    failures,
  };
}

/** One batch: its catalog and prices (shared across batches), then `planBatch`. */
async function planOne(
  app: Ports,
  loaded: readonly DesiredCustomer[],
  observed: ObservedState,
  ctx: Omit<BatchContext, 'catalog' | 'prices'>,
  catalog: CatalogMemo,
  prices: BatchPrices,
): Promise<PlanPart> {
  const desired: DesiredState = { customers: loaded };
  const ids = new Set(loaded.map((c) => c.id));
  const bindings = [...ids].flatMap((id) => app.state.bindings.listByCustomer(id));
  // A customer that could not be read is skipped, so its catalog is not needed; a batch nobody
  // in could be read asks Partner Center nothing more (an unreachable endpoint stays one error).
  const failed = new Set(observed.failures.map((f) => f.customerId));
  const read: DesiredState = { customers: loaded.filter((c) => !failed.has(c.id)) };
  const batch: BatchContext = {
    ...ctx,
    catalog: await catalog.views(read),
    prices: await prices.forBatch(desired, observed),
  };
  const part = await planBatch(app, desired, observed, bindings, batch);
  // Subscription reads a PATCH may reuse are kept only for what this batch will change.
  app.reads.keepRecentReads?.(ids, touchedSubscriptions(part));
  return part;
}

function touchedSubscriptions(part: PlanPart): Set<string> {
  const touched = new Set<string>();
  for (const action of part.actions)
    if ('subscriptionId' in action) touched.add(action.subscriptionId);
  return touched;
}

/** `--customer` ids and the customers of `--target`s, each once; undefined = every customer. */
function scopeCustomers(
  customers: readonly CustomerId[] | undefined,
  targets: readonly PlanTarget[] | undefined,
): CustomerId[] | undefined {
  if (customers === undefined && targets === undefined) return undefined;
  return [...new Set([...(customers ?? []), ...(targets ?? []).map((t) => t.customerId)])];
}

function scopeIndex(
  index: readonly DesiredCustomerRef[],
  customers: readonly CustomerId[] | undefined,
): readonly DesiredCustomerRef[] {
  if (customers === undefined) return index;
  const known = new Set(index.map((c) => c.id));
  const unknown = customers.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw new OperationalError(
      'unknown-customer',
      `no spec declares customer ${unknown.join(', ')}; check --customer against customer.id in specs/`,
    );
  }
  const wanted = new Set(customers);
  return index.filter((c) => wanted.has(c.id));
}
