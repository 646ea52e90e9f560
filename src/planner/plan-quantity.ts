import type {
  ActionKey,
  CatalogSku,
  LiveSubscription,
  QuantityAction,
  ScheduleChangeAction,
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

/** The next term's shape when the spec changes what the subscription is (`planShapeChange`). */
export interface NextShape {
  readonly productId: string;
  readonly skuId: string;
  readonly termDuration: string;
  readonly billingCycle: string;
  readonly availabilityId: string;
  /** The target SKU: its limits bound the next term's quantity. */
  readonly sku: CatalogSku;
}

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
 * With `next` (the spec changes the product, SKU, term or billing, at renewal) the schedule is a
 * `schedule-change` to that shape at the wanted quantity — one instruction holding both the
 * shape and a seat decrease the window no longer covers — planned even when the seats do not
 * change, unless the same instruction is already in place; its quantity is bounded by the
 * target SKU's limits. An increase still happens now, on the current shape.
 */
export function planQuantity(
  scope: CustomerScope,
  item: SubscriptionItem & { readonly quantity: number },
  live: LiveSubscription,
  sku: CatalogSku | undefined,
  autorenewKey: ActionKey | undefined,
  out: CustomerPlan,
  next?: NextShape,
): void {
  const wanted = item.quantity;
  const have = live.quantity;
  // The common case, kept cheap: nothing to change and nothing scheduled.
  if (wanted === have && live.scheduledNextTermInstructions === undefined && next === undefined)
    return;
  const target = { customerId: scope.customer.id, item: item.key, subscriptionId: live.id };
  const base = { ...actionBase(scope, item.key), subscriptionId: live.id };
  const limits = next?.sku ?? sku;
  if (
    (wanted !== have || next !== undefined) &&
    limits !== undefined &&
    (wanted < limits.minimumQuantity || wanted > limits.maximumQuantity)
  ) {
    const reason = `quantity ${wanted} is outside ${limits.productId}:${limits.skuId}'s limits ${limits.minimumQuantity}..${limits.maximumQuantity}`;
    const kind =
      next !== undefined
        ? 'schedule-change'
        : wanted > have
          ? 'increase-quantity'
          : 'decrease-quantity';
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
    if (next === undefined) return;
    if (!item.autoRenew) {
      out.blocked.push(
        blockedEntry(
          scope,
          item.key,
          'autorenew-off',
          `cannot renew as ${next.productId}:${next.skuId} ${next.termDuration}/${normaliseBilling(next.billingCycle)}: a change at renewal needs autorenew, which the spec turns off`,
          { subscriptionId: live.id, wanted: 'schedule-change' },
        ),
      );
      return;
    }
    const dependsOn = autorenewKey === undefined ? [action.key] : [autorenewKey, action.key];
    out.actions.push(scheduleChange(scope, item, live, wanted, wanted, next, dependsOn, false));
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
    if (next !== undefined) {
      const renewal = live.commitmentEndDate ?? 'the end of the term';
      const reason = `cannot renew as ${next.productId}:${next.skuId} ${next.termDuration}/${normaliseBilling(next.billingCycle)}: a change at renewal needs autorenew, which the spec turns off (the subscription ends on ${renewal})`;
      out.blocked.push(
        blockedEntry(scope, item.key, 'autorenew-off', reason, {
          subscriptionId: live.id,
          wanted: 'schedule-change',
        }),
      );
      return;
    }
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
  if (next !== undefined) {
    if (cutNow === 0 && scheduleMatchesShape(live, wanted, next)) return;
    out.actions.push(
      scheduleChange(scope, item, live, afterNow, wanted, next, dependsOn, cutNow === 0),
    );
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

/** A schedule already renewing into `next` at the wanted quantity. */
function scheduleMatchesShape(live: LiveSubscription, wanted: number, next: NextShape): boolean {
  const s = live.scheduledNextTermInstructions;
  const eq = (a: string | undefined, b: string): boolean =>
    a !== undefined && a.toLowerCase() === b.toLowerCase();
  return (
    s !== undefined &&
    s.quantity === wanted &&
    eq(s.productId, next.productId) &&
    eq(s.skuId, next.skuId) &&
    eq(s.termDuration, next.termDuration) &&
    s.billingCycle !== undefined &&
    normaliseBilling(s.billingCycle) === normaliseBilling(next.billingCycle)
  );
}

/** The `schedule-change` to `next` at `wanted` seats; `keepsSchedule`: nothing immediate wipes the live one. */
function scheduleChange(
  scope: CustomerScope,
  item: SubscriptionItem,
  live: LiveSubscription,
  seatsBefore: number,
  wanted: number,
  next: NextShape,
  dependsOn: readonly ActionKey[],
  keepsSchedule: boolean,
): ScheduleChangeAction {
  const renewal = live.commitmentEndDate;
  const s = live.scheduledNextTermInstructions;
  const shape = `${next.productId}:${next.skuId} ${next.termDuration}/${normaliseBilling(next.billingCycle)}`;
  const seats =
    wanted === seatsBefore ? `${wanted} seats` : `${wanted} seats (from ${seatsBefore})`;
  const why = `spec names ${shape}; renew as that with ${seats}`;
  return {
    key: actionKey(
      'schedule-change',
      { customerId: scope.customer.id, item: item.key, subscriptionId: live.id },
      {
        productId: next.productId,
        skuId: next.skuId,
        termDuration: next.termDuration,
        billingCycle: normaliseBilling(next.billingCycle),
        quantity: wanted,
      },
    ),
    kind: 'schedule-change',
    ...actionBase(scope, item.key),
    subscriptionId: live.id,
    reason: renewal === undefined ? why : `${why} on ${renewal}`,
    before: {
      productId: live.productId,
      skuId: live.skuId,
      termDuration: live.termDuration,
      billingCycle: normaliseBilling(live.billingCycle),
      quantity: seatsBefore,
      ...(s === undefined || !keepsSchedule
        ? {}
        : {
            scheduled: {
              productId: s.productId,
              skuId: s.skuId,
              termDuration: s.termDuration ?? live.termDuration,
              billingCycle: normaliseBilling(s.billingCycle ?? live.billingCycle),
              quantity: s.quantity,
            },
          }),
    },
    after: {
      productId: next.productId,
      skuId: next.skuId,
      termDuration: next.termDuration,
      billingCycle: normaliseBilling(next.billingCycle),
      quantity: wanted,
    },
    ...(renewal === undefined ? {} : { effectiveAt: renewal }),
    nextTerm: {
      productId: next.productId,
      skuId: next.skuId,
      availabilityId: next.availabilityId,
      termDuration: next.termDuration,
      billingCycle: normaliseBilling(next.billingCycle),
    },
    ...(dependsOn.length === 0 ? {} : { dependsOn: [...dependsOn] }),
  };
}
