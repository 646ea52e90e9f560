import { openRefundBlocks, refundWindowMs } from '../engine/subscription-factory.js';
import type { SandboxDialect } from '../options.js';
import type { SubscriptionRecord } from '../store/records.js';
import { link, type JsonObject } from '../wire.js';
import { pascalEnum } from './enum-case.js';
import { productTypeOf } from './product-type.js';

/**
 * A Subscription as Partner Center returns it (docs/partner-center-api.md §5.1): camelCase,
 * `offerId = productId:skuId:availabilityId`, `attributes { objectType, etag }`. Subscriptions
 * with refund windows (NCE licences, SaaS) carry `refundOptions` as the documented NCE example
 * (https://learn.microsoft.com/en-us/partner-center/developer/get-a-subscription-by-id):
 * `[{ type: 'Full', expiresAt }]` while seats are refundable (`expiresAt` = the latest open
 * block's end), `[]` once the window is closed. `partnerId: ""`, `attentionNeeded` and
 * `actionTaken` as in that example. The `extended` dialect adds the SDK model's
 * `refundableQuantity` (open blocks only), `cancellationAllowedUntilDate` and `actions`.
 */
export function renderSubscription(
  record: SubscriptionRecord,
  now: Date,
  dialect: SandboxDialect = 'extended',
): JsonObject {
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
    ...(dialect === 'extended' ? { cancellationAllowedUntilDate: cancelUntil } : {}),
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
    // As the NCE example prints them: no partner of record, nothing flagged.
    partnerId: '',
    attentionNeeded: false,
    actionTaken: false,
    ...(dialect === 'extended'
      ? {
          actions:
            record.status === 'active'
              ? cancelUntil === null
                ? ['edit']
                : ['edit', 'cancel']
              : [],
        }
      : {}),
    ...(refundWindowMs(record.kind) > 0 ? { refundOptions: refundOptionsOf(blocks) } : {}),
    ...(dialect === 'extended'
      ? {
          refundableQuantity: {
            totalQuantity: blocks.reduce((sum, block) => sum + block.quantity, 0),
            details: blocks.map((block) => ({
              quantity: block.quantity,
              allowedUntilDateTime: block.allowedUntilDateTime,
            })),
          },
        }
      : {}),
    ...(s === null
      ? {}
      : {
          scheduledNextTermInstructions: {
            product: {
              productId: s.productId,
              skuId: s.skuId,
              availabilityId: s.availabilityId,
              // PascalCase in the documented examples (docs/partner-center-api.md §0.2).
              billingCycle: dialect === 'documented' ? pascalEnum(s.billingCycle) : s.billingCycle,
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

/** `refundOptions`: one `Full` option until the latest open refund block ends, else `[]`. */
function refundOptionsOf(blocks: SubscriptionRecord['refundBlocks']): JsonObject[] {
  if (blocks.length === 0) return [];
  const latest = Math.max(...blocks.map((block) => new Date(block.allowedUntilDateTime).getTime()));
  return [{ type: 'Full', expiresAt: new Date(latest).toISOString() }];
}
