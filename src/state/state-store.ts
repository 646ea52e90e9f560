import type { Database } from 'better-sqlite3';
import type { InFlightPurchase } from '../model/index.js';
import { systemClock, type Clock } from '../support/index.js';
import { createBindingRepository, type BindingRepository } from './binding-repository.js';
import { createCatalogCache, type CatalogCache } from './catalog-cache.js';
import { deriveInFlightPurchases } from './in-flight-purchases.js';
import { createJournalRepository, type JournalRepository } from './journal-repository.js';
import { readJournalRow, type JournalRow } from './journal-row.js';
import {
  createLeaseRepository,
  systemLeaseEnvironment,
  type LeaseEnvironment,
  type LeaseRepository,
} from './lease-repository.js';
import { migrate, type MigrationResult } from './migrate.js';
import { MIGRATIONS } from './migrations/index.js';
import { classifyOpenError, openDatabase } from './open-database.js';
import { createPlanRepository, type PlanRepository } from './plan-repository.js';
import { createRunRepository, type RunRepository } from './run-repository.js';
import { createSnapshotRepository, type SnapshotRepository } from './snapshot-repository.js';

/** Options of `openStateStore`. */
export interface StateStoreOptions {
  /** Every timestamp the store writes, TTLs and lease expiry. @default systemClock */
  readonly clock?: Clock;
  /** How long to wait for another process's write lock. @default 5000 */
  readonly busyTimeoutMs?: number;
  /** Host name and pid liveness for lease takeover (tests replace it). */
  readonly leaseEnvironment?: LeaseEnvironment;
}

/** The agent's memory: one SQLite file, one writer (the lease), many readers. */
export interface StateStore {
  readonly path: string;
  /** What opening did to the schema. */
  readonly migration: MigrationResult;
  readonly snapshots: SnapshotRepository;
  readonly catalog: CatalogCache;
  readonly bindings: BindingRepository;
  readonly journal: JournalRepository;
  readonly plans: PlanRepository;
  readonly runs: RunRepository;
  readonly lease: LeaseRepository;
  /** Purchases that may have spent money but are not bound to a subscription yet. */
  listInFlightPurchases(): InFlightPurchase[];
  /** The serial plans record in `basis.stateSerial`; bumped on every committed apply. */
  currentSerial(): number;
  /** Adds one to the serial and returns the new value. */
  bumpSerial(): number;
  /**
   * Runs `fn` in one IMMEDIATE transaction (nested calls become savepoints): everything it
   * writes commits together or not at all. `fn` must be synchronous — never await inside.
   */
  transaction<T>(fn: () => T): T;
  /** `PRAGMA integrity_check`: `['ok']` for a healthy file, else SQLite's findings. */
  integrityCheck(): string[];
  close(): void;
}

/**
 * Opens (creating when missing) and migrates the state store at `path`: WAL,
 * `synchronous=FULL`, `foreign_keys=ON`, `busy_timeout`; see docs/state-store.md.
 *
 * @throws StateStoreError `state-schema-too-new` (written by a newer Quartermaster),
 *   `state-corrupt` (not a SQLite database), `state-unreadable` (cannot be opened),
 *   `state-migration-failed`.
 */
export function openStateStore(path: string, options: StateStoreOptions = {}): StateStore {
  const clock = options.clock ?? systemClock;
  const db = openDatabase(path, options.busyTimeoutMs ?? 5000);
  let migration: MigrationResult;
  try {
    migration = migrate(db, MIGRATIONS, { path, now: () => clock.now() });
  } catch (error) {
    db.close();
    throw classifyOpenError(path, error);
  }
  return buildStore(db, path, migration, clock, options.leaseEnvironment ?? systemLeaseEnvironment);
}

function buildStore(
  db: Database,
  path: string,
  migration: MigrationResult,
  clock: Clock,
  leaseEnvironment: LeaseEnvironment,
): StateStore {
  const bindings = createBindingRepository(db);
  const purchaseRows = db.prepare<[], JournalRow>(
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
    bindings,
    journal: createJournalRepository(db, clock),
    plans: createPlanRepository(db, clock),
    runs: createRunRepository(db, clock),
    lease: createLeaseRepository(db, clock, leaseEnvironment),
    listInFlightPurchases: () =>
      deriveInFlightPurchases(purchaseRows.all().map(readJournalRow), (customerId, item) =>
        bindings.get(customerId, item),
      ),
    currentSerial: () => Number(readSerial.get()),
    bumpSerial: () => Number(bump.get()),
    transaction: (fn) => db.transaction(fn).immediate(),
    integrityCheck: () =>
      (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check),
    close: () => db.close(),
  };
}
