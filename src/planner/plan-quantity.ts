import type {
  ActionKey,
  CatalogSku,
  LiveSubscription,
  QuantityAction,
  ScheduleDecreaseAction,
  SubscriptionItem,
} from '../model/index.js';
import { actionKey } from './action-key.js';
import {
  actionBase,
  blockedEntry,
  fieldSource,
  type CustomerPlan,
  type CustomerScope,
} from './customer-scope.js';
import { normaliseBilling } from '../model/index.js';
import { availabilityOfOffer, refundWindow } from './live-facts.js';
import { clockSkewReason } from './clock-skew.js';

/**
 * Seat changes for an active, matched subscription (docs/partner-center-api.md §9, §10.6, §10.8):
 * - more seats: `increase-quantity` (allowed any time);
 * - fewer seats: `decrease-quantity` for as many as the open refund blocks cover, and a
 *   `schedule-decrease` to the wanted quantity at renewal for the rest. A scheduled change needs
 *   autorenew on: with `autoRenew: false` wanted the rest is blocked `autorenew-off` (the
 *   subscription then ends at its renewal date anyway); with autorenew off live but wanted on,
 *   the schedule depends on the `set-autorenew` action;
 * - an immediate change wipes scheduled changes, so a schedule still needed after it is set again
 *   (the schedule depends on the immediate change); an identical schedule already in place with
 *   no immediate change is left alone;
 * - the same quantity but a schedule to another quantity (e.g. an earlier decrease the spec no
 *   longer wants) is replaced by a `schedule-decrease` to the wanted quantity.
 * A wanted quantity outside the SKU's min/max blocks the change with `sku-limits`.
 */
