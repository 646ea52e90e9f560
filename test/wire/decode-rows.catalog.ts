/** Suite 1 rows: catalog (products, SKUs, availabilities, check-inventory). */
import { expect } from 'vitest';
import { CUSTOMER, row, type DecodeRow } from './harness.js';

const NCE_PRODUCT = {
  file: 'catalog/get-a-product-by-id.response.nce.json',
  at: '/v1/products/CFQ7TTC0LH18?country=US',
};
const NCE_SKU = {
  file: 'catalog/get-a-sku-by-id.response.nce.json',
  at: '/v1/products/CFQ7TTC0LH18/skus/0001?country=US',
};
const VM_PRODUCT = (id: string) => ({
  file: 'catalog/get-a-product-by-id.response.azure-reservation.json',
  at: `/v1/products/${id}?country=US`,
});
const NCE_AVAILABILITY = {
  id: 'CFQ7TTC0K971',
  productId: 'CFQ7TTC0LH18',
  skuId: '0001',
  catalogItemId: 'CFQ7TTC0LH18:0001:CFQ7TTC0K971',
  country: 'US',
  // "Annual" on the wire, normalised.
  terms: [{ duration: 'P1Y', billingCycle: 'annual' }],
};

export const CATALOG_ROWS: readonly DecodeRow[] = [
  row({
    file: 'catalog/get-a-product-by-id.response.nce.json',
    at: NCE_PRODUCT.at,
    call: (c) => c.catalog.product('CFQ7TTC0LH18', 'US'),
    // productType {id: "OnlineServicesNCE"} and no subType → a licence.
    check: (p) =>
      expect(p).toEqual({
        id: 'CFQ7TTC0LH18',
        title: 'Microsoft 365 Business Basic',
        productKind: 'license',
      }),
  }),
  row({
    file: 'catalog/get-a-product-by-id.response.azure-reservation.json',
    at: VM_PRODUCT('DZH318Z0BQ3Q').at,
    call: (c) => c.catalog.product('DZH318Z0BQ3Q', 'US'),
    // productType {id: "Azure", subType: {id: "VirtualMachines"}} → a reservation.
    check: (p) => expect(p).toMatchObject({ id: 'DZH318Z0BQ3Q', productKind: 'azure-reservation' }),
  }),
  row({
    file: 'catalog/get-a-sku-by-id.response.nce.json',
    at: NCE_SKU.at,
    before: [NCE_PRODUCT],
    call: (c) => c.catalog.sku('CFQ7TTC0LH18', '0001', 'US'),
    check: (sku) =>
      expect(sku).toEqual({
        productId: 'CFQ7TTC0LH18',
        skuId: '0001',
        title: 'Microsoft 365 Business Basic',
        productKind: 'license',
        minimumQuantity: 1,
        maximumQuantity: 300,
        purchasePrerequisites: ['MicrosoftCloudAgreement'],
        provisioningVariables: [],
        isTrial: false,
        supportedBillingCycles: ['annual', 'monthly'],
      }),
  }),
  row({
    file: 'catalog/get-a-sku-by-id.response.azure-reservation.json',
    at: '/v1/products/DZH318Z0BQ3V/skus/00G1?country=US',
    before: [VM_PRODUCT('DZH318Z0BQ3V')],
    call: (c) => c.catalog.sku('DZH318Z0BQ3V', '00G1', 'US'),
    check: (sku) =>
      expect(sku).toMatchObject({
        productId: 'DZH318Z0BQ3V',
        skuId: '00G1',
        productKind: 'azure-reservation',
        maximumQuantity: 999999999,
        purchasePrerequisites: ['AzureSubscriptionRegistration', 'InventoryCheck'],
        provisioningVariables: ['Scope', 'SubscriptionId'],
        supportedBillingCycles: ['one_time'],
      }),
  }),
  row({
    file: 'catalog/get-a-list-of-skus-for-a-product.response.nce.json',
    at: '/v1/products/CFQ7TTC0LH18/skus?country=US',
    before: [NCE_PRODUCT],
    call: (c) => c.catalog.skus('CFQ7TTC0LH18', 'US'),
    check: (skus) => {
      expect(skus.map((s) => [s.productId, s.skuId, s.productKind])).toEqual([
        ['CFQ7TTC0LH18', '0001', 'license'],
      ]);
      expect(skus[0]!.supportedBillingCycles).toEqual(['annual', 'monthly']);
    },
  }),
  row({
    file: 'catalog/get-a-list-of-skus-for-a-product.response.azure-reservation.json',
    at: '/v1/products/DZH318Z0BQ5S/skus?country=US',
    before: [VM_PRODUCT('DZH318Z0BQ5S')],
    call: (c) => c.catalog.skus('DZH318Z0BQ5S', 'US'),
    check: (skus) => {
      expect(skus.map((s) => s.skuId)).toEqual(['0001', '0002']);
      for (const sku of skus) {
        expect(sku).toMatchObject({
          productKind: 'azure-reservation',
          supportedBillingCycles: ['one_time'],
        });
        expect(sku.provisioningVariables).toEqual(['Scope', 'SubscriptionId']);
      }
    },
  }),
  row({
    // Printed as ONE Availability object although it is the list endpoint.
    file: 'catalog/get-a-list-of-availabilities-for-a-sku.response.nce.json',
    at: '/v1/products/CFQ7TTC0LH18/skus/0001/availabilities?country=US',
    call: (c) => c.catalog.availabilities('CFQ7TTC0LH18', '0001', { country: 'US' }),
    check: (list) => expect(list).toEqual([NCE_AVAILABILITY]),
  }),
  row({
    file: 'catalog/get-a-list-of-availabilities-for-a-sku.response.azure-reservation.json',
    at: '/v1/products/DZH318Z0BQ3Q/skus/0001/availabilities?country=US',
    call: (c) => c.catalog.availabilities('DZH318Z0BQ3Q', '0001', { country: 'US' }),
    // {duration, description} only: the term names no billing cycle, and none is invented.
    check: (list) =>
      expect(list).toEqual([
        {
          id: 'DZH318XZXVNF',
          productId: 'DZH318Z0BQ3Q',
          skuId: '0001',
          catalogItemId: 'DZH318Z0BQ3Q:0001:DZH318XZXVNF',
          country: 'US',
          terms: [{ duration: 'P1Y' }],
        },
      ]),
  }),
  row({
    // Customer-scoped route, no country in the query; again a single Availability object.
    file: 'catalog/get-a-list-of-availabilities-for-a-sku-by-customer.response.nce.json',
    at: `/v1/customers/${CUSTOMER}/products/CFQ7TTC0LH18/skus/0001/availabilities`,
    call: (c) =>
      c.catalog.availabilities('CFQ7TTC0LH18', '0001', { country: 'US', customerId: CUSTOMER }),
    check: (list) => expect(list).toEqual([NCE_AVAILABILITY]),
  }),
  row({
    // The docs printed a SKU body (no catalogItemId, no items) under this heading: it is not an
    // Availability, so it yields none rather than an availability invented from a SKU.
    file: 'catalog/get-a-list-of-availabilities-for-a-sku-by-customer.response.azure-plan.json',
    at: `/v1/customers/${CUSTOMER}/products/DZH318Z0BPS6/skus/0001/availabilities`,
    call: (c) =>
      c.catalog.availabilities('DZH318Z0BPS6', '0001', { country: 'US', customerId: CUSTOMER }),
    check: (list) => expect(list).toEqual([]),
  }),
  row({
    // Reservation purchase resolution: the term has no cycle, the SKU's one_time supplies it.
    file: 'catalog/get-a-list-of-availabilities-for-a-sku.response.azure-reservation.json',
    at: '/v1/products/DZH318Z0BQ3Q/skus/0001/availabilities?country=US',
    before: [
      VM_PRODUCT('DZH318Z0BQ3Q'),
      {
        file: 'catalog/get-a-sku-by-id.response.azure-reservation.json',
        at: '/v1/products/DZH318Z0BQ3Q/skus/0001?country=US',
      },
    ],
    call: (c) =>
      c.catalog.resolveCatalogItem({
        country: 'US',
        productId: 'DZH318Z0BQ3Q',
        skuId: '0001',
        term: 'P1Y',
        billing: 'one_time',
      }),
    check: (resolved) => {
      expect(resolved).toMatchObject({
        availabilityId: 'DZH318XZXVNF',
        catalogItemId: 'DZH318Z0BQ3Q:0001:DZH318XZXVNF',
        sku: { productKind: 'azure-reservation', supportedBillingCycles: ['one_time'] },
      });
    },
  }),
  row({
    file: 'catalog/get-a-list-of-availabilities-for-a-sku.response.nce.json',
    at: '/v1/products/CFQ7TTC0LH18/skus/0001/availabilities?country=US',
    before: [NCE_PRODUCT, NCE_SKU],
    call: (c) =>
      c.catalog.resolveCatalogItem({
        country: 'US',
        productId: 'CFQ7TTC0LH18',
        skuId: '0001',
        term: 'P1Y',
        billing: 'Annual',
      }),
    check: (resolved) =>
      expect(resolved).toMatchObject({
        availabilityId: 'CFQ7TTC0K971',
        catalogItemId: 'CFQ7TTC0LH18:0001:CFQ7TTC0K971',
      }),
  }),
  row({
    // A bare JSON array, at the lower-case documented path.
    file: 'catalog/check-inventory.response.json',
    at: '/v1/extensions/product/checkinventory?country=US',
    call: (c) =>
      c.inventory.check('US', {
        targetItems: [{ productId: 'DZH318Z0BQ3P' }],
        inventoryContext: {
          customerId: CUSTOMER,
          azureSubscriptionId: 'a',
          armRegionName: 'Europe',
        },
      }),
    check: (items) => {
      expect(items.map((i) => [i.skuId, i.isRestricted])).toEqual([
        ['0039', true],
        ['0038', true],
        ['000S', false],
        ['0011', false],
      ]);
      expect(items[0]!.restrictions).toEqual([
        {
          reasonCode: 'NotAvailableForSubscription',
          description: "Restriction identified of type 'Location' with values 'japanwest'.",
        },
      ]);
    },
  }),
];
