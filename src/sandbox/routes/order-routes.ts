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

/** `billingType` filter: accepts `onetime`, `one_time`, `OneTime`, `monthly`, … and integers (§4.3). */
function parseBillingType(value: string | null): string | undefined {
  if (value === null || value === '') return undefined;
  return parseEnum('billingType', /^\d+$/.test(value) ? Number(value) : value, BILLING_CYCLES);
}

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
    .filter((order) => billing === undefined || order.billingCycle === billing)
    .map((order) => renderOrder(order, now));
  return { status: 200, body: collection(items, `/customers/${customer.id}/orders`) };
}

function getOrder(ctx: SandboxContext, req: RouteRequest): RouteResult {
  const customer = requireCustomer(ctx, req.params.customerId ?? '');
  return {
    status: 200,
    body: renderOrder(requireOrder(ctx, customer.id, req.params.orderId ?? ''), ctx.clock.now()),
  };
}

/** OrderLineItemProvisioningStatus per line: `PrefulfillmentPending` until completed (§4.1). */
function orderProvisioningStatus(ctx: SandboxContext, req: RouteRequest): RouteResult {
  const customer = requireCustomer(ctx, req.params.customerId ?? '');
  const order = requireOrder(ctx, customer.id, req.params.orderId ?? '');
  const status = isOrderCompleted(order, ctx.clock.now()) ? 'Fulfilled' : 'PrefulfillmentPending';
  const items = order.lineItems.map((line) => ({
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
