import Database from 'better-sqlite3';
import type { RecordKind, RecordKinds, ReplayRecord } from './records.js';

/**
 * The sandbox's persisted state: one SQLite table of JSON documents keyed by
 * (kind, customer, id), indexed per customer, so a request costs O(that customer's data)
 * however many customers exist. Writes go straight through (`:memory:` in tests, a file for
 * `qm sandbox serve`). better-sqlite3 is synchronous: a handler's reads and writes inside
 * `transaction` are atomic and never interleave with another request.
 */
export class SandboxStore {
  readonly #db: Database.Database;
  readonly #stmts;

  constructor(path: string) {
    this.#db = new Database(path);
    if (path !== ':memory:') {
      this.#db.pragma('journal_mode = WAL');
      this.#db.pragma('synchronous = NORMAL');
    }
    this.#db.exec(SCHEMA);
    const db = this.#db;
    this.#stmts = {
      put: db.prepare(
        `INSERT INTO documents (kind, customer_id, id, json) VALUES (?, ?, ?, ?)
         ON CONFLICT (kind, customer_id, id) DO UPDATE SET json = excluded.json`,
      ),
      get: db.prepare('SELECT json FROM documents WHERE kind = ? AND customer_id = ? AND id = ?'),
      list: db.prepare(
        'SELECT json FROM documents WHERE kind = ? AND customer_id = ? ORDER BY seq',
      ),
      all: db.prepare('SELECT json FROM documents WHERE kind = ? ORDER BY seq'),
      count: db.prepare('SELECT count(*) AS n FROM documents WHERE kind = ?'),
      page: db.prepare(
        `SELECT seq, json FROM documents WHERE kind = ? AND seq > ?
         ORDER BY seq LIMIT ?`,
      ),
      getMeta: db.prepare('SELECT value FROM meta WHERE key = ?'),
      putMeta: db.prepare(
        'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      ),
      getReplay: db.prepare(
        'SELECT status, headers, body FROM replays WHERE request_id = ? AND method = ? AND path = ?',
      ),
      putReplay: db.prepare(
        `INSERT OR IGNORE INTO replays (request_id, method, path, status, headers, body)
         VALUES (?, ?, ?, ?, ?, ?)`,
      ),
    };
  }

  /** Runs `fn` in one SQLite transaction (nested calls join the outer one). */
  transaction<T>(fn: () => T): T {
    if (this.#db.inTransaction) return fn();
    return this.#db.transaction(fn)();
  }

  put<K extends RecordKind>(kind: K, customerId: string, id: string, record: RecordKinds[K]): void {
    this.#stmts.put.run(kind, customerId, id, JSON.stringify(record));
  }

  get<K extends RecordKind>(kind: K, customerId: string, id: string): RecordKinds[K] | undefined {
    const row = this.#stmts.get.get(kind, customerId, id) as { json: string } | undefined;
    return row === undefined ? undefined : (JSON.parse(row.json) as RecordKinds[K]);
  }

  /** Every record of `kind` for one customer, in insertion order. */
  list<K extends RecordKind>(kind: K, customerId: string): RecordKinds[K][] {
    const rows = this.#stmts.list.all(kind, customerId) as { json: string }[];
    return rows.map((row) => JSON.parse(row.json) as RecordKinds[K]);
  }

  /** Every record of `kind` across customers (inspection and admin sweeps only). */
  all<K extends RecordKind>(kind: K): RecordKinds[K][] {
    const rows = this.#stmts.all.all(kind) as { json: string }[];
    return rows.map((row) => JSON.parse(row.json) as RecordKinds[K]);
  }

  count(kind: RecordKind): number {
    return (this.#stmts.count.get(kind) as { n: number }).n;
  }

  /** Seek paging over `kind` in insertion order: records after `afterSeq`, at most `limit`. */
  page<K extends RecordKind>(
    kind: K,
    afterSeq: number,
    limit: number,
  ): { seq: number; record: RecordKinds[K] }[] {
    const rows = this.#stmts.page.all(kind, afterSeq, limit) as { seq: number; json: string }[];
    return rows.map((row) => ({ seq: row.seq, record: JSON.parse(row.json) as RecordKinds[K] }));
  }

  getMeta(key: string): string | undefined {
    return (this.#stmts.getMeta.get(key) as { value: string } | undefined)?.value;
  }

  putMeta(key: string, value: string): void {
    this.#stmts.putMeta.run(key, value);
  }

  getReplay(requestId: string, method: string, path: string): ReplayRecord | undefined {
    const row = this.#stmts.getReplay.get(requestId, method, path) as
      { status: number; headers: string; body: string } | undefined;
    if (row === undefined) return undefined;
    return {
      status: row.status,
      headers: JSON.parse(row.headers) as Record<string, string>,
      body: row.body,
    };
  }

  putReplay(requestId: string, method: string, path: string, replay: ReplayRecord): void {
    this.#stmts.putReplay.run(
      requestId,
      method,
      path,
      replay.status,
      JSON.stringify(replay.headers),
      replay.body,
    );
  }

  /**
   * The connection itself, for modules that keep their own table in this file (`audit/`:
   * the activity log needs a date index the documents table has not). Use it inside
   * {@link transaction} like any other write.
   */
  get database(): Database.Database {
    return this.#db;
  }

  close(): void {
    this.#db.close();
  }
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL,
  customer_id TEXT NOT NULL,
  id TEXT NOT NULL,
  json TEXT NOT NULL,
  UNIQUE (kind, customer_id, id)
);
CREATE INDEX IF NOT EXISTS documents_by_kind ON documents (kind, seq);
-- Per-customer reads in insertion order. Without it SQLite serves "kind = ? AND customer_id = ?
-- ORDER BY seq" from documents_by_kind, scanning every customer's records on each request.
CREATE INDEX IF NOT EXISTS documents_by_customer ON documents (kind, customer_id, seq);
CREATE TABLE IF NOT EXISTS replays (
  request_id TEXT NOT NULL,
  method TEXT NOT NULL,
  path TEXT NOT NULL,
  status INTEGER NOT NULL,
  headers TEXT NOT NULL,
  body TEXT NOT NULL,
  PRIMARY KEY (request_id, method, path)
);
`;
