import type { Binding, PurchaseAction } from '../model/index.js';
import { journalled } from './journalled.js';
import { productNameField } from './journal-product-name.js';
import type { ApplierPorts, CartLine, CheckoutOutcome } from './ports.js';
import { ActionFailure, type ActionResult } from './results.js';
import { completePurchase, fetchActivationLinks } from './complete-purchase.js';

/**
 * Buys what a `purchase` action names: resolve a fresh availability (catalog ids rotate) →
 * inventory check when the SKU needs one → create the cart (journalled) → refuse line errors →
 * checkout (journalled with the cart id, so a crash re-drives the same cart) → bind the order.
 * https://learn.microsoft.com/en-us/partner-center/developer/checkout-a-cart
 */
export async function executePurchase(
  action: PurchaseAction,
  ports: ApplierPorts,
  runId: string | undefined,
): Promise<ActionResult> {
  const pc = ports.partnerCenter;
  const { after } = action;
  const resolved = await pc.resolveCatalogItem({
    country: action.country,
    productId: after.productId,
    skuId: after.skuId,
    ...(after.term === undefined ? {} : { term: after.term }),
    billing: after.billing,
  });
  if (resolved === undefined) {
    throw new ActionFailure(
      'no-availability',
      `${after.productId}/${after.skuId} (${after.term ?? 'no term'}, ${after.billing}) is no longer offered in ${action.country}; run plan again`,
    );
  }
  if (action.inventoryCheck !== undefined) {
    const inventory = await pc.checkInventory(action.customerId, {
      country: action.country,
      ...action.inventoryCheck,
    });
    if (!inventory.available) {
      throw new ActionFailure(
        'inventory-unavailable',
        `inventory check refused ${after.productId}/${after.skuId}${inventory.detail === undefined ? '' : `: ${inventory.detail}`}`,
      );
    }
  }
  const line: CartLine = {
    catalogItemId: resolved.catalogItemId,
    quantity: after.quantity,
    billingCycle: after.billing,
    ...(after.term === undefined ? {} : { termDuration: after.term }),
    ...(action.provisioningContext === undefined
      ? {}
      : { provisioningContext: action.provisioningContext }),
    ...(action.promotion === undefined ? {} : { promotionId: action.promotion.id }),
    ...(action.customTermEndDate === undefined
      ? {}
      : { customTermEndDate: action.customTermEndDate }),
  };
  const named = productNameField(action.productName);
  const base = {
    ...(runId === undefined ? {} : { runId }),
    actionKey: action.key,
    actionKind: action.kind,
    customerId: action.customerId,
    item: action.item,
  };
  const cart = await journalled(
    ports,
    { ...base, step: 'create-cart', request: { line, ...named } },
    (requestId) => pc.createCart(action.customerId, [line], requestId),
    (created) => ({ response: { cartId: created.id, lineErrors: created.lineErrors } }),
  );
  const lineError = cart.lineErrors[0];
  if (lineError !== undefined) {
    throw new ActionFailure(
      String(lineError.code),
      `cart line refused by Partner Center (error ${lineError.code}): ${lineError.description}`,
    );
  }
  const isSaas = resolved.sku.productKind === 'saas';
  const { result, activationLinks } = await journalled(
    ports,
    {
      ...base,
      step: 'checkout',
      cartId: cart.id,
      request: {
        cartId: cart.id,
        line,
        target: action.target,
        purchased: purchasedFields(action),
        productKind: resolved.sku.productKind,
        ...named,
      },
    },
    async (requestId) => {
      const checkout = await pc.checkout(action.customerId, cart.id, requestId);
      // SaaS links are fetched before the row settles so the journal keeps them for `qm status`;
      // a link that cannot be read yet never fails the (already placed) order.
      return {
        result: checkout,
        activationLinks: isSaas ? await fetchActivationLinks(action, checkout, ports) : [],
      };
    },
    (value) => ({
      orderIds: value.result.orders.map((o) => o.id),
      response: { ...summariseCheckout(value.result), activationLinks: value.activationLinks },
    }),
    (value) => bindOrder(action, value.result, ports),
  );
  return completePurchase(action, result, ports, activationLinks, runId);
}

function summariseCheckout(result: CheckoutOutcome): Record<string, unknown> {
  return {
    orders: result.orders.map((o) => ({ id: o.id, status: o.status, lines: o.lineItems.length })),
    orderErrors: result.orderErrors,
  };
}

/** Records which order serves the item, before the checkout row is settled. */
export function bindOrder(
  action: PurchaseAction,
  result: CheckoutOutcome,
  ports: ApplierPorts,
): void {
  const order = result.orders[0];
  if (order === undefined) return;
  const binding: Binding = {
    customerId: action.customerId,
    item: action.item,
    kind: action.target === 'subscription' ? 'subscription' : 'purchase',
    orderId: order.id,
    purchased: purchasedFields(action),
    boundAt: ports.now().toISOString(),
  };
  ports.bindings.put(binding);
}

/**
 * What was bought, kept on the binding so later edits of a one-time item can be refused: the
 * planner's own description (`action.purchased`) when it gave one, else the bought values.
 */
export function purchasedFields(action: PurchaseAction): Readonly<Record<string, string | number>> {
  if (action.purchased !== undefined) return action.purchased;
  const { after } = action;
  return {
    productId: after.productId,
    skuId: after.skuId,
    quantity: after.quantity,
    billing: after.billing,
    ...(after.term === undefined ? {} : { term: after.term }),
    ...(action.provisioningContext ?? {}),
  };
}
