import type { OrderId, UnmanagedEntry } from '../model/index.js';
import type { CustomerPlan, CustomerScope } from './customer-scope.js';
import { linkAddOns } from './link-add-ons.js';
import { isTerminalStatus } from './live-facts.js';
import { matchSubscriptions } from './match-subscriptions.js';
import { planPurchaseItem, type Registrations } from './plan-purchase-item.js';
import { planSubscriptionItem } from './plan-subscription-item.js';

export interface CustomerResult extends CustomerPlan {
  readonly unmanaged: UnmanagedEntry[];
}

/**
 * Plans one customer whose live read succeeded: every subscription item against its match,
 * every one-time item, then add-on links. Live subscriptions no current item manages and that
 * are not deleted/expired are listed as unmanaged (terminal ones are history, and the list
 * call returns them forever — partner-center-api.md §5.2).
 */
export function planCustomer(scope: CustomerScope): CustomerResult {
  const out: CustomerResult = { actions: [], blocked: [], unmanaged: [] };
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
  for (const sub of scope.observed.subscriptions) {
    if (managed.has(sub.id) || isTerminalStatus(sub.status)) continue;
    out.unmanaged.push({
      customerId: scope.customer.id,
      customerName: scope.customer.name,
      subscriptionId: sub.id,
      offerId: sub.offerId,
      quantity: sub.quantity,
      status: sub.status,
    });
  }
  return out;
}
