import type { Database } from 'better-sqlite3';
import { customerTablesOf } from './reshard-tables.js';
import { StateStoreError } from './state-error.js';

/** One state file opened for a reshard: a raw connection and its path (for messages). */
export interface ReshardFile {
  readonly path: string;
  readonly db: Database;
}

/** A journal row in doubt that a reshard moved: where it was and where it is now. */
export interface MovedRowInDoubt {
  readonly customerId: string;
  readonly item?: string;
  readonly kind: string;
  readonly status: string;
  readonly from: { readonly path: string; readonly id: number };
  readonly to: { readonly path: string; readonly id: number };
}

/** What one source gave one destination. */
export interface CopyResult {
  readonly customers: number;
  /** Rows copied per customer table (plus `run` for the runs copied with journal rows). */
  readonly rows: Readonly<Record<string, number>>;
  readonly rowsInDoubt: readonly MovedRowInDoubt[];
}

type Row = Record<string, unknown>;
const IN_SET = 'customer_id IN (SELECT value FROM json_each(?))';

/**
 * Copies every row of `customers` from `source` into `dest`, inside the caller's transaction
 * on `dest`. Journal rows keep their order and get new ids; the runs they name are copied too
 * (their detail says from where), and wiped-schedule notices follow their journal row.
 */
export function copyCustomers(
  source: ReshardFile,
  dest: ReshardFile,
  customers: readonly string[],
): CopyResult {
  const set = JSON.stringify(customers);
  const tables = customerTablesOf(dest.db, dest.path);
  const present = new Set(customerTablesOf(source.db, source.path));
  const rows: Record<string, number> = {};
  const runIds = copyRuns(source, dest, set);
  rows['run'] = runIds.size;
  const journalIds = new Map<number, number>();
  const rowsInDoubt: MovedRowInDoubt[] = [];
  for (const table of tables.filter((t) => present.has(t))) {
    const columns = columnsOf(dest.db, table).filter((c) => !(table === 'journal' && c === 'id'));
    const insert = dest.db.prepare(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
    );
    let count = 0;
    for (const row of selectRows(source.db, table, set)) {
      const values = columns.map((c) => remap(table, c, row, runIds, journalIds, source.path));
      const info = insert.run(...values);
      if (table === 'journal') {
        const to = Number(info.lastInsertRowid);
        journalIds.set(Number(row['id']), to);
        if (row['status'] === 'in-flight' || row['status'] === 'unknown') {
          rowsInDoubt.push({
            customerId: String(row['customer_id']),
            ...(typeof row['item'] === 'string' ? { item: row['item'] } : {}),
            kind: String(row['kind']),
            status: String(row['status']),
            from: { path: source.path, id: Number(row['id']) },
            to: { path: dest.path, id: to },
          });
        }
      }
      count += 1;
    }
    rows[table] = count;
  }
  return { customers: customers.length, rows, rowsInDoubt };
}

/**
 * Deletes every customer row of `file` (inside the caller's transaction): after a reshard
 * wrote them to their new files. Returns the rows deleted per table.
 */
export function deleteCustomerRows(file: ReshardFile): Record<string, number> {
  const deleted: Record<string, number> = {};
  // Children before parents: notices name journal rows.
  for (const table of [...customerTablesOf(file.db, file.path)].reverse()) {
    deleted[table] = file.db.prepare(`DELETE FROM ${table}`).run().changes;
  }
  return deleted;
}

function copyRuns(source: ReshardFile, dest: ReshardFile, set: string): Map<number, number> {
  const ids = source.db
    .prepare<[string], number>(
      `SELECT DISTINCT run_id FROM journal WHERE run_id IS NOT NULL AND ${IN_SET} ORDER BY 1`,
    )
    .pluck()
    .all(set);
  const read = source.db.prepare<[number], Row>('SELECT * FROM run WHERE id = ?');
  const columns = columnsOf(dest.db, 'run').filter((c) => c !== 'id');
  const insert = dest.db.prepare(
    `INSERT INTO run (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
  );
  const mapped = new Map<number, number>();
  for (const id of ids) {
    const run = read.get(id);
    if (run === undefined) continue; // a dangling run id: the journal row keeps none
    const note = `[copied by qm state reshard from ${source.path} run #${id}]`;
    const values = columns.map((c) =>
      c === 'detail'
        ? typeof run['detail'] === 'string'
          ? `${run['detail']} ${note}`
          : note
        : run[c],
    );
    mapped.set(id, Number(insert.run(...values).lastInsertRowid));
  }
  return mapped;
}

function remap(
  table: string,
  column: string,
  row: Row,
  runIds: ReadonlyMap<number, number>,
  journalIds: ReadonlyMap<number, number>,
  from: string,
): unknown {
  const value = row[column];
  if (table === 'journal' && column === 'run_id') {
    return value === null ? null : (runIds.get(Number(value)) ?? null);
  }
  if (table !== 'schedule_wipe_notice') return value;
  if (column === 'journal_id') {
    const to = journalIds.get(Number(value));
    if (to === undefined) {
      throw new StateStoreError(
        'state-reshard-refused',
        `The state store ${from} has a wiped-schedule notice naming journal row ${String(value)}, ` +
          'which its customer does not have; nothing was moved. Check the file with `qm state list`.',
      );
    }
    return to;
  }
  if (column === 'notice' && typeof value === 'string') {
    const notice = JSON.parse(value) as Row;
    if (typeof notice['journalRow'] === 'number') {
      notice['journalRow'] = journalIds.get(notice['journalRow']) ?? notice['journalRow'];
    }
    if (typeof notice['runId'] === 'number') {
      notice['runId'] = runIds.get(notice['runId']) ?? notice['runId'];
    }
    return JSON.stringify(notice);
  }
  return value;
}

/** The rows of `table` for the customers in `set`, in insertion order (WITHOUT ROWID: key order). */
function selectRows(db: Database, table: string, set: string): IterableIterator<Row> {
  const rowid = table === 'journal' ? 'id' : hasRowid(db, table) ? 'rowid' : undefined;
  const order = rowid === undefined ? '' : ` ORDER BY ${rowid}`;
  return db.prepare<[string], Row>(`SELECT * FROM ${table} WHERE ${IN_SET}${order}`).iterate(set);
}

function hasRowid(db: Database, table: string): boolean {
  const sql = db
    .prepare<[string], string>("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?")
    .pluck()
    .get(table);
  return sql !== undefined && !/WITHOUT\s+ROWID/i.test(sql);
}

function columnsOf(db: Database, table: string): string[] {
  return (db.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name);
}
