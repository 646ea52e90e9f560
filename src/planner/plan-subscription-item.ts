import type {
  ActionKey,
  CancelAction,
  LiveSubscription,
  SetAutorenewAction,
  SubscriptionItem,
} from '../model/index.js';
import { actionKey } from './action-key.js';
import {
  actionBase,
  blockedEntry,
  type CustomerPlan,
  type CustomerScope,
} from './customer-scope.js';
import { normaliseBilling } from '../model/index.js';
import { clockSkewReason } from './clock-skew.js';
import { cancelWindow, isActiveStatus, isTerminalStatus } from './live-facts.js';
import type { SubscriptionMatch } from './match-subscriptions.js';
import { planQuantity } from './plan-quantity.js';
import { planShapeChange } from './plan-shape-change.js';
import { buildPurchase } from './purchase-action.js';
import { seatsToPlan, type DriftSink } from './seat-drift.js';

/**
 * Plans one subscription item from its match:
 * - blocked matches are reported as they are;
 * - nothing live: a `purchase` (a tombstone with nothing live needs nothing);
 * - deleted/expired: done for a tombstone, `not-active` otherwise (never re-bought silently);
 * - suspended and every other non-active status: `not-active`, never patched (§10.11);
 * - a live product/SKU/term/billing other than the spec's: `planShapeChange` (a change at
 *   renewal, or an upgrade with `change: now`); a tombstone names what it cancels, so there it is
 *   `immutable-purchase`;
 * - tombstone: `cancel` while `cancellationAllowedUntilDate` is ahead, else `window-closed`;
 * - otherwise `set-autorenew` when it differs, then the seat changes of `planQuantity` for the
 *   seats the item's drift policy wants (`seatsToPlan`: kept or reported drift goes to
 *   `out.drift` and no seat change is planned).
 */
export function planSubscriptionItem(
  scope: CustomerScope,
  item: SubscriptionItem,
  match: SubscriptionMatch,
  out: CustomerPlan & DriftSink,
): void {
  if (match.kind === 'blocked') {
    out.blocked.push(
      blockedEntry(scope, item.key, match.code, match.reason, {
        subscriptionId: match.subscriptionId,
      }),
    );
    return;
  }
  if (match.kind === 'absent') {
    if (item.ensure === 'cancelled' || item.quantity === undefined) return;
    const outcome = buildPurchase(scope, {
      item: item.key,
      target: 'subscription',
      productId: item.product,
      skuId: item.sku,
      term: item.term,
      billing: item.billing,
      quantity: item.quantity,
      autoRenew: item.autoRenew,
      source: item.source,
      reason: `not owned yet: buy ${item.quantity} × ${item.product}:${item.sku} (${item.term}, ${item.billing})`,
    });
    if (outcome.kind === 'blocked') out.blocked.push(outcome.entry);
    else out.actions.push(outcome.action);
    return;
  }
  const live = match.live;
  const at = { subscriptionId: live.id };
  if (isTerminalStatus(live.status)) {
    if (item.ensure === 'cancelled') return;
    const reason = `subscription ${live.id} is ${live.status}; it cannot be changed: add a new item to buy again`;
    out.blocked.push(blockedEntry(scope, item.key, 'not-active', reason, at));
    return;
  }
  if (!isActiveStatus(live.status)) {
    const reason = `subscription ${live.id} is ${live.status}; Partner Center rejects changes until it is active again`;
    out.blocked.push(blockedEntry(scope, item.key, 'not-active', reason, at));
    return;
  }
  const mismatch = shapeMismatch(item, live);
  if (mismatch !== undefined && (item.ensure === 'cancelled' || item.quantity === undefined)) {
    const reason = `tombstone: subscription ${live.id} is ${mismatch}; a tombstone names the subscription it cancels by its product, SKU, term and billing`;
    out.blocked.push(blockedEntry(scope, item.key, 'immutable-purchase', reason, at));
    return;
  }
  if (item.ensure === 'cancelled') {
    planCancel(scope, item, live, out);
    return;
  }
  let autorenewKey: ActionKey | undefined;
  if (item.autoRenew !== live.autoRenewEnabled) {
    const action: SetAutorenewAction = {
      key: actionKey(
        'set-autorenew',
        { customerId: scope.customer.id, item: item.key, subscriptionId: live.id },
        { autoRenew: item.autoRenew },
      ),
      kind: 'set-autorenew',
      ...actionBase(scope, item.key),
      subscriptionId: live.id,
      reason: `spec wants autorenew ${item.autoRenew ? 'on' : 'off'}`,
      before: { autoRenew: live.autoRenewEnabled },
      after: { autoRenew: item.autoRenew },
    };
    out.actions.push(action);
    if (item.autoRenew) autorenewKey = action.key;
  }
  if (item.quantity === undefined) return;
  const seats = seatsToPlan(scope, { ...item, quantity: item.quantity }, live, out);
  if (mismatch !== undefined) {
    const quantity = seats ?? live.quantity;
    planShapeChange(scope, { ...item, quantity }, live, autorenewKey, out);
    return;
  }
  if (seats === undefined) return;
  const sku = scope.catalog.sku(scope.customer.country, live.productId, live.skuId);
  planQuantity(scope, { ...item, quantity: seats }, live, sku, autorenewKey, out);
}

