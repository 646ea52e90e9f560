import type Database from 'better-sqlite3';
import type { SandboxStore } from '../store/sandbox-store.js';

/**
 * One change the sandbox made, as it stores it (rendered by `render-audit.ts`). Instants are
 * `Date#toISOString()` strings, whose text order is their time order.
 */
export interface AuditEntry {
  readonly id: string;
  readonly customerId: string;
  readonly customerName: string;
  readonly userPrincipalName?: string;
  readonly applicationId?: string;
  readonly resourceType: string;
  readonly operationType: string;
  readonly operationStatus: string;
  readonly operationDate: string;
  readonly originalCorrelationId?: string;
  readonly resourceOldValue?: string;
  readonly resourceNewValue?: string;
  readonly customizedData: readonly { readonly key: string; readonly value: string | null }[];
}

/** Which entries a page reads: a window, at most one filter, and the seek position. */
export interface AuditSelection {
  /** First and last instant included, ISO instants. */
  readonly start: string;
  readonly end: string;
  readonly filter?:
    | { readonly field: 'customerId' | 'resourceType'; readonly value: string }
    | { readonly field: 'companyName'; readonly value: string };
  /** Entries strictly older than this (date, seq) position; none on the first page. */
  readonly before?: { readonly date: string; readonly seq: number };
  readonly limit: number;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS audit_records (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  operation_date TEXT NOT NULL,
  customer_id TEXT NOT NULL,
  customer_name_key TEXT NOT NULL,
  resource_type TEXT NOT NULL,
  json TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS audit_by_date ON audit_records (operation_date, seq);
CREATE INDEX IF NOT EXISTS audit_by_customer ON audit_records (customer_id, operation_date, seq);
`;

const FILTERS = {
  none: '',
  customerId: 'AND customer_id = @value',
  resourceType: 'AND resource_type = @value',
  // Lower-cased in JS (full Unicode), so the substring match ignores case as documented.
  companyName: 'AND instr(customer_name_key, @value) > 0',
} as const;

/**
 * The activity log: its own table in the sandbox's SQLite file, indexed by date and by customer,
 * so a page costs O(page) however long the log is. Newest first, as the documented example
 * lists its records; ties broken by insertion order. Appends join the request's transaction.
 */
export class AuditLog {
  readonly #insert: Database.Statement;
  readonly #count: Database.Statement;
  readonly #pages = new Map<keyof typeof FILTERS, Database.Statement>();

  constructor(private readonly db: Database.Database) {
    db.exec(SCHEMA);
    this.#insert = db.prepare(
      `INSERT INTO audit_records (operation_date, customer_id, customer_name_key, resource_type, json)
       VALUES (?, ?, ?, ?, ?)`,
    );
    this.#count = db.prepare('SELECT count(*) AS n FROM audit_records');
  }

  append(entry: AuditEntry): void {
    this.#insert.run(
      entry.operationDate,
      entry.customerId,
      entry.customerName.toLowerCase(),
      entry.resourceType,
      JSON.stringify(entry),
    );
  }

  count(): number {
    return (this.#count.get() as { n: number }).n;
  }

  /** One page of entries, newest first, each with its position for the next page's seek. */
  page(selection: AuditSelection): { seq: number; entry: AuditEntry }[] {
    const kind = selection.filter?.field ?? 'none';
    const rows = this.#statement(kind).all({
      start: selection.start,
      end: selection.end,
      beforeDate: selection.before?.date ?? '\uffff',
      beforeSeq: selection.before?.seq ?? Number.MAX_SAFE_INTEGER,
      value:
        selection.filter?.field === 'companyName'
          ? selection.filter.value.toLowerCase()
          : (selection.filter?.value ?? ''),
      limit: selection.limit,
    }) as { seq: number; json: string }[];
    return rows.map((row) => ({ seq: row.seq, entry: JSON.parse(row.json) as AuditEntry }));
  }

  #statement(kind: keyof typeof FILTERS): Database.Statement {
    let statement = this.#pages.get(kind);
    if (statement === undefined) {
      statement = this.db.prepare(
        `SELECT seq, json FROM audit_records
         WHERE operation_date >= @start AND operation_date <= @end
           AND (operation_date < @beforeDate OR (operation_date = @beforeDate AND seq < @beforeSeq))
           ${FILTERS[kind]}
         ORDER BY operation_date DESC, seq DESC LIMIT @limit`,
      );
      this.#pages.set(kind, statement);
    }
    return statement;
  }
}

const logs = new WeakMap<SandboxStore, AuditLog>();

/** The store's activity log (its table created on first use). */
export function auditLogOf(store: SandboxStore): AuditLog {
  let log = logs.get(store);
  if (log === undefined) {
    log = new AuditLog(store.database);
    logs.set(store, log);
  }
  return log;
}
