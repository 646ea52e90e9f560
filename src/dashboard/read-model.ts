import {
  openStateStoreReadOnly,
  type JournalEntry,
  type RunRecord,
  type SavedPlan,
  type StateStore,
} from '../state/index.js';
import type { Clock } from '../support/index.js';
import type { EstateView } from './estate-view.js';
import type { ViewBuilder } from './view-builder.js';

/**
 * Everything the pages read, behind one interface (docs/dashboard.md "Data"): the estate view
 * (built by a `ViewBuilder`, replaced whole when the state store or the specs change) and the
 * paged reads that go to the store on each request (history, one plan). Nothing here writes.
 */
export interface DashboardReadModel {
  /** The last view built; `undefined` until the first build finished. May start a recheck. */
  estate(): EstateView | undefined;
  /** Resolves once the first view is built. */
  ready(): Promise<void>;
  /** Runs, newest first: `offset` from the newest; `more` when older ones exist. */
  runs(offset: number, limit: number): { readonly runs: RunRecord[]; readonly more: boolean };
  /** API calls (journal rows), newest first, below `beforeId` when given; of one run with `runId`. */
  calls(
    beforeId: number | undefined,
    limit: number,
    runId?: number,
  ): { readonly calls: JournalEntry[]; readonly more: boolean };
  /** A saved plan by id. */
  plan(id: string): SavedPlan | undefined;
  close(): Promise<void>;
}

/** Parsed saved plans kept (a plan of a large estate takes ~100 ms to read and parse). */
const PLANS_CACHED = 4;

export interface ReadModelOptions {
  readonly statePath: string;
  readonly builder: ViewBuilder;
  readonly clock: Clock;
  /** How often (ms of `clock`) a request may start a check for changed files. @default 2000 */
  readonly recheckMs?: number;
  /** The server's own log (stderr). */
  readonly log?: (message: string) => void;
}

/**
 * The read model: the first view is built at once; afterwards a request that comes at least
 * `recheckMs` after the last check starts one (the builder rebuilds only when the files
 * changed), and pages answer from the last view meanwhile. History and plans are read through
 * a read-only connection of this thread, opened once the state file exists.
 */
export function createReadModel(options: ReadModelOptions): DashboardReadModel {
  const { clock, builder } = options;
  const recheckMs = options.recheckMs ?? 2000;
  const log = options.log ?? (() => undefined);
  let view: EstateView | undefined;
  let lastCheck = clock.now().getTime();
  let building = false;
  let store: StateStore | undefined;
  const plans = new Map<string, SavedPlan>();

  const first = builder.refresh(clock.now(), true).then((built) => {
    view = built;
  });
  first.catch((error: unknown) => log(`qm dashboard: building the view failed: ${String(error)}`));

  const checkSoon = (): void => {
    const now = clock.now();
    if (building || view === undefined || now.getTime() - lastCheck < recheckMs) return;
    building = true;
    lastCheck = now.getTime();
    builder
      .refresh(now, false)
      .then((built) => {
        if (built !== undefined) view = built;
      })
      .catch((error: unknown) => log(`qm dashboard: rebuilding the view failed: ${String(error)}`))
      .finally(() => {
        building = false;
      });
  };

  const openStore = (): StateStore | undefined => {
    if (store !== undefined) return store;
    try {
      store = openStateStoreReadOnly(options.statePath);
    } catch {
      // The view says why (no state yet, damaged); history is empty until it opens.
    }
    return store;
  };

  return {
    estate: () => {
      checkSoon();
      return view;
    },
    ready: () => first,
    runs: (offset, limit) => {
      const rows = openStore()?.runs.listRuns(offset + limit + 1) ?? [];
      return { runs: rows.slice(offset, offset + limit), more: rows.length > offset + limit };
    },
    calls: (beforeId, limit, runId) => {
      const journal = openStore()?.journal;
      if (journal === undefined) return { calls: [], more: false };
      const rows =
        runId === undefined
          ? journal.list({ limit: limit + 1, ...(beforeId === undefined ? {} : { beforeId }) })
          : journal
              .listByRun(runId)
              .filter((r) => beforeId === undefined || r.id < beforeId)
              .reverse()
              .slice(0, limit + 1);
      return { calls: rows.slice(0, limit), more: rows.length > limit };
    },
    plan: (id) => {
      const cached = plans.get(id);
      if (cached !== undefined) return cached;
      const saved = openStore()?.plans.get(id);
      if (saved === undefined) return undefined;
      // A plan's id is the digest of its body: a cached copy never goes stale.
      plans.set(id, saved);
      if (plans.size > PLANS_CACHED) plans.delete(plans.keys().next().value ?? id);
      return saved;
    },
    close: async () => {
      store?.close();
      store = undefined;
      await builder.close();
    },
  };
}
