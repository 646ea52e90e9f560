import type { Database } from 'better-sqlite3';
import type { InFlightPurchase } from '../model/index.js';
import { systemClock, type Clock } from '../support/index.js';
import { createBindingRepository, type BindingRepository } from './binding-repository.js';
import { createCatalogCache, type CatalogCache } from './catalog-cache.js';
import { createDurableCommit } from './durable-commit.js';
import { deriveInFlightPurchases } from './in-flight-purchases.js';
import { createJournalRepository, type JournalRepository } from './journal-repository.js';
import { readJournalDbRow, type JournalDbRow } from './journal-row.js';
import {
  createLeaseRepository,
  systemLeaseEnvironment,
  type LeaseEnvironment,
  type LeaseRepository,
} from './lease-repository.js';
import { migrate, type MigrationResult } from './migrate.js';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from './migrations/index.js';
import { classifyOpenError, openDatabase } from './open-database.js';
import { createPlanRepository, type PlanRepository } from './plan-repository.js';
import { createPriceCache, type PriceCache } from './price-cache.js';
import {
  createRefreshMarkRepository,
  type RefreshMarkRepository,
} from './refresh-mark-repository.js';
import {
  createRenewalNoticeRepository,
  type RenewalNoticeRepository,
} from './renewal-notice-repository.js';
import { createRunRepository, type RunRepository } from './run-repository.js';
import { createSnapshotRepository, type SnapshotRepository } from './snapshot-repository.js';
import { StateStoreError } from './state-error.js';
import { createStateRepairs, type StateRepairs } from './state-repairs.js';
import { createStateFileAtomically, inspectStateFile } from './state-file.js';
import { readStoreOrigin, writeStoreOrigin, type StoreOrigin } from './store-origin.js';

/** Options of `openStateStore`. */
export interface StateStoreOptions {
  /** Every timestamp the store writes, TTLs and lease expiry. @default systemClock */
  readonly clock?: Clock;
  /** How long to wait for another process's write lock. @default 5000 */
  readonly busyTimeoutMs?: number;
  /** Host, pid and process liveness for the lease (tests replace it). */
  readonly leaseEnvironment?: LeaseEnvironment;
  /**
   * Called with the open, migrated connection before the store is built. A test seam: tests
   * use it to simulate a full disk (`PRAGMA max_page_count`).
   */
  readonly configureDatabase?: (db: Database) => void;
}

/** The agent's memory: one SQLite file, one writer (the lease), many readers. */
export interface StateStore {
  readonly path: string;
  /** What opening did to the schema. */
  readonly migration: MigrationResult;
  readonly snapshots: SnapshotRepository;
  readonly catalog: CatalogCache;
  /** Price sheets by market, view, timeline and month (docs/pricing.md). */
  readonly prices: PriceCache;
  readonly bindings: BindingRepository;
  readonly journal: JournalRepository;
  readonly plans: PlanRepository;
  readonly runs: RunRepository;
  /** Renewal-decision notices the daemon recorded (schema 5). */
  readonly renewalNotices: RenewalNoticeRepository;
  /** Incremental refresh's marks (schema 6, docs/scale.md "Incremental refresh"). */
  readonly refreshMarks: RefreshMarkRepository;
  readonly lease: LeaseRepository;
  /** Hand repairs (`qm state mv`). */
  readonly repairs: StateRepairs;
  /** Purchases that may have spent money but are not bound to a subscription yet. */
  listInFlightPurchases(): InFlightPurchase[];
  /** The serial plans record in `basis.stateSerial`; bumped on every committed apply. */
  currentSerial(): number;
  /** Adds one to the serial and returns the new value (a checked commit). */
  bumpSerial(): number;
  /** How this file was created: a first run, a deliberate `qm state reset`, or unknown. */
  origin(): StoreOrigin;
  /** When `qm state reset` created this store; `undefined` for any other store. */
  resetAt(): string | undefined;
  /**
   * Runs `fn` in one IMMEDIATE transaction (nested calls become savepoints): everything it
   * writes commits together or not at all. `fn` must be synchronous — never await inside.
   * @throws StateStoreError `state-write-failed` when the commit fails.
   */
  transaction<T>(fn: () => T): T;
  /** `PRAGMA integrity_check`: `['ok']` for a healthy file, else SQLite's findings. */
  integrityCheck(): string[];
  close(): void;
}

/**
 * Opens (creating when missing) and migrates the state store at `path`: WAL,
 * `synchronous=FULL`, `foreign_keys=ON`, `busy_timeout`; see docs/state-store.md. A missing
 * file is a first run: the new store is created atomically (never seen half-made). A file that
 * exists but is damaged is an error, never a first run.
 *
 * @throws StateStoreError `state-damaged` (empty or truncated), `state-corrupt` (not SQLite),
 *   `state-schema-too-new`, `state-unreadable`, `state-migration-failed`.
 */
