import {
  DEFAULT_POLICY,
  type Binding,
  type CatalogSku,
  type CatalogView,
  type CustomerId,
  type DesiredCustomer,
  type InFlightPurchase,
  type ItemKey,
  type LiveSubscription,
  type ObservedCustomer,
  type Policy,
  type PurchaseItem,
  type SubscriptionId,
  type SubscriptionItem,
} from '../../src/model/index.js';
import type { PlanInput } from '../../src/planner/index.js';

/** Test-data builders for planner tests: sensible defaults, override what the case is about. */

/** Overrides where `undefined` removes an optional field. */
export type Overrides<T> = { [K in keyof T]?: T[K] | undefined };

function merge<T extends object>(defaults: T, overrides: Overrides<T>): T {
  const out = { ...defaults } as Record<string, unknown>;
  for (const [name, value] of Object.entries(overrides)) {
    if (value === undefined) delete out[name];
    else out[name] = value;
  }
  return out as T;
}

export const NOW = new Date('2026-03-01T12:00:00.000Z');
export const CUSTOMER = 'c0000000-0000-4000-8000-000000000001' as CustomerId;
export const SUB_A = 'a0000000-0000-4000-8000-00000000000a' as SubscriptionId;
export const SUB_B = 'b0000000-0000-4000-8000-00000000000b' as SubscriptionId;
export const AZURE_SUB = 'e0000000-0000-4000-8000-00000000000e';

export const key = (value: string): ItemKey => value as ItemKey;
export const subId = (n: number): SubscriptionId =>
  `5${n.toString(16).padStart(7, '0')}-0000-4000-8000-000000000000` as SubscriptionId;
export const hoursFromNow = (hours: number): string =>
  new Date(NOW.getTime() + hours * 3_600_000).toISOString();

export function aSubscriptionItem(overrides: Overrides<SubscriptionItem> = {}): SubscriptionItem {
  return merge<SubscriptionItem>(
    {
      key: key('m365'),
      product: 'PROD1',
      sku: '0001',
      term: 'P1Y',
      billing: 'monthly',
      ensure: 'present',
      quantity: 10,
      autoRenew: true,
      source: { file: 'specs/contoso.yaml', line: 1, col: 1 },
    },
    overrides,
  );
}

export function aReservation(overrides: Overrides<PurchaseItem> = {}): PurchaseItem {
  return merge<PurchaseItem>(
    {
      key: key('vm-reservation'),
      kind: 'azure-reservation',
      product: 'RES1',
      sku: '0059',
      quantity: 2,
      term: 'P1Y',
      billing: 'one_time',
      azureSubscriptionId: AZURE_SUB,
      scope: 'shared',
      region: 'eastus',
      source: { file: 'specs/contoso.yaml', line: 20, col: 3 },
    },
    overrides,
  );
}

export function aSoftware(overrides: Overrides<PurchaseItem> = {}): PurchaseItem {
  return merge<PurchaseItem>(
    {
      key: key('sql-server'),
      kind: 'software',
      product: 'SOFT1',
      sku: '0001',
      quantity: 4,
      billing: 'one_time',
      source: { file: 'specs/contoso.yaml', line: 30, col: 3 },
    },
    overrides,
  );
}

export function aCustomer(overrides: Overrides<DesiredCustomer> = {}): DesiredCustomer {
  return merge<DesiredCustomer>(
    {
      id: CUSTOMER,
      name: 'Contoso',
      country: 'US',
      file: 'specs/contoso.yaml',
      subscriptions: [],
      purchases: [],
    },
    overrides,
  );
}

export function aLiveSubscription(overrides: Overrides<LiveSubscription> = {}): LiveSubscription {
  return merge<LiveSubscription>(
    {
      id: SUB_A,
      customerId: CUSTOMER,
      offerId: 'PROD1:0001:AV1',
      productId: 'PROD1',
      skuId: '0001',
      friendlyName: 'Product one',
      quantity: 10,
      status: 'active',
      autoRenewEnabled: true,
      termDuration: 'P1Y',
      billingCycle: 'monthly',
      creationDate: '2025-06-01T00:00:00.000Z',
      commitmentEndDate: '2026-05-31',
      cancellationAllowedUntilDate: hoursFromNow(-24 * 200),
      refundableQuantity: { totalQuantity: 0, details: [] },
    },
    overrides,
  );
}

