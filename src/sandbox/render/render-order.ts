import type { SandboxDialect } from '../options.js';
import type { CartRecord, EntitlementRecord, OrderRecord } from '../store/records.js';
import { link, type JsonObject } from '../wire.js';

export function isOrderCompleted(order: OrderRecord, now: Date): boolean {
  return new Date(order.completesAt) <= now;
}

/**
 * An Order with the fields of the documented examples
 * (https://learn.microsoft.com/en-us/partner-center/developer/get-an-order-by-id,
 * https://learn.microsoft.com/en-us/partner-center/developer/checkout-a-cart): `referenceCustomerId`,
 * `billingCycle`, `lineItems[].{lineItemNumber, offerId, subscriptionId, termDuration,
 * transactionType, friendlyName, quantity, links}`, `creationDate`, `status`, `transactionType`,
 * `links`, `attributes`. `status` is `pending` until the provisioning delay has passed, then
 * `completed`; line items gain `subscriptionId` only then. The `extended` dialect adds each
 * line's `billingCycle` and `provisioningContext`, a `patchOperation` link and the etag.
 */
export function renderOrder(
  order: OrderRecord,
  now: Date,
  dialect: SandboxDialect = 'extended',
): JsonObject {
  const completed = isOrderCompleted(order, now);
  const extended = dialect === 'extended';
  const base = `/customers/${order.customerId}/orders/${order.id}`;
  return {
    id: order.id,
    alternateId: order.alternateId,
    referenceCustomerId: order.customerId,
    billingCycle: order.billingCycle,
    currencyCode: order.currencyCode,
    currencySymbol: order.currencySymbol,
    lineItems: order.lineItems.map((line) => ({
      lineItemNumber: line.lineItemNumber,
      offerId: line.offerId,
      ...(completed && line.subscriptionId !== undefined
        ? { subscriptionId: line.subscriptionId }
        : {}),
      ...(line.termDuration === undefined ? {} : { termDuration: line.termDuration }),
      ...(extended ? { billingCycle: line.billingCycle } : {}),
      transactionType: 'New',
      // Orders stored before friendlyName was always set fall back to the offer id.
      friendlyName: line.friendlyName ?? line.offerId,
      quantity: line.quantity,
      ...(line.partnerIdOnRecord === undefined
        ? {}
        : { partnerIdOnRecord: line.partnerIdOnRecord }),
      ...(extended ? { provisioningContext: line.provisioningContext } : {}),
      // OrderLineItem.PromotionId (.NET SDK); no documented order prints one.
      ...(line.promotion === undefined ? {} : { promotionId: line.promotion.id }),
      // OrderLineItem.CustomTermEndDate (.NET SDK, DateTime?, omitted when null).
      ...(line.customTermEndDate === undefined
        ? {}
        : { customTermEndDate: line.customTermEndDate }),
      links: {
        product: link(`/products/${line.productId}`),
        sku: link(`/products/${line.productId}/skus/${line.skuId}`),
        availability: link(
          `/products/${line.productId}/skus/${line.skuId}/availabilities/${line.offerId.split(':')[2] ?? ''}`,
        ),
        provisioningStatus: link(`${base}/provisioningstatus`),
        ...(completed && line.subscriptionId !== undefined
          ? {
              subscription: link(
                `/customers/${order.customerId}/subscriptions/${line.subscriptionId}`,
              ),
            }
          : {}),
        ...(line.kind === 'saas'
          ? { activationLinks: link(`${base}/lineitems/${line.lineItemNumber}/activationlinks`) }
          : {}),
      },
    })),
    creationDate: order.creationDate,
    status: completed ? 'completed' : 'pending',
    transactionType: order.transactionType,
    links: {
      self: link(base),
      provisioningStatus: link(`${base}/provisioningstatus`),
      ...(extended ? { patchOperation: link(base, 'PATCH') } : {}),
    },
    attributes: extended ? { objectType: 'Order', etag: order.etag } : { objectType: 'Order' },
  };
}

/** A Cart (docs/partner-center-api.md §3.1). */
export function renderCart(cart: CartRecord): JsonObject {
  return {
    id: cart.id,
    creationTimestamp: cart.creationTimestamp,
    lastModifiedTimestamp: cart.lastModifiedTimestamp,
    expirationTimestamp: cart.expirationTimestamp,
    lastModifiedUser: '00000000-0000-0000-0000-00000000c0de',
    status: cart.status,
    lineItems: cart.lineItems.map((line) => ({
      id: line.id,
      catalogItemId: line.catalogItemId,
      quantity: line.quantity,
      currencyCode: line.currencyCode,
      billingCycle: line.billingCycle,
      ...(line.termDuration === undefined ? {} : { termDuration: line.termDuration }),
      ...(line.friendlyName === undefined ? {} : { friendlyName: line.friendlyName }),
      participants: line.participants,
      provisioningContext: line.provisioningContext,
      orderGroup: line.orderGroup,
      ...(line.promotionId === undefined ? {} : { promotionId: line.promotionId }),
      // CartLineItem.CustomTermEndDate, echoed as sent.
      ...(line.customTermEndDate === undefined
        ? {}
        : { customTermEndDate: line.customTermEndDate }),
      ...(line.error === undefined ? {} : { error: line.error }),
    })),
    links: { self: link(`/customers/${cart.customerId}/carts/${cart.id}`) },
    attributes: { objectType: 'Cart', etag: cart.etag },
  };
}

/** An Entitlement (docs/partner-center-api.md §6.3); `expiryDate` only when asked for. */
export function renderEntitlement(record: EntitlementRecord, showExpiry: boolean): JsonObject {
  return {
    referenceOrder: {
      id: record.orderId,
      lineItemId: String(record.lineItemNumber),
      alternateId: record.orderId.slice(0, 12),
    },
    productId: record.productId,
    skuId: record.skuId,
    quantity: record.quantity,
    quantityDetails: [{ quantity: record.quantity, status: 'Fulfilled' }],
    entitlementType: record.entitlementType,
    fulfillmentState: 'Fulfilled',
    includedEntitlements: [],
    entitledArtifacts:
      record.reservationId === undefined
        ? []
        : [
            {
              artifactType: 'reservedinstance',
              resourceId: record.reservationId,
              link: link(
                `/customers/${record.customerId}/artifacts/reservedinstance/groups/${record.orderId}/lineitems/${record.lineItemNumber}/resource/${record.reservationId}`,
              ),
            },
          ],
    // On the entitlement, not its artifact, as in get-a-collection-of-entitlements.
    ...(record.reservationId === undefined
      ? {}
      : { dynamicAttributes: { reservationType: 'virtualmachines' } }),
    ...(showExpiry && record.expiryDate !== undefined ? { expiryDate: record.expiryDate } : {}),
    attributes: { objectType: 'Entitlement' },
  };
}
