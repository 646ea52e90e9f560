import type { ActionResult } from '../../applier/index.js';
import type { Binding, ObservedCustomer, PlanAction } from '../../model/index.js';
import { renewalNoticeText, type RenewalNotice } from './renewal-notices.js';
import { wipedNoticeText, type ScheduleWipedNotice } from './wiped-schedule-notices.js';

/** A webhook notification: JSON POSTed as is (docs/operations.md documents the shape). */
export type Notice =
  | {
      readonly event: 'plan-awaits-review';
      readonly runId: number;
      readonly actions: readonly NoticeAction[];
    }
  | {
      readonly event: 'apply-failed';
      readonly runId?: number;
      /** Failed actions; empty when the whole tick failed (see `error`). */
      readonly failures: readonly {
        readonly kind: string;
        readonly customerId: string;
        readonly item: string;
        readonly code?: string;
        readonly message: string;
      }[];
      readonly error?: { readonly code: string; readonly message: string };
    }
  | {
      readonly event: 'refund-window-closing';
      readonly customerId: string;
      readonly item: string;
      readonly subscriptionId: string;
      /** When the refund (or cancellation) window closes, ISO-8601. */
      readonly closesAt: string;
      readonly quantity: number;
    }
  | RenewalNotice
  | ScheduleWipedNotice;

export interface NoticeAction {
  readonly key: string;
  readonly kind: string;
  readonly customerId: string;
  readonly customerName: string;
  readonly item: string;
  readonly reason: string;
}

/** Actions held for review → one notice, or none when nothing waits. */
export function buildReviewNotice(
  runId: number,
  deferred: readonly PlanAction[],
): Notice | undefined {
  if (deferred.length === 0) return undefined;
  return {
    event: 'plan-awaits-review',
    runId,
    actions: deferred.map((a) => ({
      key: a.key,
      kind: a.kind,
      customerId: a.customerId,
      customerName: a.customerName,
      item: a.item,
      reason: a.reason,
    })),
  };
}

/** Failed action results → one notice, or none when nothing failed. */
export function buildFailureNotice(
  runId: number,
  results: readonly ActionResult[],
): Notice | undefined {
  const failed = results.filter((r) => r.status === 'failed');
  if (failed.length === 0) return undefined;
  return {
    event: 'apply-failed',
    runId,
    failures: failed.map((r) => ({
      kind: r.kind,
      customerId: r.customerId,
      item: r.item,
      ...(r.code === undefined ? {} : { code: r.code }),
      message: r.message,
    })),
  };
}

/**
 * Managed subscriptions (bound to a spec item) whose refund window — the earliest
 * `refundableQuantity` block, or `cancellationAllowedUntilDate` — closes in `(now, now + 24 h]`.
 * After it closes, seats can only be lowered at renewal (docs/partner-center-api.md, NCE windows),
 * so this is the last day to act on a mistaken purchase or increase.
 */
export function buildRefundWindowNotices(
  bindings: readonly Binding[],
  snapshots: ReadonlyMap<string, ObservedCustomer>,
  now: Date,
): Notice[] {
  const from = now.getTime();
  const until = from + 24 * 60 * 60 * 1000;
  const notices: Notice[] = [];
  for (const binding of bindings) {
    if (binding.subscriptionId === undefined) continue;
    const sub = snapshots
      .get(binding.customerId)
      ?.subscriptions.find((s) => s.id === binding.subscriptionId);
    if (sub === undefined || sub.status !== 'active') continue;
    const windows = [
      ...(sub.refundableQuantity?.details ?? []).map((d) => ({
        at: d.allowedUntilDateTime,
        quantity: d.quantity,
      })),
      ...(sub.cancellationAllowedUntilDate === undefined
        ? []
        : [{ at: sub.cancellationAllowedUntilDate, quantity: sub.quantity }]),
    ]
      .map((w) => ({ ...w, ms: Date.parse(w.at) }))
      .filter((w) => Number.isFinite(w.ms) && w.ms > from && w.ms <= until)
      .sort((a, b) => a.ms - b.ms);
    const first = windows[0];
    if (first === undefined) continue;
    notices.push({
      event: 'refund-window-closing',
      customerId: binding.customerId,
      item: binding.item,
      subscriptionId: binding.subscriptionId,
      closesAt: new Date(first.ms).toISOString(),
      quantity: first.quantity,
    });
  }
  return notices.sort((a, b) => (noticeKey(a) < noticeKey(b) ? -1 : 1));
}

/**
 * What makes a notice "the same" as one already sent: the set of actions awaiting review, the
 * subscription and closing time of a window, the subscription, renewal and threshold of a
 * renewal notice, the journal row of a wiped change. Failures are events and always differ by run.
 */
export function noticeKey(notice: Notice): string {
  switch (notice.event) {
    case 'plan-awaits-review':
      return `review:${notice.actions
        .map((a) => a.key)
        .sort()
        .join(',')}`;
    case 'apply-failed':
      return `failed:${notice.runId ?? 'tick'}:${notice.error?.code ?? ''}:${notice.failures.map((f) => `${f.customerId}/${f.item}`).join(',')}`;
    case 'refund-window-closing':
      return `refund:${notice.subscriptionId}:${notice.closesAt}`;
    case 'renewal-upcoming':
      return `renewal:${notice.subscriptionId}:${notice.renewsAt}:${notice.thresholdDays}`;
    case 'scheduled-change-wiped':
      return `wiped:${notice.subscriptionId}:${notice.journalRow}`;
  }
}

/** One line for chat webhooks that only show `text` (Slack, Teams). */
export function noticeText(notice: Notice): string {
  switch (notice.event) {
    case 'plan-awaits-review':
      return `Quartermaster: ${notice.actions.length} action(s) await review (not in policy.autoApply); run \`qm plan\` and apply the reviewed plan.`;
    case 'apply-failed':
      return notice.error === undefined
        ? `Quartermaster: ${notice.failures.length} action(s) failed in run ${notice.runId ?? '?'}: ${notice.failures.map((f) => `${f.kind} ${f.item} (${f.code ?? 'error'})`).join('; ')}.`
        : `Quartermaster: a reconcile tick failed: [${notice.error.code}] ${notice.error.message}`;
    case 'refund-window-closing':
      return `Quartermaster: the refund window of ${notice.item} (customer ${notice.customerId}, subscription ${notice.subscriptionId}) closes at ${notice.closesAt}; after that seats can only be lowered at renewal.`;
    case 'renewal-upcoming':
      return renewalNoticeText(notice);
    case 'scheduled-change-wiped':
      return wipedNoticeText(notice);
  }
}