function planCancel(
  scope: CustomerScope,
  item: SubscriptionItem,
  live: LiveSubscription,
  out: CustomerPlan,
): void {
  const skew = clockSkewReason(scope);
  const window = cancelWindow(live, scope.now);
  if (skew !== undefined || window.kind !== 'open') {
    const ends =
      live.commitmentEndDate === undefined ? '' : ` (term ends ${live.commitmentEndDate})`;
    const instead = `to let it end at renewal instead, keep the item present with autoRenew: false${ends}`;
    const [code, reason] =
      skew !== undefined
        ? (['clock-skew', `tombstone: cannot judge the cancellation window: ${skew}`] as const)
        : window.kind === 'unknown'
          ? ([
              'window-unknown',
              `tombstone: subscription ${live.id} states no cancellation window (none of cancellationAllowedUntilDate, refundOptions, refundableQuantity), so cancelling would be a guess; ${instead}`,
            ] as const)
          : ([
              'window-closed',
              `tombstone: ${window.until === undefined ? 'it cannot be cancelled' : `the cancellation window closed at ${window.until}`}; ${instead}`,
            ] as const);
    out.blocked.push(
      blockedEntry(scope, item.key, code, reason, { subscriptionId: live.id, wanted: 'cancel' }),
    );
    return;
  }
  const until = window.until;
  const action: CancelAction = {
    key: actionKey(
      'cancel',
      { customerId: scope.customer.id, item: item.key, subscriptionId: live.id },
      { status: 'deleted' },
    ),
    kind: 'cancel',
    ...actionBase(scope, item.key),
    subscriptionId: live.id,
    reason: `tombstone (ensure: cancelled); cancellable until ${until}`,
    before: { status: live.status, quantity: live.quantity },
    after: { status: 'deleted' },
    cancellationAllowedUntil: until,
  };
  out.actions.push(action);
}

function shapeMismatch(item: SubscriptionItem, live: LiveSubscription): string | undefined {
  if (
    live.productId === item.product &&
    live.skuId === item.sku &&
    live.termDuration === item.term &&
    live.billingCycle === item.billing
  ) {
    return undefined;
  }
  const have = `${live.productId}:${live.skuId} ${live.termDuration}/${normaliseBilling(live.billingCycle)}`;
  const want = `${item.product}:${item.sku} ${item.term}/${item.billing}`;
  return have.toLowerCase() === want.toLowerCase() ? undefined : `${have}, the spec says ${want}`;
}
