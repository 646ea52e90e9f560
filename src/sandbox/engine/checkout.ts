import { PcHttpError } from '../errors.js';
import { renderOrder } from '../render/render-order.js';
import type {
  CartLineRecord,
  CartRecord,
  CustomerRecord,
  EntitlementRecord,
  OrderLineRecord,
  OrderRecord,
} from '../store/records.js';
import { newEtag, type JsonObject } from '../wire.js';
import type { AvailabilityEntry } from './catalog-index.js';
import { newGuid, newOrderId, type SandboxContext } from './context.js';
import { validateCartLine } from './cart-lines.js';
import { orderLinePromotion } from './promotions.js';
import { effectiveTerm } from './reservation-lines.js';
import { addTerm, iso, isoDay, plusMs, startOfDayUtc } from './dates.js';
import { buildSubscription } from './subscription-factory.js';

/** Order-level error codes for failed order groups (docs/partner-center-api.md §1.9). */
const ORDER_ERROR_FOR_LINE: Readonly<Record<number, string>> = {
  10003: '800010',
  10007: '800011',
  10011: '800030',
  10015: '800067',
  10018: '800029',
};

/**
 * Checks out a cart (docs/partner-center-api.md §3.3): one Order per order group, partial success
 * reported in `orderErrors`. Idempotent per cart: a cart already `Ordered` returns its first
 * result and places nothing (§1.4). A cart whose every group fails stays `Active` and the
 * call answers 400 `800009`, so a later checkout runs again. Expired carts: 404 `800008`.
 */
export function checkoutCart(
  ctx: SandboxContext,
  customer: CustomerRecord,
  cart: CartRecord,
): JsonObject {
  if (cart.status === 'Ordered' && cart.checkoutResult !== undefined)
    return cart.checkoutResult as JsonObject;
  const now = ctx.clock.now();
  if (new Date(cart.expirationTimestamp) <= now) {
    throw new PcHttpError(404, '800008', `Cart ${cart.id} has expired.`);
  }
  const groups = new Map<string, CartLineRecord[]>();
  for (const line of cart.lineItems)
    groups.set(line.orderGroup, [...(groups.get(line.orderGroup) ?? []), line]);
  const orders: JsonObject[] = [];
  const orderErrors: JsonObject[] = [];
  const createdBases = new Map<string, string>();
  for (const [group, lines] of groups) {
    const errors = lines.map((line) => validateCartLine(ctx, customer, line, cart.lineItems));
    const failed = errors.find((error) => error !== undefined);
    if (failed !== undefined) {
      orderErrors.push({
        orderGroupId: group,
        code: Number(ORDER_ERROR_FOR_LINE[failed.errorCode] ?? '800009'),
        description: failed.errorDescription,
      });
      continue;
    }
    const order = placeOrder(ctx, customer, cart, lines, now, createdBases);
    orders.push(renderOrder(order, now, ctx.settings.dialect));
  }
  const result = { orders, orderErrors, attributes: { objectType: 'CartCheckoutResult' } };
  if (orders.length === 0) {
    throw new PcHttpError(
      400,
      '800009',
      'Error in cart item(s): no order group could be placed.',
      {},
      // `data` is an array of strings in every documented error body (L:error-codes examples).
      orderErrors.map(
        (error) =>
          `orderGroupId ${String(error.orderGroupId)}: ${String(error.code)} ${String(error.description)}`,
      ),
    );
  }
  ctx.store.put('cart', customer.id, cart.id, {
    ...cart,
    status: 'Ordered',
    lastModifiedTimestamp: iso(now),
    checkoutResult: result,
    etag: newEtag(),
  });
  return result;
}

