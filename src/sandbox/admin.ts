import { OperationalError } from '../support/index.js';
import {
  PORTAL_ACTOR,
  recordCustomerAdded,
  recordOrderCreated,
  updateSubscriptionInPortal,
} from './audit/index.js';
import { newGuid, newOrderId, requireCustomer, type SandboxContext } from './engine/context.js';
import { iso } from './engine/dates.js';
import { settleAll, settleCustomer } from './engine/settle.js';
import { buildSubscription } from './engine/subscription-factory.js';
import type {
  OutOfBandPurchase,
  SandboxAdmin,
  SandboxInspector,
  RequestLogEntry,
} from './options.js';
import { seedCustomer } from './seed/apply-seed.js';
import type { SubscriptionRecord } from './store/records.js';
import { newEtag } from './wire.js';

/** The TypeScript admin API (also behind `/_sandbox/...`). */
export function createAdmin(ctx: SandboxContext): SandboxAdmin {
  return {
    seedCustomer: (customer) =>
      ctx.store.transaction(() => {
        seedCustomer(ctx.store, ctx.catalog, customer, ctx.clock.now());
        const id = customer.id.toLowerCase();
        const added = ctx.store.get('customer', id, id);
        if (added !== undefined) recordCustomerAdded(ctx, PORTAL_ACTOR, added);
      }),
    createSubscription: (customerId, purchase) =>
      ctx.store.transaction(() => createOutOfBand(ctx, customerId, purchase)),
    updateSubscription: (customerId, subscriptionId, change) =>
      updateSubscriptionInPortal(ctx, customerId, subscriptionId, change),
    runRenewals: () => settleAll(ctx),
    transaction: (fn) => ctx.store.transaction(fn),
  };
}

function createOutOfBand(
  ctx: SandboxContext,
  customerId: string,
  purchase: OutOfBandPurchase,
): SubscriptionRecord {
  const customer = requireCustomer(ctx, customerId);
  const entry = ctx.catalog.availability(purchase.productId, purchase.skuId, customer.country);
  if (
    entry === undefined ||
    entry.product.kind === 'azure-reservation' ||
    entry.product.kind === 'software'
  ) {
    throw new OperationalError(
      'sandbox-bad-purchase',
      `${purchase.productId}:${purchase.skuId} cannot be bought as a subscription in ${customer.country}`,
    );
  }
  const now = ctx.clock.now();
  const purchasedAt = purchase.purchasedAt === undefined ? now : new Date(purchase.purchasedAt);
  const term = purchase.termDuration ?? entry.terms[0]?.duration;
  const billingCycle =
    purchase.billingCycle ??
    entry.terms.find((t) => t.duration === term)?.billingCycle ??
    'monthly';
  const orderId = newOrderId();
  const id = (purchase.id ?? newGuid()).toLowerCase();
  const record = buildSubscription({
    id,
    customerId: customer.id,
    entry,
    quantity: purchase.quantity,
    termDuration: term,
    billingCycle,
    autoRenewEnabled: purchase.autoRenewEnabled,
    friendlyName: purchase.friendlyName,
    purchasedAt,
    visibleAt: purchasedAt,
    orderId,
  });
  ctx.store.put('subscription', customer.id, id, record);
  const currency = ctx.catalog.currency(customer.country);
  ctx.store.put('order', customer.id, orderId, {
    id: orderId,
    alternateId: orderId.slice(0, 12),
    customerId: customer.id,
    billingCycle,
    currencyCode: currency.code,
    currencySymbol: currency.symbol,
    creationDate: iso(purchasedAt),
    completesAt: iso(purchasedAt),
    transactionType: 'UserPurchase',
    lineItems: [
      {
        lineItemNumber: 0,
        kind: entry.product.kind,
        offerId: entry.catalogItemId,
        productId: entry.product.id,
        skuId: entry.sku.id,
        quantity: purchase.quantity,
        ...(term === undefined ? {} : { termDuration: term }),
        billingCycle,
        friendlyName: record.friendlyName,
        provisioningContext: {},
        subscriptionId: id,
      },
    ],
    etag: newEtag(),
  });
  const order = ctx.store.get('order', customer.id, orderId);
  if (order !== undefined) recordOrderCreated(ctx, PORTAL_ACTOR, order);
  return record;
}

/** The inspector over the store plus the server's request log. */
export function createInspector(
  ctx: SandboxContext,
  log: RequestLogEntry[],
  counts: Map<string, number>,
): SandboxInspector {
  const scoped = <K extends 'subscription' | 'order' | 'cart' | 'registration' | 'entitlement'>(
    kind: K,
    customerId?: string,
  ) =>
    customerId === undefined ? ctx.store.all(kind) : ctx.store.list(kind, customerId.toLowerCase());
  return {
    customers: () => ctx.store.all('customer'),
    customer: (id) => ctx.store.get('customer', id.toLowerCase(), id.toLowerCase()),
    subscriptions: (customerId) => {
      if (customerId === undefined) settleAll(ctx);
      else ctx.store.transaction(() => settleCustomer(ctx, customerId.toLowerCase()));
      return scoped('subscription', customerId);
    },
    orders: (customerId) => scoped('order', customerId),
    carts: (customerId) => scoped('cart', customerId),
    registrations: (customerId) => scoped('registration', customerId),
    entitlements: (customerId) => scoped('entitlement', customerId),
    requests: () => [...log],
    callCounts: () => Object.fromEntries(counts),
    resetLog: () => {
      log.length = 0;
      counts.clear();
    },
  };
}
