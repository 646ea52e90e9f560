import type { DriftEntry, OrderId, UnmanagedEntry } from '../model/index.js';
import { blockedEntry, type CustomerPlan, type CustomerScope } from './customer-scope.js';
import { linkAddOns } from './link-add-ons.js';
import { isTerminalStatus } from './live-facts.js';
import { matchSubscriptions } from './match-subscriptions.js';
import { planPurchaseItem, type Registrations } from './plan-purchase-item.js';
import { planSubscriptionItem } from './plan-subscription-item.js';
import { liveProductName, nameProducts, withProductName } from './product-name.js';

export interface CustomerResult extends CustomerPlan {
  readonly unmanaged: UnmanagedEntry[];
  /** Seat drift kept or reported by the items' drift policies (`seatsToPlan`). */
  readonly drift: DriftEntry[];
}

/**
 * Plans one customer whose live read succeeded: every subscription item against its match,
 * every one-time item, then add-on links. Live subscriptions no current item manages and that
 * are not deleted/expired are listed as unmanaged — unless an item could adopt them, reported once as
 * `adopt-required` under that item (terminal ones are history, and the list
 * call returns them forever — docs/partner-center-api.md §5.2).
 */
export function planCustomer(scope: CustomerScope): CustomerResult {
  const out: CustomerResult = { actions: [], blocked: [], unmanaged: [], drift: [] };
  const { byItem, managed } = matchSubscriptions(scope);
  for (const item of scope.customer.subscriptions) {
    const match = byItem.get(item.key);
    if (match !== undefined) planSubscriptionItem(scope, item, match, out);
  }

  // Only bindings of items still in the spec claim an order: an order bound to a key that was
  // renamed or removed is reported (adopt-required), never answered with a second purchase.
  const current = new Set<string>(
    [...scope.customer.subscriptions, ...scope.customer.purchases].map((i) => i.key),
  );
  const claimedOrders = new Set<OrderId>();
  for (const binding of scope.bindings.values()) {
    if (binding.orderId !== undefined && current.has(binding.item))
      claimedOrders.add(binding.orderId);
  }
  for (const flight of scope.inFlight.values())
    for (const id of flight.orderIds) claimedOrders.add(id);
  const registrations: Registrations = new Map();
  const purchases = [...scope.customer.purchases].sort((a, b) => (a.key < b.key ? -1 : 1));
  for (const item of purchases) planPurchaseItem(scope, item, claimedOrders, registrations, out);

  linkAddOns(scope, out);
  holdPurchasesWhileUnreadable(scope, out);
  holdPurchasesAfterReset(scope, out);
  nameProducts(scope, out);
  // A subscription an item could adopt is reported once, under that item (adopt-required).
  const adoptable = new Set(
    out.blocked.flatMap((b) =>
      b.code === 'adopt-required' && b.subscriptionId !== undefined ? [b.subscriptionId] : [],
    ),
  );
  for (const sub of scope.observed.subscriptions) {
    if (managed.has(sub.id) || adoptable.has(sub.id) || isTerminalStatus(sub.status)) continue;
    const entry: UnmanagedEntry = {
      customerId: scope.customer.id,
      customerName: scope.customer.name,
      subscriptionId: sub.id,
      offerId: sub.offerId,
      quantity: sub.quantity,
      status: sub.status,
    };
    out.unmanaged.push(withProductName(entry, liveProductName(sub)));
  }
  return out;
}

/**
 * A live subscription the client could not fully read might be the very thing a purchase would
 * buy again: while any is unreadable, the customer's purchases are held (blocked with the
 * subscription and field named); changes to subscriptions that did read go ahead.
 */
function holdPurchasesWhileUnreadable(scope: CustomerScope, out: CustomerPlan): void {
  const unreadable = scope.observed.unreadable ?? [];
  if (unreadable.length === 0) return;
  const what = unreadable.map((u) => u.problem).join('; ');
  holdPurchases(
    scope,
    out,
    'unreadable-live-state',
    `Partner Center returned a subscription this agent cannot fully read (${what}); it may already be this item, so nothing is bought for the customer until it reads cleanly. Check the subscription in Partner Center, or report the field`,
  );
}

/**
 * How long a new order may stay out of Partner Center's orders list (docs/partner-center-api.md
 * §4.3): after `qm state reset` the journal of purchases in flight is gone, so nothing is bought
 * until this long after the reset, when any order placed before it shows.
 */
export const ORDER_LIST_DELAY_MS = 15 * 60_000;

function holdPurchasesAfterReset(scope: CustomerScope, out: CustomerPlan): void {
  if (scope.stateResetAt === undefined) return;
  const until = Date.parse(scope.stateResetAt) + ORDER_LIST_DELAY_MS;
  if (!(scope.now.getTime() < until)) return;
  holdPurchases(
    scope,
    out,
    'state-reset',
    `the state store was reset at ${scope.stateResetAt}: an order placed before it may stay out of Partner Center's lists for 15 minutes, so nothing is bought until ${new Date(until).toISOString()}`,
  );
}

/** Moves every purchase of the customer into `blocked` with `code` and `reason`. */
function holdPurchases(
  scope: CustomerScope,
  out: CustomerPlan,
  code: 'unreadable-live-state' | 'state-reset',
  reason: string,
): void {
  const kept = out.actions.filter((action) => action.kind !== 'purchase');
  for (const action of out.actions) {
    if (action.kind !== 'purchase') continue;
    out.blocked.push(blockedEntry(scope, action.item, code, reason, { wanted: 'purchase' }));
  }
  out.actions.splice(0, out.actions.length, ...kept);
}
