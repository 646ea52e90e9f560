import { openRefundBlocks } from '../engine/subscription-factory.js';
import type { SubscriptionRecord } from '../store/records.js';
import { link, type JsonObject } from '../wire.js';

/** `productType` on the wire per product kind (see docs/sandbox.md). */
export function productTypeOf(kind: string): JsonObject {
  switch (kind) {
    case 'license':
      return { id: 'OnlineServices', displayName: 'OnlineServices' };
    case 'saas':
      return { id: 'SaaS', displayName: 'SaaS' };
    case 'azure-plan':
      return {
        id: 'Azure',
        displayName: 'Azure',
        subType: { id: 'AzurePlan', displayName: 'Azure plan' },
      };
    case 'azure-reservation':
      return {
        id: 'Azure',
        displayName: 'Azure',
        subType: { id: 'ReservedInstance', displayName: 'Reserved VM Instances' },
      };
    case 'software':
      return {
        id: 'Software',
        displayName: 'Software',
        subType: { id: 'Perpetual', displayName: 'Perpetual' },
      };
    default:
      return { id: kind, displayName: kind };
  }
}

/**
 * A Subscription as Partner Center returns it (partner-center-api.md §5.1): camelCase,
 * `offerId = productId:skuId:availabilityId`, `refundableQuantity` with only the blocks still
 * open at `now`, `attributes { objectType, etag }`.
 */
export function renderSubscription(record: SubscriptionRecord, now: Date): JsonObject {
  const base = `/customers/${record.customerId}/subscriptions/${record.id}`;
  const blocks =
    record.status === 'active' || record.status === 'suspended'
      ? openRefundBlocks(record, now)
      : [];
  const cancelUntil =
    record.cancellationAllowedUntilDate !== null &&
    new Date(record.cancellationAllowedUntilDate) > now
      ? record.cancellationAllowedUntilDate
      : null;
  const s = record.scheduled;
  return {
    id: record.id,
    offerId: `${record.productId}:${record.skuId}:${record.availabilityId}`,
    offerName: record.offerName,
    friendlyName: record.friendlyName,
    productType: productTypeOf(record.kind),
    quantity: record.quantity,
    unitType: record.kind === 'azure-plan' ? 'Usage-based' : 'Licenses',
    ...(record.parentSubscriptionId === undefined
      ? {}
      : { parentSubscriptionId: record.parentSubscriptionId }),
    ...(record.kind === 'azure-plan' ? { entitlementId: record.id } : {}),
    creationDate: record.creationDate,
    effectiveStartDate: record.effectiveStartDate,
    commitmentEndDate: record.commitmentEndDate ?? '9999-12-31T00:00:00Z',
    cancellationAllowedUntilDate: cancelUntil,
    status: record.status,
    autoRenewEnabled: record.autoRenewEnabled,
    billingType: record.kind === 'azure-plan' ? 'usage' : 'license',
    billingCycle: record.billingCycle,
    ...(record.termDuration === undefined
      ? {}
      : {
          termDuration: record.termDuration,
          renewalTermDuration: s?.termDuration ?? record.termDuration,
        }),
    hasPurchasableAddons: false,
    isTrial: false,
    isMicrosoftProduct: record.kind !== 'saas',
    publisherName: record.publisherName,
    contractType: 'subscription',
    actions:
      record.status === 'active' ? (cancelUntil === null ? ['edit'] : ['edit', 'cancel']) : [],
    refundableQuantity: {
      totalQuantity: blocks.reduce((sum, block) => sum + block.quantity, 0),
      details: blocks.map((block) => ({
        quantity: block.quantity,
        allowedUntilDateTime: block.allowedUntilDateTime,
      })),
    },
    ...(s === null
      ? {}
      : {
          scheduledNextTermInstructions: {
            product: {
              productId: s.productId,
              skuId: s.skuId,
              availabilityId: s.availabilityId,
              billingCycle: s.billingCycle,
              termDuration: s.termDuration,
            },
            quantity: s.quantity,
          },
        }),
    ...(record.orderId === undefined ? {} : { orderId: record.orderId }),
    links: {
      self: link(base),
      product: link(`/products/${record.productId}`),
      sku: link(`/products/${record.productId}/skus/${record.skuId}`),
      availability: link(
        `/products/${record.productId}/skus/${record.skuId}/availabilities/${record.availabilityId}`,
      ),
      ...(record.kind === 'saas' ? { activationLinks: link(`${base}/activationlinks`) } : {}),
      ...(record.parentSubscriptionId === undefined
        ? {}
        : {
            parentSubscription: link(
              `/customers/${record.customerId}/subscriptions/${record.parentSubscriptionId}`,
            ),
          }),
    },
    attributes: { objectType: 'Subscription', etag: record.etag },
  };
}
