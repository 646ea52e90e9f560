import { randomUUID } from 'node:crypto';
import { systemClock } from '../support/index.js';
import { createLeaseClaim, DEFAULT_LEASE_TTL_MS } from './lease-repository.js';
import { readReshardMark, type ReshardMark } from './reshard-mark.js';
import {
  drainSource,
  finishDestination,
  markSource,
  verifyMove,
  writeDestination,
  type ReshardContext,
  type StepFile,
} from './reshard-steps.js';
import type { MovedRowInDoubt } from './reshard-copy.js';
import { openDatabase } from './open-database.js';
import { LeaseHeldError } from './state-error.js';
import { openStateStore, type StateStoreOptions } from './state-store.js';

/** What to move: every file of the old layout into the files of the new one. */
export interface ReshardRequest {
  /** The reshard to finish (from the marks an interrupted run left); a new one when absent. */
  readonly id?: string;
  /** Shard counts (1 = the unsharded file); `from !== to`. */
  readonly from: number;
  readonly to: number;
  /** The state file of shard i of `from`, for every i (missing files are created, then marked). */
  readonly sources: readonly string[];
  /** The state file of shard j of `to`, for every j. */
  readonly destinations: readonly string[];
  /** The shard of `to` a customer belongs to (`shardOf(customerId, to)`). */
  readonly destinationOf: (customerId: string) => number;
}

/** Options: the store's, plus a test seam. */
export interface ReshardOptions extends StateStoreOptions {
  /**
   * Called after each committed step (`leases`, `mark-source:i`, `write-destination:j`,
   * `verified`, `drain-source:i`, `finish-destination:j`); crash tests end the process there.
   */
  readonly afterStep?: (step: string) => void;
}

/** What a reshard did, per file. */
export interface ReshardResult {
  readonly id: string;
  readonly from: number;
  readonly to: number;
  /** True when this run finished a reshard an earlier run started. */
  readonly resumed: boolean;
  readonly destinations: readonly {
    readonly path: string;
    /** Customers and rows this run wrote there (0 when an earlier run had). */
    readonly customers: number;
    readonly rows: Readonly<Record<string, number>>;
  }[];
  readonly sources: readonly { readonly path: string; readonly customers: number }[];
  /** Journal rows in doubt this run moved, with their old and new ids. */
  readonly rowsInDoubt: readonly MovedRowInDoubt[];
}

/**
 * `qm state reshard`: moves every customer's bindings, journal rows (in doubt or not),
 * snapshots and renewal notices from the state files of the old shard layout into the files of
 * the new one, under the lease of every file involved. Two phases, each step one checked
 * transaction in one file, so a crash anywhere leaves a state that a re-run finishes:
 * 1. mark every source `pending` (from then on no writer may take its lease);
 * 2. write each destination: its customers' rows, serial = the highest serial + 1, layout,
 *    a `pending` mark — all in one transaction;
 * 3. check that every source row is in its destination; then empty each source and mark it
 *    `drained` (its serial bumped; it refuses writers for good);
 * 4. remove the destinations' marks.
 * Until step 4 ends every file refuses writers, so no run sees a customer twice or not at all.
 * @throws LeaseHeldError naming the file and the holder (nothing changed by this run);
 *   StateStoreError `state-reshard-refused` (a destination not empty, a check failed, an
 *   unknown table), `state-write-failed`, `lease-lost`.
 */
export function reshardStateFiles(
  request: ReshardRequest,
  options: ReshardOptions = {},
): ReshardResult {
  const clock = options.clock ?? systemClock;
  const claim = createLeaseClaim('state reshard', options.leaseEnvironment);
  const files: StepFile[] = [];
  const held: StepFile[] = [];
  try {
    for (const [i, path] of [...request.sources, ...request.destinations].entries()) {
      const file = openFile(path, i, request.sources.length, options);
      files.push(file);
      const { store } = file;
      try {
        store.lease.acquire(claim, DEFAULT_LEASE_TTL_MS, { resharding: true });
      } catch (error) {
        if (!(error instanceof LeaseHeldError)) throw error;
        throw new LeaseHeldError(
          error.holder,
          `${path}: ${error.message} qm state reshard needs the lease of every state file it ` +
            'moves from and to; nothing was moved by this run. Stop that writer (or wait for ' +
            'it), then run qm state reshard again.',
        );
      }
      held.push(file);
    }
    const step = (name: string): void => {
      for (const f of held) f.store.lease.renew(claim, DEFAULT_LEASE_TTL_MS);
      options.afterStep?.(name);
    };
    step('leases');
    const id = request.id ?? findPendingId(files) ?? randomUUID();
    const marks = files.map((f) => readReshardMark(f.db));
    const ctx: ReshardContext = {
      id,
      from: request.from,
      to: request.to,
      at: marks.find((m) => m?.id === id)?.at ?? clock.now().toISOString(),
      now: () => clock.now().toISOString(),
      owner: `${claim.host}:${claim.pid}:state reshard lease ${claim.id}`,
      destinationOf: request.destinationOf,
      sources: files.filter((f) => f.role === 'source'),
      destinations: files.filter((f) => f.role === 'destination'),
      serial: Math.max(...files.map((f) => f.store.currentSerial())),
    };
    const resumed = marks.some((m) => m?.id === id && m.phase === 'pending');
    for (const source of ctx.sources) {
      markSource(ctx, source);
      step(`mark-source:${source.index}`);
    }
    const written = ctx.destinations.map((dest) => {
      const result = writeDestination(ctx, dest);
      step(`write-destination:${dest.index}`);
      return result;
    });
    verifyMove(ctx);
    step('verified');
    const sources = ctx.sources.map((source) => {
      const customers = drainSource(ctx, source);
      step(`drain-source:${source.index}`);
      return { path: source.path, customers };
    });
    for (const dest of ctx.destinations) {
      finishDestination(ctx, dest);
      step(`finish-destination:${dest.index}`);
    }
    return {
      id,
      from: request.from,
      to: request.to,
      resumed,
      destinations: ctx.destinations.map((d, j) => ({
        path: d.path,
        customers: written[j]?.customers ?? 0,
        rows: written[j]?.rows ?? {},
      })),
      sources,
      rowsInDoubt: written.flatMap((w) => w.rowsInDoubt),
    };
  } finally {
    for (const f of held) f.store.lease.release(claim);
    for (const f of files) {
      f.db.close();
      f.store.close();
    }
  }
}

function openFile(path: string, i: number, sources: number, options: ReshardOptions): StepFile {
  const store = openStateStore(path, options);
  try {
    const db = openDatabase(path, options.busyTimeoutMs ?? 5000);
    const role = i < sources ? 'source' : 'destination';
    return { path, store, db, role, index: i < sources ? i : i - sources };
  } catch (error) {
    store.close();
    throw error;
  }
}

function findPendingId(files: readonly StepFile[]): string | undefined {
  return files
    .map((f) => readReshardMark(f.db))
    .find((m): m is ReshardMark => m?.phase === 'pending')?.id;
}