function placeOrder(
  ctx: SandboxContext,
  customer: CustomerRecord,
  cart: CartRecord,
  lines: readonly CartLineRecord[],
  now: Date,
  createdBases: Map<string, string>,
): OrderRecord {
  const id = newOrderId();
  const readyAt = new Date(now.getTime() + ctx.settings.provisioningDelayMs);
  const currency = ctx.catalog.currency(customer.country);
  // Before any subscription of this order exists, so a first-purchase promotion still holds.
  const promotions = lines.map((line) => orderLinePromotion(ctx, customer, line));
  const orderLines = lines.map((line, lineItemNumber): OrderLineRecord => {
    const promotion = promotions[lineItemNumber];
    const entry = ctx.catalog.byCatalogItemId(line.catalogItemId) as AvailabilityEntry;
    const reseller = line.participants.find((p) => p.key.toLowerCase() === 'transaction_reseller');
    const term =
      entry.product.kind === 'azure-reservation' ? effectiveTerm(line) : line.termDuration;
    const common: OrderLineRecord = {
      lineItemNumber,
      kind: entry.product.kind,
      offerId: entry.catalogItemId,
      productId: entry.product.id,
      skuId: entry.sku.id,
      quantity: line.quantity,
      ...(term === undefined ? {} : { termDuration: term }),
      billingCycle: line.billingCycle,
      // Every documented order line has a friendlyName (get-an-order-by-id); default: SKU title.
      friendlyName: line.friendlyName ?? entry.sku.title,
      provisioningContext: line.provisioningContext,
      ...(reseller === undefined ? {} : { partnerIdOnRecord: reseller.value }),
      ...(promotion === undefined ? {} : { promotion }),
      // Checked again above (validateCartLine): kept as the day it sets, the SDK's DateTime.
      ...(line.customTermEndDate === undefined
        ? {}
        : { customTermEndDate: isoDay(startOfDayUtc(new Date(line.customTermEndDate))) }),
    };
    if (entry.product.kind === 'azure-reservation' || entry.product.kind === 'software') {
      const entitlement = buildEntitlement(customer, id, common, entry, readyAt);
      ctx.store.put('entitlement', customer.id, entitlement.id, entitlement);
      return { ...common, entitlementId: entitlement.id };
    }
    const subscriptionId = newGuid();
    const parent = parentFor(ctx, customer, entry, createdBases);
    const subscription = buildSubscription({
      id: subscriptionId,
      customerId: customer.id,
      entry,
      quantity: line.quantity,
      termDuration: line.termDuration,
      billingCycle: line.billingCycle,
      friendlyName: line.friendlyName,
      purchasedAt: now,
      visibleAt: readyAt,
      orderId: id,
      parentSubscriptionId: parent,
      customTermEndDate: common.customTermEndDate,
    });
    ctx.store.put('subscription', customer.id, subscriptionId, subscription);
    createdBases.set(`${entry.product.id}:${entry.sku.id}`.toUpperCase(), subscriptionId);
    return { ...common, subscriptionId };
  });
  const order: OrderRecord = {
    id,
    alternateId: id.slice(0, 12),
    customerId: customer.id,
    billingCycle: lines[0]?.billingCycle ?? 'monthly',
    currencyCode: currency.code,
    currencySymbol: currency.symbol,
    creationDate: iso(now),
    completesAt: iso(readyAt),
    transactionType: 'UserPurchase',
    lineItems: orderLines,
    cartId: cart.id,
    etag: newEtag(),
  };
  ctx.store.put('order', customer.id, id, order);
  return order;
}

function buildEntitlement(
  customer: CustomerRecord,
  orderId: string,
  line: OrderLineRecord,
  entry: AvailabilityEntry,
  readyAt: Date,
): EntitlementRecord {
  const reservation = entry.product.kind === 'azure-reservation';
  const term = line.termDuration ?? 'P1Y';
  return {
    id: newGuid(),
    customerId: customer.id,
    orderId,
    lineItemNumber: line.lineItemNumber,
    productId: line.productId,
    skuId: line.skuId,
    quantity: line.quantity,
    entitlementType: reservation ? 'reservedinstance' : 'software',
    createdAt: iso(readyAt),
    ...(reservation ? { expiryDate: iso(addTerm(readyAt, term)), reservationId: newGuid() } : {}),
  };
}

/** The base subscription an add-on attaches to: bought in this checkout, else an active one. */
function parentFor(
  ctx: SandboxContext,
  customer: CustomerRecord,
  entry: AvailabilityEntry,
  createdBases: ReadonlyMap<string, string>,
): string | undefined {
  const bases = (entry.sku.addOnOf ?? []).map((key) => key.toUpperCase());
  if (bases.length === 0) return undefined;
  for (const base of bases) {
    const created = createdBases.get(base);
    if (created !== undefined) return created;
  }
  return ctx.store
    .list('subscription', customer.id)
    .find((s) => s.status === 'active' && bases.includes(`${s.productId}:${s.skuId}`.toUpperCase()))
    ?.id;
}

/** Cart expiry: 7 days after creation (docs/partner-center-api.md §3.1). */
export const CART_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;
export const cartExpiry = (created: Date): string => plusMs(created, CART_LIFETIME_MS);
