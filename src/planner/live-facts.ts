import type { LiveSubscription, RefundableBlock, RefundOption } from '../model/index.js';

/**
 * Facts the planner reads off live subscriptions. NCE windows come from the subscription itself
 * (`refundableQuantity`, `refundOptions`, `cancellationAllowedUntilDate`), never from hard-coded
 * day counts
 * (docs/partner-center-api.md §9, §10.6, §10.7).
 */

/** Statuses after which a subscription is history: never patched, never listed as unmanaged. */
const TERMINAL = new Set(['deleted', 'expired']);

/** True for `deleted` / `expired` (case-insensitive). */
export function isTerminalStatus(status: string): boolean {
  return TERMINAL.has(status.toLowerCase());
}

/** True only for `active`: the one status Partner Center accepts PATCHes on (§10.11). */
export function isActiveStatus(status: string): boolean {
  return status.toLowerCase() === 'active';
}

/** NCE offer ids are `productId:skuId:availabilityId`; legacy ones are GUIDs (§9). */
export function isNceOffer(offerId: string): boolean {
  return offerId.split(':').length >= 3;
}

/** The availability id inside an NCE `offerId`, if any. */
export function availabilityOfOffer(offerId: string): string | undefined {
  const parts = offerId.split(':');
  return parts.length >= 3 && parts[2] !== '' ? parts[2] : undefined;
}

/** Refundable blocks still open at `now` (`allowedUntilDateTime` strictly after it). */
function openRefundBlocks(sub: LiveSubscription, now: Date): RefundableBlock[] {
  const details = sub.refundableQuantity?.details ?? [];
  const at = now.getTime();
  return details.filter(
    (block) => Date.parse(block.allowedUntilDateTime) > at && block.quantity > 0,
  );
}

/** Refund options still open at `now` (`expiresAt` strictly after it). */
function openRefundOptions(sub: LiveSubscription, now: Date): readonly RefundOption[] {
  return (sub.refundOptions ?? []).filter((o) => Date.parse(o.expiresAt) > now.getTime());
}

/**
 * Where a subscription's refund window stands at `now`, from whichever field the wire carried
 * (docs/partner-center-api.md, "Refund and cancellation windows"):
 * - `refundableQuantity` (SDK model): the open blocks, capped by `totalQuantity`;
 * - else `refundOptions` (documented NCE examples): while an option is open, every seat;
 * - else a legacy (GUID offer) subscription: not time-boxed, every seat;
 * - else (an NCE subscription with none of them): unknown — not closed.
 */
export type RefundWindow =
  | { readonly kind: 'open'; readonly seats: number; readonly until?: string }
  | { readonly kind: 'closed' }
  | { readonly kind: 'unknown' };

export function refundWindow(sub: LiveSubscription, now: Date): RefundWindow {
  if (sub.refundableQuantity !== undefined) {
    const open = openRefundBlocks(sub, now);
    const seats = Math.min(
      open.reduce((sum, block) => sum + block.quantity, 0),
      sub.refundableQuantity.totalQuantity,
      sub.quantity,
    );
    const until = open
      .map((block) => block.allowedUntilDateTime)
      .sort()
      .at(-1);
    return seats > 0
      ? { kind: 'open', seats, ...(until === undefined ? {} : { until }) }
      : { kind: 'closed' };
  }
  if (sub.refundOptions !== undefined) {
    const until = openRefundOptions(sub, now)
      .map((o) => o.expiresAt)
      .sort()
      .at(-1);
    return until === undefined ? { kind: 'closed' } : { kind: 'open', seats: sub.quantity, until };
  }
  if (!isNceOffer(sub.offerId)) return { kind: 'open', seats: sub.quantity };
  return { kind: 'unknown' };
}

/**
 * Where cancelling stands at `now`: `cancellationAllowedUntilDate` when present, else the
 * documented `refundOptions` (an NCE subscription cancels inside its refund window), else
 * unknown.
 */
export type CancelWindow =
  | { readonly kind: 'open'; readonly until: string }
  | { readonly kind: 'closed'; readonly until?: string }
  | { readonly kind: 'unknown' };

export function cancelWindow(sub: LiveSubscription, now: Date): CancelWindow {
  const until = sub.cancellationAllowedUntilDate;
  if (until !== undefined) {
    return Date.parse(until) > now.getTime() ? { kind: 'open', until } : { kind: 'closed', until };
  }
  if (sub.refundOptions !== undefined) {
    const open = openRefundOptions(sub, now)
      .map((o) => o.expiresAt)
      .sort()
      .at(-1);
    return open === undefined ? { kind: 'closed' } : { kind: 'open', until: open };
  }
  return sub.refundableQuantity === undefined ? { kind: 'unknown' } : { kind: 'closed' };
}
