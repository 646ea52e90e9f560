import { inspectStateFile } from './state-file.js';
import { classifyOpenError, openDatabase } from './open-database.js';

/**
 * A state file's shard layout (`unsharded`, or `i/n` for shard i of n), kept in `meta` under
 * `shard_layout` once a reconciling command first opens it. A run whose layout differs is
 * refused by the caller, so an unsharded run and a `--shard` run never both manage a customer.
 */
const KEY = 'shard_layout';

/** The recorded layout of the state file at `path`; `undefined` when none or no file yet. */
export function readShardLayout(path: string): string | undefined {
  return withFile(path, (db) =>
    db.prepare<[string], string>('SELECT value FROM meta WHERE key = ?').pluck().get(KEY),
  );
}

/** Records `layout` in the state file at `path` unless one is recorded already. */
export function recordShardLayout(path: string, layout: string): void {
  const db = openDatabase(path, 5000);
  try {
    db.prepare('INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)').run(KEY, layout);
  } catch (error) {
    throw classifyOpenError(path, error);
  } finally {
    db.close();
  }
}

/** Customers with a binding or a journal row in the state file at `path` ([] when no file). */
export function listCustomersWithHistory(path: string): string[] {
  return (
    withFile(path, (db) =>
      db
        .prepare<[], string>(
          'SELECT customer_id FROM binding UNION SELECT customer_id FROM journal ORDER BY 1',
        )
        .pluck()
        .all(),
    ) ?? []
  );
}

function withFile<T>(path: string, read: (db: ReturnType<typeof openDatabase>) => T): T | undefined {
  if (inspectStateFile(path) === 'missing') return undefined;
  const db = openDatabase(path, 5000, { readOnly: true });
  try {
    return read(db);
  } catch (error) {
    throw classifyOpenError(path, error);
  } finally {
    db.close();
  }
}
