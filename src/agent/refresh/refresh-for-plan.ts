import type {
  CustomerId,
  DesiredCustomer,
  InFlightPurchase,
  ObservedCustomer,
  ObservedState,
  Plan,
} from '../../model/index.js';
import { computeCustomerSpecDigest } from '../../planner/index.js';
import type { StateWriter } from '../lease.js';
import type { AgentPorts, RefreshMark, RefreshMarkPort, RefreshRecord } from '../ports.js';
import { refreshCustomers, type RefreshOptions } from '../refresh.js';
import { decideRefresh } from './decide-refresh.js';
import { annotatePlan, buildRefreshAccount } from './refresh-account.js';
import { selectFreshCustomers, type FreshVerdict } from './select-fresh.js';

type Ports = Pick<AgentPorts, 'config' | 'clock' | 'state' | 'reads'>;

export interface RefreshForPlanOptions extends Omit<RefreshOptions, 'persist'> {
  /** The cycle covers every spec customer (no `--customer`/`--target`): it may move the file's mark. */
  readonly wholeScope: boolean;
  /** Customers read fresh whatever the feed says (a saved plan's touched customers). */
  readonly readFresh?: readonly CustomerId[];
}

/** The refresh of one planning pass, and how to account for it in the plan. */
export interface RefreshedScope {
  readonly observed: ObservedState;
  /** Adds `basis.refresh` and each snapshot customer's `snapshotAt`; identity in full mode. */
  annotate(plan: Plan): Plan;
}

/**
 * The refresh step of a planning pass (docs/scale.md "Incremental refresh"). Without
 * `partnerCenter.refresh.mode: incremental` it is `refreshCustomers` over every customer, as
 * before. In incremental mode it reads the audit feed since the file's mark less the overlap
 * (`decideRefresh`: or everyone, when there is no mark, `fullEvery` has passed, the mark is older
 * than the feed keeps, or the audit read fails), reads only the customers `selectFreshCustomers`
 * picks and plans the rest from their stored snapshots. The snapshots read, each vouched-for
 * customer's coverage and (for a cycle over the whole estate) the new mark are written in one
 * transaction through `write`: a skipped write (another writer holds the lease) records nothing.
 */
export async function refreshForPlan(
  app: Ports,
  customers: readonly DesiredCustomer[],
  inFlight: readonly InFlightPurchase[],
  write: StateWriter,
  options: RefreshForPlanOptions,
): Promise<RefreshedScope> {
  const progress = options.onProgress === undefined ? {} : { onProgress: options.onProgress };
  const settings = app.config.partnerCenter.refresh;
  const marks = app.state.refreshMarks;
  if (settings?.mode !== 'incremental' || marks === undefined) {
    const observed = await refreshCustomers(app, customers, inFlight, {
      ...progress,
      persist: (list) => write(() => app.state.snapshots.upsertMany(list)),
    });
    return { observed, annotate: (plan) => plan };
  }
  const now = app.clock.now();
  // How far the feed is known read: our clock, less any disagreement with Partner Center's.
  const through = new Date(now.getTime() - Math.abs(app.reads.serverClockSkewMs() ?? 0));
  const mark = marks.mark();
  const decided = await decideRefresh(app, settings, mark, now, through);
  const verdicts: Map<CustomerId, FreshVerdict> =
    decided.kind === 'full' || mark === undefined
      ? new Map(customers.map((c) => [c.id, { read: true, because: 'full' as const }]))
      : selectFreshCustomers({
          customers,
          snapshot: (id) => app.state.snapshots.get(id),
          coverage: marks.listCoverage(),
          mark,
          audited: decided.activity.newest,
          agentActive: agentActive(marks, inFlight, mark, settings.overlapMs),
          requested: new Set(options.readFresh ?? []),
          inFlight: new Set(inFlight.map((f) => f.customerId)),
          now,
          fullEveryMs: settings.fullEveryMs,
          overlapMs: settings.overlapMs,
        });
  const fromSnapshot = new Map<CustomerId, ObservedCustomer>();
  for (const [id, verdict] of verdicts) if (!verdict.read) fromSnapshot.set(id, verdict.snapshot);
  const newMark: RefreshMark | undefined = options.wholeScope
    ? {
        auditThrough: through.toISOString(),
        fullStartedAt:
          decided.kind === 'full' || mark === undefined
            ? through.toISOString()
            : mark.fullStartedAt,
      }
    : undefined;
  const fresh = await refreshCustomers(
    app,
    customers.filter((c) => !fromSnapshot.has(c.id)),
    inFlight,
    {
      ...progress,
      persist: (list) =>
        write(() =>
          app.state.transaction(() => {
            app.state.snapshots.upsertMany(list);
            marks.record(coverage(customers, list, fromSnapshot, through, newMark));
          }),
        ),
    },
  );
  const byId = new Map(fresh.customers.map((o) => [o.customerId, o]));
  const observed: ObservedState = {
    ...fresh,
    customers: customers.flatMap((c) => byId.get(c.id) ?? fromSnapshot.get(c.id) ?? []),
  };
  const account = buildRefreshAccount(verdicts, decided);
  return { observed, annotate: (plan) => annotatePlan(plan, account, fromSnapshot) };
}

/**
 * What the cycle vouches for: every customer planned from its snapshot, and every customer
 * read whose stored snapshot is the whole of what was read (the store keeps no unreadable
 * items, so those are read again next time). Failed reads are not covered.
 */
function coverage(
  customers: readonly DesiredCustomer[],
  read: readonly ObservedCustomer[],
  fromSnapshot: ReadonlyMap<CustomerId, ObservedCustomer>,
  through: Date,
  mark: RefreshMark | undefined,
): RefreshRecord {
  const covered = new Set<CustomerId>([
    ...read.filter((o) => o.unreadable === undefined).map((o) => o.customerId),
    ...fromSnapshot.keys(),
  ]);
  return {
    coveredUntil: through.toISOString(),
    customers: customers
      .filter((c) => covered.has(c.id))
      .map((c) => ({ customerId: c.id, specDigest: computeCustomerSpecDigest(c) })),
    ...(mark === undefined ? {} : { mark }),
  };
}

/** Customers the agent may have changed since the mark: purchases in flight, journal rows. */
function agentActive(
  marks: RefreshMarkPort,
  inFlight: readonly InFlightPurchase[],
  mark: RefreshMark,
  overlapMs: number,
): Set<CustomerId> {
  const since = new Date(Date.parse(mark.auditThrough) - overlapMs).toISOString();
  return new Set([...inFlight.map((f) => f.customerId), ...marks.customersJournalledSince(since)]);
}
