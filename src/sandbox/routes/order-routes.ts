import { requireCustomer, type SandboxContext } from '../engine/context.js';
import { pcErrors } from '../errors.js';
import { isOrderCompleted, renderOrder } from '../render/render-order.js';
import type { OrderRecord } from '../store/records.js';
import type { Route, RouteRequest, RouteResult } from '../router.js';
import { BILLING_CYCLES, collection, link, parseEnum } from '../wire.js';

function requireOrder(ctx: SandboxContext, customerId: string, orderId: string): OrderRecord {
  const order = ctx.store.get('order', customerId, orderId);
  if (order === undefined) throw pcErrors.orderNotFound(orderId);
  return order;
}

/**
 * The `billingType` filter of the orders list
 * (https://learn.microsoft.com/en-us/partner-center/developer/get-a-list-of-orders-by-customer-and-billing-cycle-type):
 * a BillingCycleType as the example (`onetime`), the SDK (`OneTime`, the enum name) or the wire
 * (`one_time`) spell it, any case, or its integer (the REST reference types it int32; the SDK
 * enum `BillingCycleType` numbers `OneTime` 4) — matched against the order's `billingCycle`;
 * or a BillingType `license` / `usage` (any case) — licence-based orders vs Azure plan orders.
 * Anything else: 400 `900126`.
 */
function parseBillingType(value: string | null): ((order: OrderRecord) => boolean) | undefined {
  if (value === null || value === '') return undefined;
  const lower = value.toLowerCase();
  if (lower === 'usage') return (order) => isUsageOrder(order);
  if (lower === 'license') return (order) => !isUsageOrder(order);
  const cycle = parseEnum(
    'billingType',
    /^\d+$/.test(value) ? Number(value) : value,
    BILLING_CYCLES,
  );
  return (order) => order.billingCycle === cycle;
}

/** Orders are grouped by product kind, so an order is either all Azure plan lines or none. */
const isUsageOrder = (order: OrderRecord): boolean =>
  order.lineItems.some((line) => line.kind === 'azure-plan');

/**
 * `GET /customers/{id}/orders[?billingType=]`: an order appears only `orderListDelayMs`
 * after creation (up to 15 minutes in Partner Center, §4.3); GET by id finds it at once.
 */
function listOrders(ctx: SandboxContext, req: RouteRequest): RouteResult {
  const customer = requireCustomer(ctx, req.params.customerId ?? '');
  const billing = parseBillingType(req.query.get('billingType'));
  const now = ctx.clock.now();
  const cutoff = now.getTime() - ctx.settings.orderListDelayMs;
  const items = ctx.store
    .list('order', customer.id)
    .filter((order) => new Date(order.creationDate).getTime() <= cutoff)
    .filter((order) => billing === undefined || billing(order))
    .map((order) => renderOrder(order, now, ctx.settings.dialect));
  return { status: 200, body: collection(items, `/customers/${customer.id}/orders`) };
}

function getOrder(ctx: SandboxContext, req: RouteRequest): RouteResult {
  const customer = requireCustomer(ctx, req.params.customerId ?? '');
  return {
    status: 200,
    body: renderOrder(
      requireOrder(ctx, customer.id, req.params.orderId ?? ''),
      ctx.clock.now(),
      ctx.settings.dialect,
    ),
  };
}

/** OrderLineItemProvisioningStatus per line: `PrefulfillmentPending` until completed (§4.1). */
function orderProvisioningStatus(ctx: SandboxContext, req: RouteRequest): RouteResult {
  const customer = requireCustomer(ctx, req.params.customerId ?? '');
  const order = requireOrder(ctx, customer.id, req.params.orderId ?? '');
  const status = isOrderCompleted(order, ctx.clock.now()) ? 'Fulfilled' : 'PrefulfillmentPending';
  // `orderLineItemId` as well as `lineItemNumber`, as get-order-provisioning-status prints both.
  const items = order.lineItems.map((line) => ({
    orderLineItemId: line.lineItemNumber,
    lineItemNumber: line.lineItemNumber,
    status,
    quantityProvisioningInformation: [{ quantity: line.quantity, status }],
  }));
  return {
    status: 200,
    body: collection(items, `/customers/${customer.id}/orders/${order.id}/provisioningstatus`),
  };
}

/** A dummy publisher link, as in the integration sandbox (§6.2). */
export function activationLink(
  orderId: string,
  lineItemNumber: number,
): { lineItemNumber: number; link: ReturnType<typeof link> } {
  return {
    lineItemNumber,
    link: link(
      `https://marketplace.sandbox.invalid/activate?order=${encodeURIComponent(orderId)}&line=${lineItemNumber}`,
    ),
  };
}

function orderActivationLinks(ctx: SandboxContext, req: RouteRequest): RouteResult {
  const customer = requireCustomer(ctx, req.params.customerId ?? '');
  const order = requireOrder(ctx, customer.id, req.params.orderId ?? '');
  const wanted = req.params.lineItemNumber;
  const lines = order.lineItems.filter(
    (line) => wanted === undefined || String(line.lineItemNumber) === wanted,
  );
  if (wanted !== undefined && lines.length === 0)
    throw pcErrors.badInput(`Line item ${wanted} is out of range.`);
  const items = lines
    .filter((line) => line.kind === 'saas')
    .map((line) => activationLink(order.id, line.lineItemNumber));
  return {
    status: 200,
    body: collection(items, `/customers/${customer.id}/orders/${order.id}/activationlinks`),
  };
}

const ORDERS = '/customers/{customerId}/orders';

export const ORDER_ROUTES: readonly Route[] = [
  { method: 'GET', pattern: ORDERS, family: 'orders', handle: listOrders },
  { method: 'GET', pattern: `${ORDERS}/{orderId}`, family: 'orders', handle: getOrder },
  {
    method: 'GET',
    pattern: `${ORDERS}/{orderId}/provisioningstatus`,
    family: 'orders',
    handle: orderProvisioningStatus,
  },
  {
    method: 'GET',
    pattern: `${ORDERS}/{orderId}/activationlinks`,
    family: 'orders',
    handle: orderActivationLinks,
  },
  {
    method: 'GET',
    pattern: `${ORDERS}/{orderId}/lineitems/{lineItemNumber}/activationlinks`,
    family: 'orders',
    handle: orderActivationLinks,
  },
];
