import type { Database } from 'better-sqlite3';
import { StateStoreError } from './state-error.js';

/**
 * How `qm state reshard` treats each table of a state file. Every table of the latest schema
 * must be listed here (a test checks it), so a migration that adds one decides whether its rows
 * belong to a customer (they move with it) or to the file (they stay).
 *
 * Customer tables have a `customer_id` column; all their rows move to the shard file their
 * customer now hashes to. `journal` rows get new ids there (`run_id` and
 * `schedule_wipe_notice.journal_id` follow them).
 */
export const CUSTOMER_TABLES = [
  'snapshot',
  'binding',
  'journal',
  'renewal_notice',
  'schedule_wipe_notice',
  'refresh_customer',
] as const;

/** Tables that belong to one file, and what reshard does with them (docs/scale.md). */
export const FILE_TABLES: Readonly<Record<string, string>> = {
  meta: 'serial bumped; shard layout and reshard mark set; a reset instant carried over',
  schema_migration: 'each file keeps its own',
  run: 'stays; runs that moved journal rows name are copied with them',
  plan: 'stays with the old file (a saved plan judges each customer against the file it runs on)',
  approval: 'stays with its plan',
  lease: 'each file has its own; reshard holds every one while it works',
  lease_watch: 'each file keeps its own',
  catalog_cache: 'stays; a new file fills its own on first use',
  price_sheet: 'stays; a new file downloads the sheets again on first use',
  price_row: 'stays with its sheet',
  refresh_mark:
    "stays: customers moved in bring their refresh_customer rows, and one covered only up to an instant before this file's mark is read fresh on the next incremental cycle",
};

/** Tables SQLite itself keeps. */
const INTERNAL = /^sqlite_/;

/**
 * The customer tables present in `db` (an older schema may lack some).
 * @throws StateStoreError `state-reshard-refused` for a table this build does not classify.
 */
export function customerTablesOf(db: Database, path: string): string[] {
  const tables = db
    .prepare<[], string>("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
    .pluck()
    .all()
    .filter((name) => !INTERNAL.test(name));
  const unknown = tables.filter(
    (t) => !(CUSTOMER_TABLES as readonly string[]).includes(t) && !(t in FILE_TABLES),
  );
  if (unknown.length > 0) {
    throw new StateStoreError(
      'state-reshard-refused',
      `The state store ${path} has table(s) ${unknown.join(', ')} that this Quartermaster does ` +
        'not know how to move between shard files; nothing was moved. Upgrade Quartermaster.',
    );
  }
  return CUSTOMER_TABLES.filter((t) => tables.includes(t));
}

/** Distinct customers with at least one row in a customer table of `db`, sorted. */
export function customersIn(db: Database, path: string): string[] {
  const tables = customerTablesOf(db, path);
  if (tables.length === 0) return [];
  const union = tables.map((t) => `SELECT customer_id FROM ${t}`).join(' UNION ');
  return db.prepare<[], string>(`${union} ORDER BY 1`).pluck().all();
}

/** Rows per customer table per customer: `table → customer → count`. */
export function rowCounts(db: Database, path: string): Map<string, Map<string, number>> {
  const counts = new Map<string, Map<string, number>>();
  for (const table of customerTablesOf(db, path)) {
    const rows = db
      .prepare<[], { customer_id: string; n: number }>(
        `SELECT customer_id, count(*) AS n FROM ${table} GROUP BY customer_id`,
      )
      .all();
    counts.set(table, new Map(rows.map((r) => [r.customer_id, r.n])));
  }
  return counts;
}
