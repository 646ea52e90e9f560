import { apiActor, recordOrderCreated } from '../audit/index.js';
import { buildCartLines, readAttestation } from '../engine/cart-lines.js';
import { cartExpiry, checkoutCart } from '../engine/checkout.js';
import { newGuid, requireCustomer, type SandboxContext } from '../engine/context.js';
import { iso } from '../engine/dates.js';
import { PcHttpError, pcErrors } from '../errors.js';
import { renderCart } from '../render/render-order.js';
import type { CartRecord } from '../store/records.js';
import type { Route, RouteRequest, RouteResult } from '../router.js';
import { newEtag } from '../wire.js';

/** The cart, or 404 `800008` when unknown or expired. */
function requireCart(ctx: SandboxContext, customerId: string, cartId: string): CartRecord {
  const cart = ctx.store.get('cart', customerId, cartId.toLowerCase());
  if (cart === undefined) throw pcErrors.cartNotFound(cartId);
  return cart;
}

/** `POST /customers/{id}/carts`: 201 with the cart; invalid lines carry `error` (§3.1). */
function createCart(ctx: SandboxContext, req: RouteRequest): RouteResult {
  const customer = requireCustomer(ctx, req.params.customerId ?? '');
  const attested = readAttestation(req.body);
  const lineItems = buildCartLines(ctx, customer, req.body, attested);
  const now = ctx.clock.now();
  const cart: CartRecord = {
    id: newGuid(),
    customerId: customer.id,
    status: 'Active',
    creationTimestamp: iso(now),
    lastModifiedTimestamp: iso(now),
    expirationTimestamp: cartExpiry(now),
    lineItems,
    ...(attested ? { attestationAccepted: true } : {}),
    etag: newEtag(),
  };
  ctx.store.put('cart', customer.id, cart.id, cart);
  return { status: 201, body: renderCart(cart) };
}

function getCart(ctx: SandboxContext, req: RouteRequest): RouteResult {
  const customer = requireCustomer(ctx, req.params.customerId ?? '');
  return { status: 200, body: renderCart(requireCart(ctx, customer.id, req.params.cartId ?? '')) };
}

/** `PUT`: replaces the lines of an `Active`, unexpired cart and keeps its id (§3.2). */
function updateCart(ctx: SandboxContext, req: RouteRequest): RouteResult {
  const customer = requireCustomer(ctx, req.params.customerId ?? '');
  const cart = requireCart(ctx, customer.id, req.params.cartId ?? '');
  const now = ctx.clock.now();
  if (new Date(cart.expirationTimestamp) <= now)
    throw new PcHttpError(404, '800008', `Cart ${cart.id} has expired.`);
  if (cart.status !== 'Active') {
    throw new PcHttpError(400, '800065', 'Cannot update an already submitted cart.');
  }
  // A PUT carries the whole cart; an attestation given at creation still counts.
  const attested = readAttestation(req.body) || cart.attestationAccepted === true;
  const updated: CartRecord = {
    ...cart,
    lineItems: buildCartLines(ctx, customer, req.body, attested),
    ...(attested ? { attestationAccepted: true } : {}),
    lastModifiedTimestamp: iso(now),
    etag: newEtag(),
  };
  ctx.store.put('cart', customer.id, cart.id, updated);
  return { status: 201, body: renderCart(updated) };
}

/** `POST .../checkout`: 201 with the CartCheckoutResult; idempotent per cart (§1.4, §3.3). */
function checkout(ctx: SandboxContext, req: RouteRequest): RouteResult {
  const customer = requireCustomer(ctx, req.params.customerId ?? '');
  const cart = requireCart(ctx, customer.id, req.params.cartId ?? '');
  const result = checkoutCart(ctx, customer, cart);
  // A cart already `Ordered` answers its first result and places nothing: nothing to record.
  if (cart.status !== 'Ordered') {
    for (const order of (result.orders as { id?: unknown }[] | undefined) ?? []) {
      const placed = ctx.store.get('order', customer.id, String(order.id));
      if (placed !== undefined) recordOrderCreated(ctx, apiActor(req), placed);
    }
  }
  return { status: 201, body: result };
}

const CARTS = '/customers/{customerId}/carts';

export const CART_ROUTES: readonly Route[] = [
  { method: 'POST', pattern: CARTS, family: 'carts', handle: createCart },
  { method: 'GET', pattern: `${CARTS}/{cartId}`, family: 'carts', handle: getCart },
  { method: 'PUT', pattern: `${CARTS}/{cartId}`, family: 'carts', handle: updateCart },
  { method: 'POST', pattern: `${CARTS}/{cartId}/checkout`, family: 'carts', handle: checkout },
];
