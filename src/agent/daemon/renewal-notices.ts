import {
  formatMoney,
  type CustomerId,
  type ItemKey,
  type LiveSubscription,
  type PriceSource,
} from '../../model/index.js';
import { addMonthsClamped, termEnd } from '../../planner/billing-cycle.js';
import { termMonths } from '../../planner/index.js';
import type { NoticeMark, NoticeRecordInput } from '../ports.js';

/**
 * Renewal-decision notices (issue 16; docs/operations.md "Renewal notices"): N days before a
 * managed subscription renews, say what will renew — at what quantity, shape and price — and
 * the last moment to change it. Pure: the daemon gathers the inputs, records the marks and
 * sends (renewal-notice-tick.ts).
 */

const DAY_MS = 86_400_000;

/** A managed subscription (bound to a spec item) as the notices see it. */
export interface WatchedSubscription {
  readonly customerId: CustomerId;
  readonly customerName: string;
  /** The customer's market (the spec's `country`), for prices. */
  readonly country: string;
  readonly item: ItemKey;
  readonly subscription: LiveSubscription;
  /** When the refresh read the subscription (ISO). */
  readonly observedAt: string;
}

/** What a subscription is, or what it renews as. */
export interface NoticeShape {
  readonly productId: string;
  readonly skuId: string;
  readonly termDuration: string;
  readonly billingCycle: string;
  readonly quantity: number;
}

/** The price of the shape at renewal, from the cached price sheets (docs/money.md). */
export interface NoticePrice {
  readonly currency: string;
  /** One unit for one billing charge. */
  readonly unitPrice: number;
  /** What one charge covers: `P1M`, `P1Y`, `P3Y`. */
  readonly per: string;
  /** `unitPrice × quantity`: one billing charge after the renewal. */
  readonly charge: number;
  /** The monthly run rate after the renewal. */
  readonly monthly: number;
  /** The sheet: `future` (next month's prices) for a renewal from next month on, else `current`. */
  readonly source: PriceSource;
}

/** A change the spec wants for the item that this tick did not make. */
export interface PendingChange {
  readonly kind: string;
  /** `awaits-review`: not in `policy.autoApply`; `blocked`: see `code`. */
  readonly status: 'awaits-review' | 'blocked';
  readonly code?: string;
  readonly reason: string;
}

/** `renewal-upcoming`: one per subscription, renewal and threshold crossed. */
export interface RenewalNotice {
  readonly event: 'renewal-upcoming';
  readonly customerId: string;
  readonly customerName: string;
  readonly item: string;
  readonly subscriptionId: string;
  readonly productName?: string;
  /** 00:00 UTC the day after the inclusive `commitmentEndDate`. */
  readonly renewsAt: string;
  readonly thresholdDays: number;
  /** Whole days left until `renewsAt` (0 in its last day). */
  readonly daysLeft: number;
  readonly autoRenew: boolean;
  /** `renews` (autorenew on) or `ends` (autorenew off: the subscription expires). */
  readonly outcome: 'renews' | 'ends';
  readonly current: NoticeShape;
  /** What it renews as: the scheduled instructions when set, else the current shape. */
  readonly atRenewal?: NoticeShape & { readonly scheduled: boolean };
  readonly price?: NoticePrice;
  /**
   * The last moment to change what renews: a scheduled change (or autorenew) must be set before
   * it; NCE renewals run from 00:00 UTC of the renewal day.
   */
  readonly changeBefore: string;
  /** Changes the spec wants that wait for review or are blocked. */
  readonly pending?: readonly PendingChange[];
}

export interface RenewalNoticeInput {
  readonly managed: readonly WatchedSubscription[];
  /** `daemon.renewalNoticeDays`, any order. */
  readonly thresholds: readonly number[];
  readonly now: Date;
  /** Whether a mark is recorded in the state store. */
  readonly isRecorded: (mark: NoticeMark) => boolean;
  readonly priceOf?: (
    managed: WatchedSubscription,
    shape: NoticeShape,
    renewsAt: Date,
  ) => NoticePrice | undefined;
  readonly pendingOf?: (customerId: string, item: string) => readonly PendingChange[];
}

/** When a subscription renews: 00:00 UTC the day after its inclusive `commitmentEndDate`. */
export function renewalOf(sub: LiveSubscription): Date | undefined {
  return termEnd(sub.commitmentEndDate);
}

/** When the current term started: the renewal moved back by the term (else the creation). */
export function termStartOf(sub: LiveSubscription, renewsAt: Date): Date {
  const months = termMonths(sub.termDuration);
  return months === undefined ? new Date(sub.creationDate) : addMonthsClamped(renewsAt, -months);
}

/**
 * Whether a threshold applies to a term: only when the term is longer than it, a term of n
 * months counting n × 28 days — else the notice would fire as the term starts (30 days before
 * the renewal of every P1M subscription).
 */
export function thresholdApplies(days: number, termDuration: string): boolean {
  const months = termMonths(termDuration);
  return months === undefined || days < months * 28;
}

/**
 * The marks to record this tick, each active managed subscription at most one notice: for the
 * thresholds (days) its renewal is within and that are not recorded yet, the smallest carries
 * the notice and the larger ones are recorded without one (a daemon that was down sends only
 * the latest). Nothing when the smallest crossed threshold was noticed already.
 */
