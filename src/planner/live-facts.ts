import type { LiveSubscription, RefundableBlock } from '../model/index.js';

/**
 * Facts the planner reads off live subscriptions. NCE windows come from the subscription itself
 * (`refundableQuantity`, `cancellationAllowedUntilDate`), never from hard-coded day counts
 * (partner-center-api.md §9, §10.6, §10.7).
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
export function openRefundBlocks(sub: LiveSubscription, now: Date): RefundableBlock[] {
  const details = sub.refundableQuantity?.details ?? [];
  const at = now.getTime();
  return details.filter(
    (block) => Date.parse(block.allowedUntilDateTime) > at && block.quantity > 0,
  );
}

/**
 * Seats that can be removed right now. NCE: the sum of open blocks, capped by
 * `refundableQuantity.totalQuantity`; an NCE subscription without `refundableQuantity` has none.
 * Legacy (GUID offer) subscriptions are not time-boxed (§9), so every seat counts.
 */
export function refundableNow(sub: LiveSubscription, now: Date): number {
  if (sub.refundableQuantity === undefined) return isNceOffer(sub.offerId) ? 0 : sub.quantity;
  const open = openRefundBlocks(sub, now).reduce((sum, block) => sum + block.quantity, 0);
  return Math.min(open, sub.refundableQuantity.totalQuantity, sub.quantity);
}

/** The latest `allowedUntilDateTime` among open blocks: until when "now" still refunds. */
export function refundOpenUntil(sub: LiveSubscription, now: Date): string | undefined {
  const times = openRefundBlocks(sub, now).map((block) => block.allowedUntilDateTime);
  return times.sort().at(-1);
}

/** True while `cancellationAllowedUntilDate` lies strictly after `now`. */
export function isCancellable(sub: LiveSubscription, now: Date): boolean {
  const until = sub.cancellationAllowedUntilDate;
  return until !== undefined && Date.parse(until) > now.getTime();
}

/** Lower-cases and folds the wire spellings of billing cycles (`OneTime` → `one_time`). */
export function normaliseBilling(value: string): string {
  const lower = value.toLowerCase();
  return lower === 'onetime' ? 'one_time' : lower;
}
