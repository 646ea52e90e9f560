import type { JournalEntry, NoticeMark, NoticeRecordInput, RenewalNoticePort } from '../ports.js';
import { renewalOf, termStartOf, type WatchedSubscription } from './renewal-notices.js';

/**
 * Wiped scheduled changes (issue 16): an immediate change in Partner Center — a seat change,
 * autorenew off, a transition — deletes a subscription's `scheduledNextTermInstructions`
 * (docs/partner-center-api.md §5.4). When one the agent set is gone before the renewal it was
 * for, the daemon says so once per (subscription, journal row).
 */

/** Journal kinds whose PATCH sets `scheduledNextTermInstructions`. */
export const SCHEDULE_KINDS: readonly string[] = ['schedule-decrease', 'schedule-change'];

/** `scheduled-change-wiped`: one per subscription and journal row of the change wiped. */
export interface ScheduleWipedNotice {
  readonly event: 'scheduled-change-wiped';
  readonly customerId: string;
  readonly customerName: string;
  readonly item: string;
  readonly subscriptionId: string;
  readonly productName?: string;
  /** The renewal the change was set for. */
  readonly renewsAt: string;
  /** The journal row of the PATCH that set it (`qm history`). */
  readonly journalRow: number;
  readonly runId?: number;
  /** When that PATCH succeeded. */
  readonly setAt: string;
  /** What had been scheduled. */
  readonly scheduled: {
    readonly productId?: string;
    readonly skuId?: string;
    readonly quantity?: number;
    readonly termDuration?: string;
    readonly billingCycle?: string;
  };
  /** True when this tick already set a scheduled change again. */
  readonly setAgain: boolean;
}

export interface WipedScheduleInput {
  /** As this tick's refresh read them (before its changes). */
  readonly managed: readonly WatchedSubscription[];
  readonly now: Date;
  /**
   * This tick's run: its rows were made after the refresh (set again this tick). Rows of other
   * runs count when they settled by the time the refresh read the subscription.
   */
  readonly runId: number;
  /** Succeeded schedule rows (`SCHEDULE_KINDS`) of a customer, any order. */
  readonly rowsOf: (customerId: string) => readonly JournalEntry[];
  readonly isRecorded: (mark: NoticeMark) => boolean;
}

/**
 * The wiped changes to record, each with its notice: for an active managed subscription that
 * shows no scheduled instructions before its renewal, the latest succeeded schedule PATCH the
 * agent made for it in the current term before this tick (so before the refresh read it), when
 * that PATCH set instructions, unless recorded already.
 */
export function buildWipedScheduleNotices(input: WipedScheduleInput): NoticeRecordInput[] {
  const rows: NoticeRecordInput[] = [];
  for (const managed of input.managed) {
    const sub = managed.subscription;
    const renewsAt = candidateRenewal(managed, input.now);
    if (renewsAt === undefined) continue;
    const from = termStartOf(sub, renewsAt).getTime();
    const observed = Date.parse(managed.observedAt);
    const mine = input
      .rowsOf(managed.customerId)
      .filter((r) => r.subscriptionId === sub.id && SCHEDULE_KINDS.includes(r.kind));
    const before = mine
      .filter((r) => r.runId !== input.runId && settledAt(r) >= from && settledAt(r) <= observed)
      .sort((a, b) => b.id - a.id)[0];
    const scheduled = before === undefined ? undefined : instructionsOf(before);
    if (before === undefined || scheduled === undefined) continue;
    const mark: NoticeMark = {
      kind: 'schedule-wiped',
      subscriptionId: sub.id,
      journalId: before.id,
    };
    if (input.isRecorded(mark)) continue;
    const setAgain = mine.some(
      (r) => r.runId === input.runId && r.id > before.id && instructionsOf(r) !== undefined,
    );
    const notice: ScheduleWipedNotice = {
      event: 'scheduled-change-wiped',
      customerId: managed.customerId,
      customerName: managed.customerName,
      item: managed.item,
      subscriptionId: sub.id,
      ...(sub.friendlyName === '' ? {} : { productName: sub.friendlyName }),
      renewsAt: renewsAt.toISOString(),
      journalRow: before.id,
      ...(before.runId === undefined ? {} : { runId: before.runId }),
      setAt: before.settledAt ?? before.updatedAt,
      scheduled,
      setAgain,
    };
    rows.push({
      mark,
      customerId: managed.customerId,
      item: managed.item,
      renewsAt: notice.renewsAt,
      notice,
    });
  }
  return rows;
}