export function buildRenewalNotices(input: RenewalNoticeInput): NoticeRecordInput[] {
  const rows: { at: number; rows: NoticeRecordInput[] }[] = [];
  const ascending = [...new Set(input.thresholds)].sort((a, b) => a - b);
  for (const managed of input.managed) {
    const sub = managed.subscription;
    const renewsAt = renewalOf(sub);
    if (sub.status !== 'active' || renewsAt === undefined) continue;
    const left = renewsAt.getTime() - input.now.getTime();
    if (left <= 0) continue;
    const at = renewsAt.toISOString();
    const mark = (thresholdDays: number): NoticeMark => ({
      kind: 'renewal',
      subscriptionId: sub.id,
      renewsAt: at,
      thresholdDays,
    });
    const crossed = ascending.filter(
      (days) => left <= days * DAY_MS && thresholdApplies(days, sub.termDuration),
    );
    const smallest = crossed[0];
    if (smallest === undefined || input.isRecorded(mark(smallest))) continue;
    const notice = renewalNotice(managed, renewsAt, smallest, left, input);
    rows.push({
      at: renewsAt.getTime(),
      rows: crossed
        .filter((days) => days === smallest || !input.isRecorded(mark(days)))
        .map((days) => ({
          mark: mark(days),
          customerId: managed.customerId,
          item: managed.item,
          renewsAt: at,
          ...(days === smallest ? { notice } : {}),
        })),
    });
  }
  return rows.sort((a, b) => a.at - b.at).flatMap((r) => r.rows);
}

function renewalNotice(
  managed: WatchedSubscription,
  renewsAt: Date,
  thresholdDays: number,
  leftMs: number,
  input: RenewalNoticeInput,
): RenewalNotice {
  const sub = managed.subscription;
  const current = shapeOf(sub);
  const next = sub.autoRenewEnabled ? nextShapeOf(sub) : undefined;
  const price = next === undefined ? undefined : input.priceOf?.(managed, next, renewsAt);
  const pending = input.pendingOf?.(managed.customerId, managed.item) ?? [];
  return {
    event: 'renewal-upcoming',
    customerId: managed.customerId,
    customerName: managed.customerName,
    item: managed.item,
    subscriptionId: sub.id,
    ...(sub.friendlyName === '' ? {} : { productName: sub.friendlyName }),
    renewsAt: renewsAt.toISOString(),
    thresholdDays,
    daysLeft: Math.floor(leftMs / DAY_MS),
    autoRenew: sub.autoRenewEnabled,
    outcome: sub.autoRenewEnabled ? 'renews' : 'ends',
    current,
    ...(next === undefined ? {} : { atRenewal: next }),
    ...(price === undefined ? {} : { price }),
    changeBefore: renewsAt.toISOString(),
    ...(pending.length === 0 ? {} : { pending }),
  };
}

function shapeOf(sub: LiveSubscription): NoticeShape {
  return {
    productId: sub.productId,
    skuId: sub.skuId,
    termDuration: sub.termDuration,
    billingCycle: sub.billingCycle,
    quantity: sub.quantity,
  };
}

function nextShapeOf(sub: LiveSubscription): NoticeShape & { readonly scheduled: boolean } {
  const scheduled = sub.scheduledNextTermInstructions;
  if (scheduled === undefined) return { ...shapeOf(sub), scheduled: false };
  return {
    productId: scheduled.productId,
    skuId: scheduled.skuId,
    termDuration: scheduled.termDuration ?? sub.termDuration,
    billingCycle: scheduled.billingCycle ?? sub.billingCycle,
    quantity: scheduled.quantity,
    scheduled: true,
  };
}

/** `25 × CFQ7TTC0LCHC:0002 P1Y/monthly`. */
export function describeShape(shape: NoticeShape): string {
  return `${shape.quantity} × ${shape.productId}:${shape.skuId} ${shape.termDuration}/${shape.billingCycle}`;
}

/** The one line chat webhooks show for a renewal notice. */
export function renewalNoticeText(notice: RenewalNotice): string {
  const what = `${notice.customerName} / ${notice.item} (${notice.productName ?? notice.current.productId}, subscription ${notice.subscriptionId})`;
  const when = `${notice.renewsAt} (${notice.daysLeft === 0 ? 'in less than a day' : `in ${notice.daysLeft} day(s)`})`;
  if (notice.atRenewal === undefined) {
    return `Quartermaster: ${what} ends at ${when}: autorenew is off, so it expires; to keep it, turn autorenew on before ${notice.changeBefore}.`;
  }
  const price =
    notice.price === undefined
      ? ''
      : `, ${formatMoney(notice.price.monthly, notice.price.currency)} per month`;
  const how = notice.atRenewal.scheduled ? 'as scheduled' : 'unchanged';
  const pending =
    notice.pending === undefined
      ? ''
      : ` ${notice.pending.length} change(s) the spec wants are ${notice.pending.map((p) => `${p.kind} ${p.status}`).join(', ')}.`;
  return `Quartermaster: ${what} renews at ${when} ${how}: ${describeShape(notice.atRenewal)}${price}; to change it, set the change before ${notice.changeBefore}.${pending}`;
}
