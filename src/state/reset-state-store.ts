import { existsSync, linkSync, copyFileSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { systemClock } from '../support/index.js';
import { createDurableCommit } from './durable-commit.js';
import { createLeaseClaim, DEFAULT_LEASE_TTL_MS } from './lease-repository.js';
import { openDatabase } from './open-database.js';
import { createRunRepository } from './run-repository.js';
import { StateStoreError } from './state-error.js';
import { createStateFileAtomically, syncDirectory } from './state-file.js';
import { initialise, openStateStore, type StateStoreOptions } from './state-store.js';

/** What `resetStateStore` did. */
export interface ResetResult {
  /** Where the old file went (`<path>.<instant>.bak`); absent when there was none. */
  readonly backup?: string;
  /** Why the old file could not be opened, when it could not (`state-damaged`, …). */
  readonly oldFileError?: string;
  /** The instant recorded as the new store's `reset_at`. */
  readonly resetAt: string;
  /** Rows in doubt and bindings the old file held (when it could be read). */
  readonly counts: Readonly<Record<string, number>>;
  readonly detail: string;
}

/**
 * `qm state reset`: starts a new, empty store at `path` on purpose. The old file (if any) is
 * kept as `<path>.<instant>.bak` (its WAL beside it). When it can be opened, its lease is taken
 * first, so a running writer makes the reset fail (`lease-held`), and it is checkpointed so the
 * backup is one complete file. The new store is built aside and renamed over `path`, so no
 * process ever sees the path missing (which would be a first run). It records `created_by =
 * reset`, `reset_at` and `reset_from`, and a `state reset` run saying what was done.
 * @throws StateStoreError `lease-held`, `state-write-failed`, `state-unreadable`
 */
export function resetStateStore(
  path: string,
  owner: string,
  options: StateStoreOptions = {},
): ResetResult {
  const clock = options.clock ?? systemClock;
  const now = clock.now().toISOString();
  const exists = existsSync(path);
  const backup = exists ? `${path}.${now.replace(/[:.]/g, '-')}.bak` : undefined;
  const counts: Record<string, number> = {};
  let oldFileError: string | undefined;
  if (exists) {
    try {
      const old = openStateStore(path, options);
      try {
        old.lease.acquire(createLeaseClaim('state reset', options.leaseEnvironment), DEFAULT_LEASE_TTL_MS);
        counts.rowsInDoubt = old.journal.listInFlight().length;
        counts.bindings = old.bindings.list().length;
      } finally {
        old.close(); // the last connection checkpoints the WAL into the file
      }
    } catch (error) {
      if (!(error instanceof StateStoreError) || error.code === 'lease-held') throw error;
      oldFileError = error.code;
    }
  }
  const detail = backup
    ? `moved ${path} to ${backup}${oldFileError ? ` (it was unreadable: ${oldFileError})` : ''}; ` +
      'started a new empty store'
    : `no state file existed at ${path}; started a new empty store`;

  const staged = `${path}.reset-${process.pid}`;
  const busy = options.busyTimeoutMs ?? 5000;
  createStateFileAtomically(
    staged,
    (temp) => openDatabase(temp, busy),
    (db) => {
      initialise(db, staged, clock, {
        createdBy: 'reset',
        resetAt: now,
        ...(backup === undefined ? {} : { resetFrom: backup }),
      });
      const runs = createRunRepository(db, clock, createDurableCommit(db, staged));
      const run = runs.start('state reset', owner);
      runs.end(run.id, 'succeeded', counts, detail);
    },
  );
  try {
    if (backup !== undefined) {
      keepAsBackup(path, backup);
      for (const suffix of ['-wal', '-shm']) {
        if (existsSync(path + suffix)) renameSync(path + suffix, backup + suffix);
      }
    }
    renameSync(staged, path);
    syncDirectory(dirname(path));
  } finally {
    rmSync(staged, { force: true });
  }
  return {
    ...(backup === undefined ? {} : { backup }),
    ...(oldFileError === undefined ? {} : { oldFileError }),
    resetAt: now,
    counts,
    detail,
  };
}

/** A hard link keeps the old file at `path` until the new one replaces it; copy where links fail. */
function keepAsBackup(path: string, backup: string): void {
  try {
    linkSync(path, backup);
  } catch {
    copyFileSync(path, backup);
  }
}
