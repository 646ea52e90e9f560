import type {
  ActionKey,
  OrderId,
  PurchaseItem,
  RegisterAzureSubscriptionAction,
} from '../model/index.js';
import { actionKey } from './action-key.js';
import { hasPrerequisite } from './catalog-index.js';
import {
  actionBase,
  blockedEntry,
  type CustomerPlan,
  type CustomerScope,
} from './customer-scope.js';
import { changedPurchaseFields, purchasedFields } from './purchased-fields.js';
import { buildPurchase } from './purchase-action.js';
import { renamedFlight, renamedFlightReason } from './renamed-flight.js';

/** Registration actions already planned for this customer, by Azure subscription id. */
export type Registrations = Map<string, RegisterAzureSubscriptionAction>;

/**
 * Plans one one-time item (docs/spec-reference.md):
 * - bound: bought already; a spec that differs from what was bought is `immutable-purchase`;
 * - a purchase in flight (order known, not visible yet): `in-flight`, the waiting state;
 * - an order or entitlement for the same product + SKU that no current item is bound to:
 *   `adopt-required` (never a second purchase);
 * - else a `purchase`. A reservation whose SKU needs `AzureSubscriptionRegistration` first gets a
 *   `register-azure-subscription` (one per Azure subscription, shared by its reservations) unless
 *   the observed registration is `registered`; while it is `registering` the purchase waits
 *   (`prerequisite`, cart error 10011 otherwise — docs/partner-center-api.md §6.1).
 */
export function planPurchaseItem(
  scope: CustomerScope,
  item: PurchaseItem,
  claimedOrders: ReadonlySet<OrderId>,
  registrations: Registrations,
  out: CustomerPlan,
): void {
  const binding = scope.bindings.get(item.key);
  if (binding !== undefined) {
    const changed =
      binding.purchased === undefined
        ? []
        : changedPurchaseFields(binding.purchased, purchasedFields(item));
    if (changed.length > 0) {
      const reason = `already bought (order ${binding.orderId ?? 'unknown'}); one-time purchases cannot change (${changed.join(', ')}): add a new item`;
      out.blocked.push(
        blockedEntry(scope, item.key, 'immutable-purchase', reason, {
          subscriptionId: binding.subscriptionId,
          wanted: 'purchase',
        }),
      );
    }
    return;
  }
  const flight = scope.inFlight.get(item.key);
  if (flight !== undefined) {
    const reason = `waiting: purchase placed ${flight.since} (order ${flight.orderIds.join(', ') || 'unknown'}) is not visible yet`;
    out.blocked.push(blockedEntry(scope, item.key, 'in-flight', reason));
    return;
  }
  const renamed = renamedFlight(scope, {
    productId: item.product,
    skuId: item.sku,
    ...(item.term === undefined ? {} : { term: item.term }),
    billing: item.billing,
  });
  if (renamed !== undefined) {
    out.blocked.push(
      blockedEntry(scope, item.key, 'in-flight', renamedFlightReason(scope, renamed, item.key)),
    );
    return;
  }
  const unbound = unboundOrders(scope, item, claimedOrders);
  if (unbound.length > 0) {
    const reason = `${item.product}:${item.sku} was already bought outside Quartermaster (order ${unbound.join(', ')}): bind it with \`qm import\``;
    out.blocked.push(
      blockedEntry(scope, item.key, 'adopt-required', reason, { wanted: 'purchase' }),
    );
    return;
  }
  const isReservation = item.kind === 'azure-reservation';
  const outcome = buildPurchase(scope, {
    item: item.key,
    target: item.kind,
    productId: item.product,
    skuId: item.sku,
    term: item.term,
    billing: item.billing,
    quantity: item.quantity,
    ...(isReservation
      ? {
          reservation: {
            azureSubscriptionId: item.azureSubscriptionId,
            scope: item.scope ?? 'shared',
            region: item.region,
          },
        }
      : {}),
    source: item.source,
    reason: `not bought yet: ${item.kind} ${item.quantity} × ${item.product}:${item.sku}${item.term === undefined ? '' : ` (${item.term})`}, ${item.billing}`,
  });
  if (outcome.kind === 'blocked') {
    out.blocked.push(outcome.entry);
    return;
  }
  let dependsOn: ActionKey | undefined;
  if (isReservation && hasPrerequisite(outcome.sku, 'AzureSubscriptionRegistration')) {
    const azureId = item.azureSubscriptionId;
    const status = registrationStatus(scope, azureId);
    if (azureId === undefined || status === 'registering') {
      const reason =
        azureId === undefined
          ? 'the SKU needs a registered Azure subscription: set azureSubscriptionId'
          : `waiting: registration of Azure subscription ${azureId} is in progress`;
      out.blocked.push(
        blockedEntry(scope, item.key, 'prerequisite', reason, { wanted: 'purchase' }),
      );
      return;
    }
    if (status !== 'registered')
      dependsOn = registrationFor(scope, item, azureId, registrations, out).key;
  }
  const action = { ...outcome.action, purchased: purchasedFields(item) };
  out.actions.push(dependsOn === undefined ? action : { ...action, dependsOn: [dependsOn] });
}

function registrationFor(
  scope: CustomerScope,
  item: PurchaseItem,
  azureId: string,
  registrations: Registrations,
  out: CustomerPlan,
): RegisterAzureSubscriptionAction {
  const known = registrations.get(azureId.toLowerCase());
  if (known !== undefined) return known;
  const action: RegisterAzureSubscriptionAction = {
    key: actionKey(
      'register-azure-subscription',
      { customerId: scope.customer.id, azureSubscriptionId: azureId.toLowerCase() },
      { registered: true },
    ),
    kind: 'register-azure-subscription',
    ...actionBase(scope, item.key),
    reason: `reservations need Azure subscription ${azureId} registered first`,
    azureSubscriptionId: azureId,
  };
  registrations.set(azureId.toLowerCase(), action);
  out.actions.push(action);
  return action;
}

/** Orders/entitlements of the item's product + SKU that no current item is bound to. */
function unboundOrders(
  scope: CustomerScope,
  item: PurchaseItem,
  claimed: ReadonlySet<OrderId>,
): string[] {
  const found = new Set<string>();
  for (const order of scope.observed.orders ?? []) {
    if (order.status.toLowerCase() === 'cancelled' || claimed.has(order.id)) continue;
    if (order.lineItems.some((line) => line.productId === item.product && line.skuId === item.sku))
      found.add(order.id);
  }
  for (const entitlement of scope.observed.entitlements ?? []) {
    if (entitlement.productId !== item.product || entitlement.skuId !== item.sku) continue;
    if (entitlement.orderId !== undefined && claimed.has(entitlement.orderId)) continue;
    found.add(entitlement.orderId ?? 'unknown');
  }
  return [...found].sort();
}

/** The best observed status for an Azure subscription (`registered` beats `registering`), order-free. */
function registrationStatus(scope: CustomerScope, azureId: string | undefined): string | undefined {
  if (azureId === undefined) return undefined;
  const statuses = new Set(
    (scope.observed.registrations ?? [])
      .filter((r) => r.azureSubscriptionId.toLowerCase() === azureId.toLowerCase())
      .map((r) => r.status.toLowerCase()),
  );
  return statuses.has('registered')
    ? 'registered'
    : statuses.has('registering')
      ? 'registering'
      : undefined;
}
