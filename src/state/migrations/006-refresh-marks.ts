import type { Migration } from './migration.js';

/**
 * Schema 6: what incremental refresh (docs/scale.md "Incremental refresh") remembers.
 * - `refresh_mark`: one row per state file (`id = 1`): `audit_through`, the instant the last
 *   cycle over the whole spec estate read the audit feed up to (or began its full refresh), and
 *   `full_started_at`, when the last full refresh over the whole estate began.
 * - `refresh_customer`: per customer, `covered_until` — its stored snapshot is known current
 *   up to this instant (read fresh, or the audit feed showed nothing for it since) — and
 *   `spec_digest`, the digest of its spec then (a changed spec is read fresh). A customer table:
 *   `qm state reshard` moves its rows with the customer, so a customer covered only to an earlier
 *   instant than its new file's mark is read fresh there.
 * - `journal_updated`: customers the agent wrote to since an instant, without a full scan.
 */
export const migration006RefreshMarks: Migration = {
  version: 6,
  name: 'refresh-marks',
  up(db) {
    db.exec(`
      CREATE TABLE refresh_mark (
        id              INTEGER PRIMARY KEY CHECK (id = 1),
        audit_through   TEXT NOT NULL,
        full_started_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE refresh_customer (
        customer_id   TEXT PRIMARY KEY,
        covered_until TEXT NOT NULL,
        spec_digest   TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;

      CREATE INDEX journal_updated ON journal (updated_at);
    `);
  },
};