export function planQuantity(
  scope: CustomerScope,
  item: SubscriptionItem & { readonly quantity: number },
  live: LiveSubscription,
  sku: CatalogSku | undefined,
  autorenewKey: ActionKey | undefined,
  out: CustomerPlan,
): void {
  const wanted = item.quantity;
  const have = live.quantity;
  // The common case, kept cheap: nothing to change and nothing scheduled.
  if (wanted === have && live.scheduledNextTermInstructions === undefined) return;
  const target = { customerId: scope.customer.id, item: item.key, subscriptionId: live.id };
  const base = { ...actionBase(scope, item.key), subscriptionId: live.id };
  if (
    wanted !== have &&
    sku !== undefined &&
    (wanted < sku.minimumQuantity || wanted > sku.maximumQuantity)
  ) {
    const reason = `quantity ${wanted} is outside ${sku.productId}:${sku.skuId}'s limits ${sku.minimumQuantity}..${sku.maximumQuantity}`;
    const kind = wanted > have ? 'increase-quantity' : 'decrease-quantity';
    out.blocked.push(
      blockedEntry(scope, item.key, 'sku-limits', reason, {
        subscriptionId: live.id,
        wanted: kind,
        source: fieldSource(item.source, 'quantity'),
      }),
    );
    return;
  }
  if (wanted > have) {
    const action: QuantityAction = {
      key: actionKey('increase-quantity', target, { quantity: wanted }),
      kind: 'increase-quantity',
      ...base,
      reason: `spec wants ${wanted} seats, Partner Center has ${have}`,
      before: { quantity: have },
      after: { quantity: wanted },
    };
    out.actions.push(action);
    return;
  }
  // Seats can go only at renewal once the refund window has closed; both the window and the
  // renewal split are judged on the agent's clock, so a clock Partner Center disagrees with
  // blocks the decrease, and so does a window the wire did not state.
  const skew = wanted < have ? clockSkewReason(scope) : undefined;
  if (skew !== undefined) {
    out.blocked.push(
      blockedEntry(scope, item.key, 'clock-skew', `cannot decide a seat decrease: ${skew}`, {
        subscriptionId: live.id,
        wanted: 'decrease-quantity',
      }),
    );
    return;
  }
  const window = wanted < have ? refundWindow(live, scope.now) : ({ kind: 'closed' } as const);
  if (window.kind === 'unknown') {
    const reason = `spec wants ${wanted} seats, Partner Center has ${have}, but subscription ${live.id} states no refund window (none of refundableQuantity, refundOptions, cancellationAllowedUntilDate): decreasing now or at renewal would be a guess. Read it with qm status or in Partner Center and change the seats there, or wait for a refresh that states the window`;
    out.blocked.push(
      blockedEntry(scope, item.key, 'window-unknown', reason, {
        subscriptionId: live.id,
        wanted: 'decrease-quantity',
      }),
    );
    return;
  }
  const cutNow = Math.min(window.kind === 'open' ? window.seats : 0, have - wanted);
  const afterNow = have - cutNow;
  const dependsOn: ActionKey[] = autorenewKey === undefined ? [] : [autorenewKey];
  if (cutNow > 0) {
    const action: QuantityAction = {
      key: actionKey('decrease-quantity', target, { quantity: afterNow }),
      kind: 'decrease-quantity',
      ...base,
      reason: `spec wants ${wanted} seats; ${cutNow} of ${have} can still be refunded (window open until ${window.kind === 'open' ? (window.until ?? 'now') : 'now'})`,
      before: { quantity: have },
      after: { quantity: afterNow },
    };
    out.actions.push(action);
    dependsOn.push(action.key);
  }
  if (!item.autoRenew) {
    if (afterNow > wanted) {
      const renewal = live.commitmentEndDate ?? 'the end of the term';
      const reason = `cannot go from ${afterNow} to ${wanted} seats before renewal on ${renewal}: the refund window has closed and a scheduled decrease needs autorenew, which the spec turns off (the subscription ends on ${renewal})`;
      out.blocked.push(
        blockedEntry(scope, item.key, 'autorenew-off', reason, {
          subscriptionId: live.id,
          wanted: 'schedule-decrease',
        }),
      );
    }
    return;
  }
  const scheduled = live.scheduledNextTermInstructions;
  // An immediate decrease wipes whatever is scheduled; without one, a schedule to another
  // quantity is stale and gets replaced.
  const stale = cutNow === 0 && scheduled !== undefined && scheduled.quantity !== wanted;
  if (afterNow === wanted && !stale) return;
  if (cutNow === 0 && scheduleMatches(live, wanted)) return;
  const renewal = live.commitmentEndDate;
  const why =
    afterNow > wanted
      ? `spec wants ${wanted} seats; ${afterNow - wanted} cannot be refunded now, so renew at ${wanted}`
      : `spec wants ${wanted} seats; replace the scheduled renewal quantity ${scheduled?.quantity ?? 0}`;
  const action: ScheduleDecreaseAction = {
    key: actionKey('schedule-decrease', target, { quantity: wanted }),
    kind: 'schedule-decrease',
    ...base,
    reason: renewal === undefined ? why : `${why} on ${renewal}`,
    before: {
      quantity: afterNow,
      ...(scheduled === undefined || cutNow > 0 ? {} : { scheduledQuantity: scheduled.quantity }),
    },
    after: { quantity: wanted },
    ...(renewal === undefined ? {} : { effectiveAt: renewal }),
    nextTerm: nextTermOf(scope, live),
    ...(dependsOn.length === 0 ? {} : { dependsOn }),
  };
  out.actions.push(action);
}

/** A schedule already setting the wanted quantity on the same product, term and billing. */
function scheduleMatches(live: LiveSubscription, wanted: number): boolean {
  const s = live.scheduledNextTermInstructions;
  return (
    s !== undefined &&
    s.quantity === wanted &&
    s.productId === live.productId &&
    s.skuId === live.skuId &&
    (s.termDuration === undefined || s.termDuration === live.termDuration) &&
    (s.billingCycle === undefined ||
      normaliseBilling(s.billingCycle) === normaliseBilling(live.billingCycle))
  );
}

/** The next term keeps the product, term and billing; the availability comes from the catalog when fetched. */
function nextTermOf(
  scope: CustomerScope,
  live: LiveSubscription,
): ScheduleDecreaseAction['nextTerm'] {
  const resolved = scope.catalog.resolve({
    country: scope.customer.country,
    productId: live.productId,
    skuId: live.skuId,
    term: live.termDuration,
    billing: live.billingCycle,
  });
  const availabilityId =
    resolved.kind === 'resolved' ? resolved.availability.id : availabilityOfOffer(live.offerId);
  return {
    productId: live.productId,
    skuId: live.skuId,
    ...(availabilityId === undefined ? {} : { availabilityId }),
    termDuration: live.termDuration,
    billingCycle: live.billingCycle,
  };
}
