import type {
  ClassifiedFailure,
  FailureClass,
  PartnerCenterPort,
  SubscriptionChange,
} from '../applier/index.js';
import type { CustomerId } from '../model/index.js';
import {
  PartnerCenterError,
  POLL_TIMEOUT_CODE,
  type ErrorKind,
  type PartnerCenterClient,
  type SubscriptionChange as ClientChange,
} from '../partnercenter/index.js';
import { OperationalError } from '../support/index.js';

/** What each client error kind means for money (see applier/ports.ts `FailureClass`). */
const FAILURE_CLASS: Readonly<Partial<Record<ErrorKind, FailureClass>>> = {
  'order-in-progress': 'in-progress',
  'cart-in-progress': 'in-progress',
  'cart-already-submitted': 'outcome-unknown',
  network: 'outcome-unknown',
  timeout: 'outcome-unknown',
  'malformed-response': 'outcome-unknown',
  'server-error': 'outcome-unknown',
  throttled: 'outcome-unknown',
};

/** The one classifier the applier consults; everything else a 4xx says is a refusal. */
export function classifyGatewayFailure(error: unknown): ClassifiedFailure {
  if (error instanceof PartnerCenterError) {
    const failureClass =
      error.code === POLL_TIMEOUT_CODE ? 'in-progress' : (FAILURE_CLASS[error.kind] ?? 'refused');
    return {
      class: failureClass,
      code: error.code,
      message: `${error.message} (Partner Center ${error.code}, HTTP ${error.status}, request ${error.requestId})`,
    };
  }
  if (error instanceof OperationalError) {
    return { class: 'refused', code: error.code, message: error.message };
  }
  // An unexpected error may have struck after the request was sent: assume nothing.
  const message = error instanceof Error ? error.message : String(error);
  return { class: 'outcome-unknown', code: 'internal', message };
}

/** Adapts the typed client to the applier's `PartnerCenterPort`. */
export function createPartnerCenterGateway(client: PartnerCenterClient): PartnerCenterPort {
  return {
    resolveCatalogItem: (query) => client.catalog.resolveCatalogItem(query),
    async checkInventory(customerId, query) {
      const items = await client.inventory.check(query.country, {
        targetItems: [{ productId: query.productId, skuId: query.skuId }],
        inventoryContext: { customerId, ...query.context },
      });
      const restricted = items.find((i) => i.isRestricted);
      return restricted === undefined
        ? { available: true }
        : {
            available: false,
            detail: restricted.restrictions
              .map((r) => `${r.reasonCode}: ${r.description}`)
              .join('; '),
          };
    },
    async createCart(customerId, lines, requestId) {
      const cart = await client.carts.create(
        customerId,
        { lineItems: lines.map((line, index) => ({ id: index, ...line })) },
        { requestId },
      );
      return {
        id: cart.id,
        lineErrors: cart.lineItems.flatMap((line) =>
          line.error === undefined
            ? []
            : [{ lineItemId: line.id, code: line.error.code, description: line.error.description }],
        ),
      };
    },
    async checkout(customerId, cartId, requestId) {
      const result = await client.carts.checkout(customerId, cartId, { requestId });
      return {
        orders: result.orders,
        orderErrors: result.orderErrors.map((e) => ({ code: e.code, description: e.description })),
      };
    },
    listSubscriptionsByOrder: (customerId, orderId) =>
      client.subscriptions.listByOrder(customerId, orderId),
    getSubscription: (customerId, subscriptionId) =>
      client.subscriptions.get(customerId, subscriptionId),
    async updateSubscription(customerId, subscriptionId, change, requestId) {
      const result = await client.subscriptions.update(
        customerId,
        subscriptionId,
        toClientChange(change),
        { requestId },
      );
      return result.subscription;
    },
    createTransition: (customerId, subscriptionId, request, requestId) =>
      client.transitions.create(customerId, subscriptionId, request, { requestId }),
    async registerAzureSubscription(customerId, azureSubscriptionId, requestId) {
      await client.registrations.register(customerId, azureSubscriptionId, { requestId });
    },
    async getRegistrationStatus(customerId, azureSubscriptionId) {
      return (await client.registrations.status(customerId, azureSubscriptionId)).status;
    },
    async getActivationLinks(customerId: CustomerId, orderId, lineItemNumber) {
      return (await client.activationLinks.byLineItem(customerId, orderId, lineItemNumber)).map(
        (l) => l.uri,
      );
    },
    classifyFailure: classifyGatewayFailure,
  };
}

/** The applier sends one field per change; the client takes exactly one. */
function toClientChange(change: SubscriptionChange): ClientChange {
  if (change.quantity !== undefined) return { kind: 'quantity', quantity: change.quantity };
  if (change.autoRenewEnabled !== undefined)
    return { kind: 'auto-renew', enabled: change.autoRenewEnabled };
  if (change.status !== undefined) return { kind: 'status', status: change.status };
  if (change.scheduledNextTermInstructions === null) return { kind: 'clear-scheduled-next-term' };
  if (change.scheduledNextTermInstructions !== undefined) {
    return { kind: 'scheduled-next-term', instructions: change.scheduledNextTermInstructions };
  }
  throw new OperationalError('empty-change', 'a subscription change must set one field');
}
