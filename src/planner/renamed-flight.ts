import { sameShape, type InFlightPurchase, type PurchaseShape } from '../model/index.js';
import type { CustomerScope } from './customer-scope.js';

/**
 * A purchase in flight under an item key the spec no longer has, buying the same shape as
 * `wanted`: the item was renamed (or removed and added back) while its order is not visible
 * yet. Its money may be spent, so the new key waits for it instead of buying again.
 */
export function renamedFlight(
  scope: CustomerScope,
  wanted: PurchaseShape,
): InFlightPurchase | undefined {
  const current = new Set<string>(
    [...scope.customer.subscriptions, ...scope.customer.purchases].map((item) => item.key),
  );
  for (const flight of scope.inFlight.values()) {
    if (current.has(flight.item) || flight.shape === undefined) continue;
    if (sameShape(flight.shape, wanted)) return flight;
  }
  return undefined;
}

/** The blocked reason for a renamed item waiting on its old key's purchase. */
export function renamedFlightReason(
  scope: CustomerScope,
  flight: InFlightPurchase,
  newKey: string,
): string {
  const orders = flight.orderIds.join(', ') || 'not known yet';
  return `waiting: the same product was bought ${flight.since} under item ${flight.item}, which the spec no longer has (order ${orders}, not visible yet); nothing is bought again. If you renamed the item, run \`qm state mv ${scope.customer.id} ${flight.item} ${newKey}\``;
}
