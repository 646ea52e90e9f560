import type { Database } from 'better-sqlite3';
import { StateStoreError } from './state-error.js';

/**
 * Runs `fn` as one explicit IMMEDIATE transaction and returns only once its COMMIT succeeded.
 * In autocommit, better-sqlite3 can hand back an `INSERT … RETURNING` row through `.get()`
 * although the commit failed (SQLITE_FULL); an explicit transaction surfaces the failure.
 * `what` names the write for the message ("the journal row for purchase:…").
 *
 * `flush: 'with-next'` commits without waiting for the disk (WAL, `synchronous = NORMAL`): the
 * row survives the process crashing, and reaches the disk with the next ordinary commit, which
 * syncs the whole log before it (docs/decisions.md "Settled rows reach the disk with the next
 * intent"). Only for a write whose loss in a power cut leaves a state recovery already handles.
 */
export type DurableCommit = <T>(
  what: string,
  fn: () => T,
  options?: { readonly flush?: 'now' | 'with-next' },
) => T;

/** SQLite result codes meaning "the write did not reach the disk", with what to do about it. */
const WRITE_FAILURES: readonly [prefix: string, hint: string][] = [
  ['SQLITE_FULL', 'The disk (or the file system quota) is full: free disk space and run again.'],
  ['SQLITE_IOERR', 'The disk reported an I/O error: check the disk and run again.'],
  ['SQLITE_READONLY', 'The file or its directory is read-only here: make it writable.'],
  ['SQLITE_BUSY', 'Another process held the write lock too long: run again.'],
  ['SQLITE_LOCKED', 'Another connection held the write lock: run again.'],
  ['SQLITE_CANTOPEN', 'The file could not be opened for writing: check its path and permissions.'],
  ['SQLITE_CORRUPT', 'The file is damaged: restore it from a backup, or run `qm state reset`.'],
];

/** Builds the committer for the store at `path`. */
export function createDurableCommit(db: Database, path: string): DurableCommit {
  return (what, fn, options) => {
    // Inside a caller's transaction the pragma cannot change; that commit decides.
    const later = options?.flush === 'with-next' && !db.inTransaction;
    try {
      if (later) db.pragma('synchronous = NORMAL');
      return db.transaction(fn).immediate();
    } catch (error) {
      throw asWriteFailure(path, what, error);
    } finally {
      if (later) db.pragma('synchronous = FULL');
    }
  };
}

/** Maps a SQLite write failure to `state-write-failed`; anything else is returned as is. */
export function asWriteFailure(path: string, what: string, error: unknown): unknown {
  if (error instanceof StateStoreError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  const failure =
    typeof code === 'string' ? WRITE_FAILURES.find(([p]) => code.startsWith(p)) : undefined;
  if (failure === undefined) return error;
  return new StateStoreError(
    'state-write-failed',
    `Could not record ${what} in the state store ${path} (${String(code)}): nothing of it was ` +
      `kept, and no request it guards was sent. ${failure[1]}`,
    { cause: error },
  );
}

/** Throws `state-write-failed` when a committed row cannot be read back. */
export function assertWritten(path: string, what: string, found: boolean): void {
  if (found) return;
  throw new StateStoreError(
    'state-write-failed',
    `The state store ${path} did not keep ${what} (it cannot be read back after its commit); ` +
      `nothing was sent. Check the disk (space, errors) and run again.`,
  );
}
