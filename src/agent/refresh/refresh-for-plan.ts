import type {
  CustomerId,
  DesiredCustomer,
  InFlightPurchase,
  ObservedCustomer,
  ObservedState,
  FreshReason,
  Plan,
  RefreshAccount,
} from '../../model/index.js';
import { computeCustomerSpecDigest } from '../../planner/index.js';
import { createLimiter } from '../../support/index.js';
import type { StateWriter } from '../lease.js';
import type { AgentPorts, RefreshMark, RefreshMarkPort, RefreshRecord } from '../ports.js';
import { refreshCustomers, type RefreshOptions } from '../refresh.js';
import { decideRefresh } from './decide-refresh.js';
import {
  annotatePlan,
  buildRefreshAccount,
  type AuditRead,
  type FullRefresh,
} from './refresh-account.js';
import { selectFreshCustomers, type FreshVerdict } from './select-fresh.js';

type Ports = Pick<AgentPorts, 'config' | 'clock' | 'state' | 'reads'>;

export interface RefreshForPlanOptions extends Omit<RefreshOptions, 'persist'> {
  /** The cycle covers every spec customer (no `--customer`/`--target`): it may move the file's mark. */
  readonly wholeScope: boolean;
  /** Customers read fresh whatever the feed says (a saved plan's touched customers). */
  readonly readFresh?: readonly CustomerId[];
  /** How many customers the whole pass covers (progress counts across batches). */
  readonly total: number;
}

/**
 * The refresh of one planning pass, batch by batch (docs/scale.md "Flat memory"): `read` gives
 * one batch's observed state, each batch's snapshots (and coverage) recorded as it is read;
 * `finish` moves the file's mark once every batch is read; `annotate` accounts for the whole
 * pass in the plan.
 */
export interface RefreshSession {
  read(customers: readonly DesiredCustomer[]): Promise<ObservedState>;
  /** Records the new mark (incremental mode, whole scope, every batch read). */
  finish(): void;
  /** Adds `basis.refresh` and each snapshot customer's `snapshotAt`; identity in full mode. */
  annotate(plan: Plan): Plan;
}

/**
 * Starts the refresh step of a planning pass (docs/scale.md "Incremental refresh"). Without
 * `partnerCenter.refresh.mode: incremental` each batch is `refreshCustomers`, as before. In
 * incremental mode the audit feed since the file's mark less the overlap is read once, here
 * (`decideRefresh`: or everyone, when there is no mark, `fullEvery` has passed, the mark is
 * older than the feed keeps, or the audit read fails); each batch then reads only the customers
 * `selectFreshCustomers` picks and plans the rest from their stored snapshots. A batch's
 * snapshots and the coverage of each customer it vouches for are written in one transaction
 * through `write`, the mark after the last batch: a skipped write (another writer holds the
 * lease) records nothing, and a pass that stops half-way leaves the mark where it was.
 */
export async function startRefresh(
  app: Ports,
  inFlight: readonly InFlightPurchase[],
  write: StateWriter,
  options: RefreshForPlanOptions,
): Promise<RefreshSession> {
  let done = 0;
  // Batches read at once share the budget of customers in flight.
  const limiter = options.limiter ?? createLimiter(app.config.partnerCenter.concurrency);
  const progress = () =>
    options.onProgress === undefined
      ? {}
      : { onProgress: () => options.onProgress?.((done += 1), options.total) };
  const settings = app.config.partnerCenter.refresh;
  const marks = app.state.refreshMarks;
  if (settings?.mode !== 'incremental' || marks === undefined) {
    return {
      read: async (customers) => {
        const observed = await refreshCustomers(app, customers, inFlight, {
          ...progress(),
          limiter,
          persist: (list) => write(() => app.state.snapshots.upsertMany(list)),
        });
        return observed;
      },
      finish: () => undefined,
      annotate: (plan) => plan,
    };
  }
  const now = app.clock.now();
  // How far the feed is known read: our clock, less any disagreement with Partner Center's.
  const through = new Date(now.getTime() - Math.abs(app.reads.serverClockSkewMs() ?? 0));
  const mark = marks.mark();
  const decided = await decideRefresh(app, settings, mark, now, through);
  const everyone = decided.kind === 'full' || mark === undefined;
  const selection =
    everyone || mark === undefined
      ? undefined
      : {
          coverage: marks.listCoverage(),
          mark,
          audited: decided.activity.newest,
          agentActive: agentActive(marks, inFlight, mark, settings.overlapMs),
          requested: new Set(options.readFresh ?? []),
          inFlight: new Set(inFlight.map((f) => f.customerId)),
          now,
          fullEveryMs: settings.fullEveryMs,
          overlapMs: settings.overlapMs,
        };
  const account = new AccountTally();
  return {
    read: async (customers) => {
      const verdicts: Map<CustomerId, FreshVerdict> =
        selection === undefined
          ? new Map(customers.map((c) => [c.id, { read: true, because: 'full' as const }]))
          : selectFreshCustomers({
              ...selection,
              customers,
              snapshot: (id) => app.state.snapshots.get(id),
            });
      const fromSnapshot = new Map<CustomerId, ObservedCustomer>();
      for (const [id, verdict] of verdicts)
        if (!verdict.read) fromSnapshot.set(id, verdict.snapshot);
      account.add(verdicts);
      if (fromSnapshot.size > 0) options.onProgress?.((done += fromSnapshot.size), options.total);
      const fresh = await refreshCustomers(
        app,
        customers.filter((c) => !fromSnapshot.has(c.id)),
        inFlight,
        {
          ...progress(),
          limiter,
          persist: (list) =>
            write(() =>
              app.state.transaction(() => {
                app.state.snapshots.upsertMany(list);
                marks.record(coverage(customers, list, fromSnapshot, through));
              }),
            ),
        },
      );
      const byId = new Map(fresh.customers.map((o) => [o.customerId, o]));
      return {
        ...fresh,
        customers: customers.flatMap((c) => byId.get(c.id) ?? fromSnapshot.get(c.id) ?? []),
      };
    },
    finish: () => {
      if (!options.wholeScope) return;
      const newMark: RefreshMark = {
        auditThrough: through.toISOString(),
        fullStartedAt: everyone
          ? through.toISOString()
          : (mark?.fullStartedAt ?? through.toISOString()),
      };
      write(() =>
        marks.record({ coveredUntil: through.toISOString(), customers: [], mark: newMark }),
      );
    },
    annotate: (plan) => annotatePlan(plan, account.result(decided), account.snapshotAt),
  };
}

/** The refresh account summed batch by batch: verdict counts and when each snapshot was read. */
class AccountTally {
  readonly snapshotAt = new Map<CustomerId, string>();
  readonly #because: Partial<Record<FreshReason, number>> = {};
  add(verdicts: ReadonlyMap<CustomerId, FreshVerdict>): void {
    for (const [id, verdict] of verdicts) {
      if (verdict.read) this.#because[verdict.because] = (this.#because[verdict.because] ?? 0) + 1;
      else this.snapshotAt.set(id, verdict.snapshot.observedAt);
    }
  }
  result(decided: FullRefresh | AuditRead): RefreshAccount {
    return buildRefreshAccount(this.#because, this.snapshotAt, decided);
  }
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
