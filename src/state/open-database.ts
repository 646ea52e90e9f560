import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import DatabaseConstructor from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { StateStoreError } from './state-error.js';
import { DAMAGE_ADVICE } from './state-file.js';

/** SQLite result codes that mean "this file is not a healthy database". */
const CORRUPT_CODES = new Set(['SQLITE_NOTADB', 'SQLITE_CORRUPT']);

/**
 * Opens `path` with the durability settings the journal needs:
 * - `journal_mode=WAL`: readers (`qm status`) never block the writer, and a commit appends to
 *   the WAL instead of rewriting pages in place.
 * - `synchronous=FULL`: the WAL is fsynced at every commit, so a journal row that `begin`
 *   returned survives power loss, not only a process crash (better-sqlite3 builds WAL
 *   databases with NORMAL by default, which may lose the newest commits on an OS crash).
 * - `foreign_keys=ON`, and `busy_timeout` so a second process waits for the write lock rather
 *   than failing at once.
 * The parent directory is created when missing. `:memory:` is accepted for tests.
 * `readOnly` opens an existing file for reading only (`qm status`, `qm history`): nothing is
 * created, migrated or written.
 *
 * @throws StateStoreError `state-corrupt` (not a SQLite file) or `state-unreadable`.
 */
export function openDatabase(
  path: string,
  busyTimeoutMs: number,
  options: { readonly readOnly?: boolean } = {},
): Database {
  let db: Database | undefined;
  try {
    if (options.readOnly === true) {
      db = new DatabaseConstructor(path, {
        timeout: busyTimeoutMs,
        readonly: true,
        fileMustExist: true,
      });
    } else {
      if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
      db = new DatabaseConstructor(path, { timeout: busyTimeoutMs });
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
    }
    db.pragma('foreign_keys = ON');
    // Reading the schema makes SQLite parse the header and first page now, not mid-apply.
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
    return db;
  } catch (error) {
    db?.close();
    throw classifyOpenError(path, error);
  }
}

/** Maps a failure while opening or reading `path` to the store's error codes. */
export function classifyOpenError(path: string, error: unknown): StateStoreError {
  if (error instanceof StateStoreError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && CORRUPT_CODES.has(code)) {
    return new StateStoreError(
      'state-corrupt',
      `The state store ${path} is not a readable SQLite database (${code}). ${DAMAGE_ADVICE}`,
      { cause: error },
    );
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new StateStoreError(
    'state-unreadable',
    `Cannot open the state store ${path}: ${detail}. Check that the path is a file the agent ` +
      `may read and write, on a local disk (SQLite WAL does not work over network filesystems).`,
    { cause: error },
  );
}