/**
 * When the earliest current term of the subscriptions that may hold a wiped change started
 * (the journal is read from there); `undefined` when none may.
 */
export function wipeWindowStart(
  managed: readonly WatchedSubscription[],
  now: Date,
): Date | undefined {
  let earliest: number | undefined;
  for (const m of managed) {
    const renewsAt = candidateRenewal(m, now);
    if (renewsAt === undefined) continue;
    const start = termStartOf(m.subscription, renewsAt).getTime();
    earliest = earliest === undefined ? start : Math.min(earliest, start);
  }
  return earliest === undefined ? undefined : new Date(earliest);
}

/** The renewal of an active subscription without scheduled instructions, still ahead. */
function candidateRenewal(managed: WatchedSubscription, now: Date): Date | undefined {
  const sub = managed.subscription;
  if (sub.status !== 'active' || sub.scheduledNextTermInstructions !== undefined) return undefined;
  const renewsAt = renewalOf(sub);
  return renewsAt === undefined || renewsAt.getTime() <= now.getTime() ? undefined : renewsAt;
}

/**
 * The succeeded schedule rows (`SCHEDULE_KINDS`) settled since `since` (the earliest current
 * term start among the candidates), by customer.
 */
export function readScheduleRows(
  journal: Pick<RenewalNoticePort, 'listSucceededJournalRows'>,
  since: Date,
): Map<string, JournalEntry[]> {
  const found = new Map<string, JournalEntry[]>();
  for (const row of journal.listSucceededJournalRows(SCHEDULE_KINDS, since))
    found.set(row.customerId, [...(found.get(row.customerId) ?? []), row]);
  return found;
}

function settledAt(row: JournalEntry): number {
  return Date.parse(row.settledAt ?? row.updatedAt);
}

/** The instructions a schedule row's PATCH set (`request.change`); none when it cleared them. */
function instructionsOf(row: JournalEntry): ScheduleWipedNotice['scheduled'] | undefined {
  const change = (row.request as { change?: { scheduledNextTermInstructions?: unknown } } | null)
    ?.change;
  const set = change?.scheduledNextTermInstructions;
  if (set === null || typeof set !== 'object') return undefined;
  const fields = set as Record<string, unknown>;
  const text = (key: string): Record<string, string> =>
    typeof fields[key] === 'string' ? { [key]: fields[key] } : {};
  return {
    ...text('productId'),
    ...text('skuId'),
    ...(typeof fields['quantity'] === 'number' ? { quantity: fields['quantity'] } : {}),
    ...text('termDuration'),
    ...text('billingCycle'),
  };
}

/** The one line chat webhooks show for a wiped scheduled change. */
export function wipedNoticeText(notice: ScheduleWipedNotice): string {
  const s = notice.scheduled;
  const what = [
    s.quantity === undefined ? undefined : `${s.quantity} ×`,
    s.productId === undefined ? undefined : `${s.productId}:${s.skuId ?? '?'}`,
    s.termDuration === undefined ? undefined : `${s.termDuration}/${s.billingCycle ?? '?'}`,
  ]
    .filter((part) => part !== undefined)
    .join(' ');
  const next = notice.setAgain
    ? 'this run has set it again'
    : 'the next plan sets it again if the spec still wants it';
  return `Quartermaster: the scheduled change of ${notice.customerName} / ${notice.item} (subscription ${notice.subscriptionId}) for the renewal at ${notice.renewsAt} (${what}, journal row ${notice.journalRow}) is no longer in Partner Center: an immediate change (seats, autorenew off, a transition) deletes scheduled changes; ${next}.`;
}
