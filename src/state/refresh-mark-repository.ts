import type { Database } from 'better-sqlite3';
import type { CustomerId } from '../model/index.js';

/** A state file's incremental-refresh mark (schema 6, docs/scale.md "Incremental refresh"). */
export interface RefreshMark {
  /** The audit feed was read up to this instant by the last cycle over the whole estate. */
  readonly auditThrough: string;
  /** When the last full refresh over the whole estate began. */
  readonly fullStartedAt: string;
}

/** What the store knows about one customer's snapshot. */
export interface CustomerCoverage {
  /** The snapshot is known current up to this instant. */
  readonly coveredUntil: string;
  /** The customer's spec digest when it was last covered. */
  readonly specDigest: string;
}

/** What one cycle learned, recorded in one transaction. */
export interface RefreshRecord {
  readonly coveredUntil: string;
  readonly customers: readonly { readonly customerId: CustomerId; readonly specDigest: string }[];
  /** Set only by a cycle over the whole estate. */
  readonly mark?: RefreshMark;
}

/**
 * The refresh marks: per file (`refresh_mark`) and per customer (`refresh_customer`, moved by
 * `qm state reshard` with the customer). Writes go through the caller's lease.
 */
export interface RefreshMarkRepository {
  mark(): RefreshMark | undefined;
  /** Every customer's coverage, by customer id. */
  listCoverage(): ReadonlyMap<CustomerId, CustomerCoverage>;
  /**
   * Customers with journal rows not settled (planned, in flight, in doubt) or written at or
   * after `since`: the agent may have changed them after their snapshot was read. Sorted.
   */
  customersJournalledSince(since: string): CustomerId[];
  /** Covers the customers up to `coveredUntil` and sets the mark when given (one transaction). */
  record(input: RefreshRecord): void;
}

interface MarkRow {
  audit_through: string;
  full_started_at: string;
}

interface CoverageRow {
  customer_id: string;
  covered_until: string;
  spec_digest: string;
}

/** Builds the repository over an open database migrated to schema 6 or later. */
export function createRefreshMarkRepository(db: Database): RefreshMarkRepository {
  const readMark = db.prepare<[], MarkRow>(
    'SELECT audit_through, full_started_at FROM refresh_mark WHERE id = 1',
  );
  const putMark = db.prepare(`INSERT INTO refresh_mark (id, audit_through, full_started_at)
    VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET audit_through = excluded.audit_through,
      full_started_at = excluded.full_started_at`);
  const all = db.prepare<[], CoverageRow>('SELECT * FROM refresh_customer');
  const cover = db.prepare(`INSERT INTO refresh_customer (customer_id, covered_until, spec_digest)
    VALUES (?, ?, ?) ON CONFLICT (customer_id) DO UPDATE SET
      covered_until = excluded.covered_until, spec_digest = excluded.spec_digest`);
  const journalled = db
    .prepare<[string], string>(
      `SELECT customer_id FROM journal WHERE status IN ('planned', 'in-flight', 'unknown')
       UNION SELECT customer_id FROM journal WHERE updated_at >= ? ORDER BY 1`,
    )
    .pluck();
  const record = db.transaction((input: RefreshRecord) => {
    for (const c of input.customers) cover.run(c.customerId, input.coveredUntil, c.specDigest);
    if (input.mark !== undefined) putMark.run(input.mark.auditThrough, input.mark.fullStartedAt);
  });

  return {
    mark: () => {
      const row = readMark.get();
      return row && { auditThrough: row.audit_through, fullStartedAt: row.full_started_at };
    },
    listCoverage: () =>
      new Map(
        all
          .all()
          .map((r) => [
            r.customer_id as CustomerId,
            { coveredUntil: r.covered_until, specDigest: r.spec_digest },
          ]),
      ),
    customersJournalledSince: (since) => journalled.all(since) as CustomerId[],
    record: (input) => record.immediate(input),
  };
}
