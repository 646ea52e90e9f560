import {
  desiredBatches,
  desiredSource,
  type DesiredSource,
  type DesiredState,
} from '../../model/index.js';
import { PLAN_BATCH_SIZE } from '../compute-plan.js';
import type { CycleOutcome } from '../cycle.js';
import { writeUnderBriefLease } from '../lease.js';
import type {
  AgentStatePort,
  JournalEntry,
  NoticeMark,
  NoticeRecordInput,
  PricingPort,
  RenewalNoticePort,
} from '../ports.js';
import type { DaemonLogger } from './daemon-logger.js';
import { noticeText, type Notice } from './notices.js';
import {
  collectManagedSubscriptions,
  appliedChanges,
  createRenewalPricer,
  pendingChanges,
} from './renewal-notice-inputs.js';
import { buildRenewalNotices } from './renewal-notices.js';
import {
  buildWipedScheduleNotices,
  readScheduleRows,
  wipeWindowStart,
} from './wiped-schedule-notices.js';

export interface RenewalNoticeContext {
  readonly state: Pick<AgentStatePort, 'bindings' | 'snapshots' | 'renewalNotices' | 'lease'>;
  readonly pricing?: Pick<PricingPort, 'findRows'>;
  readonly now: Date;
  /** `daemon.renewalNoticeDays`; `[]` sends no renewal notices (wiped changes still are). */
  readonly thresholds: readonly number[];
  /** Customers per batch (`partnerCenter.batchSize`). @default PLAN_BATCH_SIZE */
  readonly batchSize?: number;
  readonly logger: DaemonLogger;
  /**
   * POSTs notices to the webhook; resolves to those it took (the same objects). Absent when no
   * webhook is configured: the log line is the notice.
   */
  readonly deliver?: (notices: readonly Notice[]) => Promise<readonly Notice[]>;
}

/** What one pass did (for tests and the tick's log). */
export interface RenewalNoticeReport {
  /** Notices recorded this tick (each logged once). */
  readonly sent: readonly Notice[];
  /** Notices the webhook took this tick (new ones and earlier ones retried). */
  readonly delivered: readonly Notice[];
  /** Set when another writer held the lease: nothing was recorded or sent; the next tick tries. */
  readonly deferred?: string;
}

/**
 * After a cycle: the renewal-decision notices (`renewal-upcoming`) and wiped scheduled changes
 * (`scheduled-change-wiped`) not recorded yet are recorded in the state store in one
 * transaction under a brief lease — before anything is sent, so a restart never sends one again —
 * then each is logged once and POSTed to the webhook. A notice the webhook did not take stays
 * recorded as undelivered and is retried on the next ticks until its renewal passes.
 */
export async function runRenewalNotices(
  ctx: RenewalNoticeContext,
  desired: DesiredState | DesiredSource,
  outcome: Pick<CycleOutcome, 'runId' | 'plan' | 'report' | 'deferred'>,
): Promise<RenewalNoticeReport> {
  const { state, now } = ctx;
  const skipped = new Set<string>(
    (outcome.plan.summary.skippedCustomers ?? []).map((c) => c.customerId),
  );
  const isRecorded = (mark: NoticeMark): boolean => state.renewalNotices.has(mark);
  const pricer = createRenewalPricer(ctx.pricing, now);
  const applied = appliedChanges(outcome);
  const pendingOf = pendingChanges(outcome);
  const schedules = scheduleRowsReader(state.renewalNotices);
  const renewals: NoticeRecordInput[] = [];
  const wiped: NoticeRecordInput[] = [];
  // One batch of customers at a time (docs/scale.md "Flat memory"): only the notices due stay.
  const source = 'index' in desired ? desired : desiredSource(desired);
  for (const batch of desiredBatches(source, ctx.batchSize ?? PLAN_BATCH_SIZE)) {
    const refreshed = collectManagedSubscriptions(batch, state, skipped);
    if (ctx.thresholds.length > 0)
      renewals.push(
        ...buildRenewalNotices({
          managed: applied(refreshed),
          thresholds: ctx.thresholds,
          now,
          isRecorded,
          ...(pricer === undefined ? {} : { priceOf: pricer }),
          pendingOf,
        }),
      );
    const rowsOf = schedules(wipeWindowStart(refreshed, now));
    wiped.push(
      ...buildWipedScheduleNotices({
        managed: refreshed,
        now,
        runId: outcome.runId,
        rowsOf,
        isRecorded,
      }),
    );
  }
  // Soonest renewal first across batches, as `buildRenewalNotices` orders one batch (stable).
  renewals.sort((a, b) => (a.renewsAt < b.renewsAt ? -1 : a.renewsAt > b.renewsAt ? 1 : 0));

  const rows = [...renewals, ...wiped];
  let recorded: NoticeMark[] = [];
  if (rows.length > 0) {
    const write = writeUnderBriefLease(state.lease, 'run', () =>
      state.renewalNotices.record(rows, { delivered: ctx.deliver === undefined }),
    );
    if (!write.written) {
      ctx.logger.warn(
        { event: 'renewal-notices-deferred', holder: write.why },
        `renewal notices wait for the next tick: ${write.why}`,
      );
      return { sent: [], delivered: [], deferred: write.why };
    }
    recorded = write.value;
  }
  const sent = rows
    .filter((row) => row.notice !== undefined && recorded.some((m) => sameMark(m, row.mark)))
    .map((row) => row.notice as Notice);
  for (const notice of sent) logNotice(ctx.logger, notice);
  const delivered = ctx.deliver === undefined ? [] : await deliverPending(ctx, ctx.deliver);
  return { sent, delivered };
}

