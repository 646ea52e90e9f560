import type { Database } from 'better-sqlite3';
import type { CustomerId, ItemKey, SubscriptionId } from '../model/index.js';
import type { Clock } from '../support/index.js';
import type { DurableCommit } from './durable-commit.js';
import type { JournalEntry } from './journal-entry.js';
import { readJournalDbRow, type JournalDbRow } from './journal-row.js';

/**
 * Which notice a row records: one renewal threshold crossed (`renewal`), or one scheduled change
 * (its journal row) found wiped (`schedule-wiped`). The daemon sends a notice only for a mark
 * not recorded yet.
 */
export type NoticeMark =
  | {
      readonly kind: 'renewal';
      readonly subscriptionId: SubscriptionId;
      /** The renewal instant, ISO-8601 UTC (`toISOString`). */
      readonly renewsAt: string;
      readonly thresholdDays: number;
    }
  | {
      readonly kind: 'schedule-wiped';
      readonly subscriptionId: SubscriptionId;
      readonly journalId: number;
    };

/** A notice to record. */
export interface NoticeRecordInput {
  readonly mark: NoticeMark;
  readonly customerId: CustomerId;
  readonly item: ItemKey;
  /** The renewal the notice concerns, ISO-8601 UTC; equal to `mark.renewsAt` for renewals. */
  readonly renewsAt: string;
  /** What is sent (JSON-serialisable); absent when another mark's notice covers this one. */
  readonly notice?: unknown;
}

/** A recorded notice. */
export interface RecordedNotice extends NoticeRecordInput {
  readonly recordedAt: string;
  /** When the webhook took it (or when it was recorded, when there was nothing to deliver). */
  readonly deliveredAt?: string;
}

/**
 * Renewal-decision notices recorded by the daemon (schema 5, docs/state-store.md). Every write
 * is one explicitly committed transaction (`state-write-failed` when it is not).
 */
export interface RenewalNoticeRepository {
  /** Whether `mark` is recorded. */
  has(mark: NoticeMark): boolean;
  /**
   * Records `rows` in one transaction; a mark recorded before keeps its row untouched.
   * `delivered: true` (no webhook to deliver to) records them as delivered.
   * @returns the marks this call recorded (those not recorded before), in input order
   */
  record(rows: readonly NoticeRecordInput[], options: { readonly delivered: boolean }): NoticeMark[];
  /** Recorded notices the webhook has not taken yet whose renewal is after `now`, oldest first. */
  listUndelivered(now: Date): RecordedNotice[];
  /** Records that the webhook took the notices of `marks`. */
  markDelivered(marks: readonly NoticeMark[]): void;
  /** Every recorded notice, oldest first (`qm state`, tests). */
  list(): RecordedNotice[];
  /**
   * Succeeded journal rows of these action `kinds` settled at or after `since`, oldest first:
   * the scheduled changes the agent set (wiped-change notices). One scan of the journal in SQL
   * that parses only the rows it returns.
   */
  listSucceededJournalRows(kinds: readonly string[], since: Date): JournalEntry[];
}

interface NoticeRow {
  kind: 'renewal' | 'schedule-wiped';
  subscription_id: string;
  renews_at: string;
  threshold_days: number | null;
  journal_id: number | null;
  customer_id: string;
  item: string;
  notice: string | null;
  recorded_at: string;
  delivered_at: string | null;
}

const COLUMNS = `customer_id, item, notice, recorded_at, delivered_at, renews_at, subscription_id`;
const BOTH = `SELECT 'renewal' AS kind, threshold_days, NULL AS journal_id, ${COLUMNS}
    FROM renewal_notice
  UNION ALL
  SELECT 'schedule-wiped' AS kind, NULL AS threshold_days, journal_id, ${COLUMNS}
    FROM schedule_wipe_notice`;

function toRecorded(row: NoticeRow): RecordedNotice {
  const subscriptionId = row.subscription_id as SubscriptionId;
  const mark: NoticeMark =
    row.kind === 'renewal'
      ? {
          kind: 'renewal',
          subscriptionId,
          renewsAt: row.renews_at,
          thresholdDays: Number(row.threshold_days),
        }
      : { kind: 'schedule-wiped', subscriptionId, journalId: Number(row.journal_id) };
  return {
    mark,
    customerId: row.customer_id as CustomerId,
    item: row.item as ItemKey,
    renewsAt: row.renews_at,
    ...(row.notice === null ? {} : { notice: JSON.parse(row.notice) as unknown }),
    recordedAt: row.recorded_at,
    ...(row.delivered_at === null ? {} : { deliveredAt: row.delivered_at }),
  };
}