export function anObservedCustomer(overrides: Overrides<ObservedCustomer> = {}): ObservedCustomer {
  return merge<ObservedCustomer>(
    { customerId: CUSTOMER, observedAt: NOW.toISOString(), subscriptions: [] },
    overrides,
  );
}

export function aBinding(overrides: Overrides<Binding> = {}): Binding {
  return merge<Binding>(
    {
      customerId: CUSTOMER,
      item: key('m365'),
      kind: 'subscription',
      subscriptionId: SUB_A,
      boundAt: '2025-06-01T00:00:00.000Z',
    },
    overrides,
  );
}

export function anInFlight(overrides: Overrides<InFlightPurchase> = {}): InFlightPurchase {
  return merge<InFlightPurchase>(
    {
      customerId: CUSTOMER,
      item: key('m365'),
      actionKey: 'purchase:0123456789abcdef' as InFlightPurchase['actionKey'],
      orderIds: ['order-1' as InFlightPurchase['orderIds'][number]],
      since: hoursFromNow(-0.1),
    },
    overrides,
  );
}

export function aSku(overrides: Overrides<CatalogSku> = {}): CatalogSku {
  return merge<CatalogSku>(
    {
      productId: 'PROD1',
      skuId: '0001',
      title: 'Product one',
      productKind: 'license',
      minimumQuantity: 1,
      maximumQuantity: 300,
      purchasePrerequisites: [],
      provisioningVariables: [],
      isTrial: false,
    },
    overrides,
  );
}

/** A catalog view for one country selling each SKU with the given term/billing pairs. */
export function aCatalogView(
  entries: readonly { sku: CatalogSku; terms?: readonly [string, string][] }[],
  country = 'US',
): CatalogView {
  return {
    skus: entries.map((e) => e.sku),
    availabilities: entries.map((e) => ({
      id: `AV-${e.sku.productId}-${e.sku.skuId}`,
      productId: e.sku.productId,
      skuId: e.sku.skuId,
      catalogItemId: `${e.sku.productId}:${e.sku.skuId}:AV-${e.sku.productId}-${e.sku.skuId}`,
      country,
      terms: (
        e.terms ?? [
          ['P1Y', 'monthly'],
          ['P1Y', 'annual'],
          ['P1M', 'monthly'],
          ['P1Y', 'one_time'],
        ]
      ).map(([duration, billingCycle]) => ({ duration, billingCycle })),
    })),
  };
}

/** The default catalog: PROD1 (license), RES1 (reservation needing registration + inventory check), SOFT1. */
export function aDefaultCatalog(): Map<string, CatalogView> {
  return new Map([
    [
      'US',
      aCatalogView([
        { sku: aSku() },
        { sku: aSku({ productId: 'PROD2', skuId: '0001', title: 'Product two' }) },
        { sku: aSku({ productId: 'ADDON', skuId: '0001', title: 'Add-on', addOnOf: ['PROD1'] }) },
        {
          sku: aSku({
            productId: 'RES1',
            skuId: '0059',
            title: 'Reserved VM',
            productKind: 'azure-reservation',
            maximumQuantity: 50,
            purchasePrerequisites: ['InventoryCheck', 'AzureSubscriptionRegistration'],
            provisioningVariables: ['SubscriptionId', 'Scope', 'Duration'],
          }),
          terms: [
            ['P1Y', 'one_time'],
            ['P3Y', 'one_time'],
          ],
        },
        {
          sku: aSku({
            productId: 'SOFT1',
            skuId: '0001',
            title: 'Software one',
            productKind: 'software',
          }),
          terms: [['P1Y', 'one_time']],
        },
      ]),
    ],
  ]);
}

export const PERMISSIVE_POLICY: Policy = {
  autoApply: [],
  limits: {
    maxSeatIncrease: 1_000_000,
    maxNewPurchases: 1_000_000,
    maxCancellations: 1_000_000,
    maxShrinkingItems: { kind: 'share', percent: 100 },
  },
};

export function aPlanInput(
  overrides: Partial<PlanInput> & { customer?: DesiredCustomer; live?: ObservedCustomer } = {},
): PlanInput {
  const { customer, live, ...rest } = overrides;
  return {
    desired: { customers: [customer ?? aCustomer()] },
    observed: { customers: [live ?? anObservedCustomer()], failures: [] },
    bindings: [],
    inFlight: [],
    catalog: aDefaultCatalog(),
    policy: PERMISSIVE_POLICY,
    now: NOW,
    basis: { stateSerial: 1 },
    ...rest,
  };
}

export { DEFAULT_POLICY };