/**
 * The succeeded schedule rows by customer from a window start on: read once, and again only
 * when a batch needs an earlier start (rows are filtered by each term's start when used).
 */
function scheduleRowsReader(
  journal: Pick<RenewalNoticePort, 'listSucceededJournalRows'>,
): (since: Date | undefined) => (customerId: string) => readonly JournalEntry[] {
  let read: { since: number; rows: Map<string, JournalEntry[]> } | undefined;
  return (since) => {
    if (since === undefined) return () => [];
    if (read === undefined || since.getTime() < read.since)
      read = { since: since.getTime(), rows: readScheduleRows(journal, since) };
    const { rows } = read;
    return (customerId) => rows.get(customerId) ?? [];
  };
}

/** POSTs every undelivered notice and records those the webhook took. */
async function deliverPending(
  ctx: RenewalNoticeContext,
  deliver: NonNullable<RenewalNoticeContext['deliver']>,
): Promise<readonly Notice[]> {
  const pending = ctx.state.renewalNotices
    .listUndelivered(ctx.now)
    .flatMap((row) => (isNotice(row.notice) ? [{ mark: row.mark, notice: row.notice }] : []));
  if (pending.length === 0) return [];
  const taken = new Set(await deliver(pending.map((p) => p.notice)));
  const marks = pending.filter((p) => taken.has(p.notice)).map((p) => p.mark);
  // Not recorded (another writer holds the lease): the webhook may get them once more.
  if (marks.length > 0)
    writeUnderBriefLease(ctx.state.lease, 'run', () =>
      ctx.state.renewalNotices.markDelivered(marks),
    );
  return pending.filter((p) => taken.has(p.notice)).map((p) => p.notice);
}

function logNotice(logger: DaemonLogger, notice: Notice): void {
  const { event, ...fields } = notice;
  if (event === 'scheduled-change-wiped') logger.warn({ event, ...fields }, noticeText(notice));
  else logger.info({ event, ...fields }, noticeText(notice));
}

function sameMark(a: NoticeMark, b: NoticeMark): boolean {
  if (a.subscriptionId !== b.subscriptionId) return false;
  if (a.kind === 'renewal' && b.kind === 'renewal')
    return a.renewsAt === b.renewsAt && a.thresholdDays === b.thresholdDays;
  return a.kind === 'schedule-wiped' && b.kind === 'schedule-wiped' && a.journalId === b.journalId;
}

/** A stored notice this build can send (written by `runRenewalNotices`). */
function isNotice(value: unknown): value is Notice {
  if (value === null || typeof value !== 'object') return false;
  const event = (value as { event?: unknown }).event;
  return event === 'renewal-upcoming' || event === 'scheduled-change-wiped';
}