/** Builds the SQLite repository over an open, migrated database (schema 5 or later). */
export function createRenewalNoticeRepository(
  db: Database,
  clock: Clock,
  commit: DurableCommit,
): RenewalNoticeRepository {
  const hasRenewal = db
    .prepare<[string, string, number], number>(
      'SELECT 1 FROM renewal_notice WHERE subscription_id = ? AND renews_at = ? AND threshold_days = ?',
    )
    .pluck();
  const hasWipe = db
    .prepare<[string, number], number>(
      'SELECT 1 FROM schedule_wipe_notice WHERE subscription_id = ? AND journal_id = ?',
    )
    .pluck();
  const insertRenewal = db.prepare(`INSERT INTO renewal_notice (subscription_id, renews_at,
      threshold_days, customer_id, item, notice, recorded_at, delivered_at)
    VALUES (@subscriptionId, @renewsAt, @thresholdDays, @customerId, @item, @notice, @now, @delivered)
    ON CONFLICT DO NOTHING`);
  const insertWipe = db.prepare(`INSERT INTO schedule_wipe_notice (subscription_id, journal_id,
      renews_at, customer_id, item, notice, recorded_at, delivered_at)
    VALUES (@subscriptionId, @journalId, @renewsAt, @customerId, @item, @notice, @now, @delivered)
    ON CONFLICT DO NOTHING`);
  const deliverRenewal = db.prepare(`UPDATE renewal_notice SET delivered_at = ?
    WHERE subscription_id = ? AND renews_at = ? AND threshold_days = ? AND delivered_at IS NULL`);
  const deliverWipe = db.prepare(`UPDATE schedule_wipe_notice SET delivered_at = ?
    WHERE subscription_id = ? AND journal_id = ? AND delivered_at IS NULL`);
  const undelivered = db.prepare<[string], NoticeRow>(`SELECT * FROM (${BOTH})
    WHERE delivered_at IS NULL AND notice IS NOT NULL AND renews_at > ?
    ORDER BY recorded_at, subscription_id`);
  const all = db.prepare<[], NoticeRow>(
    `SELECT * FROM (${BOTH}) ORDER BY recorded_at, subscription_id, renews_at`,
  );

  const succeededRows = db.prepare<[string, string], JournalDbRow>(`SELECT * FROM journal
    WHERE status = 'succeeded' AND kind IN (SELECT value FROM json_each(?))
      AND coalesce(settled_at, updated_at) >= ?
    ORDER BY id`);

  return {
    has: (mark) =>
      mark.kind === 'renewal'
        ? hasRenewal.get(mark.subscriptionId, mark.renewsAt, mark.thresholdDays) !== undefined
        : hasWipe.get(mark.subscriptionId, mark.journalId) !== undefined,
    record: (rows, options) => {
      if (rows.length === 0) return [];
      const now = clock.now().toISOString();
      return commit(`${rows.length} renewal notice(s)`, () =>
        rows.flatMap(({ mark, ...row }) => {
          const params = {
            subscriptionId: mark.subscriptionId,
            renewsAt: row.renewsAt,
            customerId: row.customerId,
            item: row.item,
            notice: row.notice === undefined ? null : JSON.stringify(row.notice),
            now,
            // Nothing to deliver (no notice, or no webhook): recorded as delivered.
            delivered: options.delivered || row.notice === undefined ? now : null,
          };
          const { changes } =
            mark.kind === 'renewal'
              ? insertRenewal.run({
                  ...params,
                  renewsAt: mark.renewsAt,
                  thresholdDays: mark.thresholdDays,
                })
              : insertWipe.run({ ...params, journalId: mark.journalId });
          return changes > 0 ? [mark] : [];
        }),
      );
    },
    listUndelivered: (now) => undelivered.all(now.toISOString()).map(toRecorded),
    markDelivered: (marks) => {
      if (marks.length === 0) return;
      const at = clock.now().toISOString();
      commit(`the delivery of ${marks.length} renewal notice(s)`, () => {
        for (const mark of marks) {
          if (mark.kind === 'renewal')
            deliverRenewal.run(at, mark.subscriptionId, mark.renewsAt, mark.thresholdDays);
          else deliverWipe.run(at, mark.subscriptionId, mark.journalId);
        }
      });
    },
    list: () => all.all().map(toRecorded),
    listSucceededJournalRows: (kinds, since) =>
      succeededRows.all(JSON.stringify(kinds), since.toISOString()).map(readJournalDbRow),
  };
}