export function openStateStore(path: string, options: StateStoreOptions = {}): StateStore {
  const clock = options.clock ?? systemClock;
  const busy = options.busyTimeoutMs ?? 5000;
  let created: MigrationResult | undefined;
  if (path !== ':memory:' && inspectStateFile(path) === 'missing') {
    createStateFileAtomically(
      path,
      (temp) => openDatabase(temp, busy),
      (db) => (created = initialise(db, path, clock, { createdBy: 'first-run' })),
    );
  }
  const db = openDatabase(path, busy);
  let migration: MigrationResult;
  try {
    migration = migrate(db, MIGRATIONS, { path, now: () => clock.now() });
    // A store we just created reports the steps that built it.
    if (created !== undefined && migration.applied.length === 0) migration = created;
    if (path === ':memory:') {
      writeStoreOrigin(db, { createdBy: 'first-run', createdAt: clock.now().toISOString() });
    }
    options.configureDatabase?.(db);
  } catch (error) {
    db.close();
    throw classifyOpenError(path, error);
  }
  return buildStore(db, path, migration, clock, options.leaseEnvironment ?? systemLeaseEnvironment);
}

/**
 * Opens an existing store for reading only (`qm status`, `qm history`): nothing is created,
 * migrated or written; write methods fail.
 * @throws StateStoreError `state-missing` (no file: nothing recorded yet), `state-damaged`,
 *   `state-corrupt`, `state-unreadable`, `state-schema-too-new`, `state-schema-too-old`.
 */
export function openStateStoreReadOnly(path: string, options: StateStoreOptions = {}): StateStore {
  if (inspectStateFile(path) === 'missing') {
    throw new StateStoreError('state-missing', `There is no state store at ${path} yet.`);
  }
  const clock = options.clock ?? systemClock;
  const db = openDatabase(path, options.busyTimeoutMs ?? 5000, { readOnly: true });
  try {
    const version = Number(db.pragma('user_version', { simple: true }));
    if (version !== LATEST_SCHEMA_VERSION) {
      throw new StateStoreError(
        version > LATEST_SCHEMA_VERSION ? 'state-schema-too-new' : 'state-schema-too-old',
        `The state store ${path} has schema version ${version}; this Quartermaster reads ` +
          `version ${LATEST_SCHEMA_VERSION}. ` +
          (version > LATEST_SCHEMA_VERSION
            ? 'Upgrade Quartermaster (never downgrade a state file).'
            : 'A writing command (qm plan, qm apply) migrates it; run one, then run this again.'),
      );
    }
  } catch (error) {
    db.close();
    throw classifyOpenError(path, error);
  }
  const migration = { from: LATEST_SCHEMA_VERSION, to: LATEST_SCHEMA_VERSION, applied: [] };
  return buildStore(db, path, migration, clock, options.leaseEnvironment ?? systemLeaseEnvironment);
}

/** Schema and origin of a store being created (inside its temporary file). */
export function initialise(
  db: Database,
  path: string,
  clock: Clock,
  origin: StoreOrigin,
): MigrationResult {
  const result = migrate(db, MIGRATIONS, { path, now: () => clock.now() });
  db.transaction(() =>
    writeStoreOrigin(db, { ...origin, createdAt: clock.now().toISOString() }),
  ).immediate();
  return result;
}

function buildStore(
  db: Database,
  path: string,
  migration: MigrationResult,
  clock: Clock,
  leaseEnvironment: LeaseEnvironment,
): StateStore {
  const commit = createDurableCommit(db, path);
  const bindings = createBindingRepository(db);
  const lease = createLeaseRepository(db, clock, leaseEnvironment);
  const purchaseRows = db.prepare<[], JournalDbRow>(
    "SELECT * FROM journal WHERE kind = 'purchase' AND item IS NOT NULL ORDER BY id",
  );
  const readSerial = db
    .prepare<[], string>("SELECT value FROM meta WHERE key = 'serial'")
    .pluck();
  const bump = db
    .prepare<[], string>(
      "UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'serial' RETURNING value",
    )
    .pluck();

  return {
    path,
    migration,
    snapshots: createSnapshotRepository(db),
    catalog: createCatalogCache(db, clock),
    prices: createPriceCache(db, commit),
    bindings,
    journal: createJournalRepository(db, clock, { path, commit, fence: () => lease.fence() }),
    plans: createPlanRepository(db, clock, commit),
    runs: createRunRepository(db, clock, commit),
    renewalNotices: createRenewalNoticeRepository(db, clock, commit),
    refreshMarks: createRefreshMarkRepository(db),
    lease,
    repairs: createStateRepairs(db, commit),
    listInFlightPurchases: () =>
      deriveInFlightPurchases(purchaseRows.all().map(readJournalDbRow), (customerId, item) =>
        bindings.get(customerId, item),
      ),
    currentSerial: () => Number(readSerial.get()),
    bumpSerial: () => Number(commit('the state serial', () => bump.get())),
    origin: () => readStoreOrigin(db),
    resetAt: () => readStoreOrigin(db).resetAt,
    transaction: (fn) => commit('a transaction', fn),
    integrityCheck: () =>
      (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check),
    close: () => db.close(),
  };
}
