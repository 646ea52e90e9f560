import type {
  CatalogSku,
  CustomerId,
  LiveSubscription,
  SubscriptionId,
} from '../../../src/model/index.js';

/** Builders for the import tests: a customer's live subscriptions and catalog SKUs. */
export const CUSTOMER = '6f1c2a9e-4a7b-4c1e-9a53-0d8e2b7f5c11' as CustomerId;
export const sid = (n: number): SubscriptionId =>
  `00000000-0000-4000-8000-${String(n).padStart(12, '0')}` as SubscriptionId;

export function aLive(n: number, fields: Partial<LiveSubscription> = {}): LiveSubscription {
  const productId = fields.productId ?? 'CFQ7TTC0LH16';
  const skuId = fields.skuId ?? '0001';
  return {
    id: sid(n),
    customerId: CUSTOMER,
    offerId: `${productId}:${skuId}:CFQ7TTC0LH16AV`,
    productId,
    skuId,
    friendlyName: 'Exchange Online (Plan 1)',
    quantity: 10,
    status: 'active',
    autoRenewEnabled: true,
    termDuration: 'P1M',
    billingCycle: 'monthly',
    creationDate: '2026-01-01T00:00:00Z',
    commitmentEndDate: '2026-12-31T00:00:00Z',
    ...fields,
  };
}

export function aSku(
  productId: string,
  skuId: string,
  title: string,
  extra: Partial<CatalogSku> = {},
): CatalogSku {
  return {
    productId,
    skuId,
    title,
    productKind: 'license',
    minimumQuantity: 1,
    maximumQuantity: 300,
    purchasePrerequisites: [],
    provisioningVariables: [],
    isTrial: false,
    ...extra,
  };
}
