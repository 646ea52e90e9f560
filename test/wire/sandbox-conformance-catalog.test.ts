/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-return -- conformance tests read wire JSON loosely and compare its shape. */
/**
 * Suite 3, catalog: the sandbox answers the catalog endpoints (products, SKUs, availabilities,
 * customer-scoped, reservation and NCE variants, check-inventory) in the shape of Microsoft's
 * documented examples (test/wire/corpus/catalog), in both dialects.
 */
import { describe, it } from 'vitest';
import { CONTOSO, CONTOSO_AZURE_PLAN, boot } from '../sandbox/helpers.js';
import { check, documentedResources, type ConformanceOptions } from './shape.js';

const NCE = { product: 'CFQ7TTC0LH18', sku: '0001' };
const RESERVATION = { product: 'DZH318Z0BQ4T', sku: '0059' };
const AZURE_PLAN = { product: 'DZH318Z0BPS6', sku: '0001' };

/** Documented NCE SKU attributes the sandbox catalog has no data for. */
const NCE_SKU_OMIT = {
  '**.dynamicAttributes.provisioningId': 'service-side provisioning GUID; nothing reads it',
  '**.dynamicAttributes.upgradeTargetOffers[]': 'the seed catalog defines no upgrade paths ([])',
};

/** Descriptive VM attributes of the documented reservation SKU; the seed carries armSkuName/armRegionName only. */
const RESERVATION_SKU_OMIT = Object.fromEntries(
  ['cores', 'ram', 'skuDisplayName', 'category', 'duration', 'region', 'diskType'].map((key) => [
    `**.dynamicAttributes.${key}`,
    'descriptive VM attribute; the seed catalog holds armSkuName/armRegionName only',
  ]),
);

describe.each(['extended', 'documented'] as const)('catalog in the %s dialect', (dialect) => {
  const strict = dialect === 'documented';

  it('products: by id, list, customer-scoped list (NCE and reservation variants)', async () => {
    const { api } = await boot({ dialect });
    check(
      'catalog/get-a-product-by-id.response.nce.json',
      await api.get(`/v1/products/${NCE.product}?country=US`),
    );
    check(
      'catalog/get-a-product-by-id.response.azure-reservation.json',
      await api.get(`/v1/products/${RESERVATION.product}?country=US`),
    );
    check(
      'catalog/get-a-list-of-products.response.nce.json',
      await api.get('/v1/products?country=US&targetView=OnlineServices'),
    );
    check(
      'catalog/get-a-list-of-products.response.azure-reservation.json',
      await api.get(
        '/v1/products?country=US&targetView=AzureReservationsVM&reservationScope=AzurePlan',
      ),
    );
    check(
      'catalog/get-a-list-of-products-by-customer.response.nce.json',
      await api.get(`/v1/customers/${CONTOSO}/products?targetView=OnlineServices`),
    );
    // The page prints a SKU collection here (self link `/products/all/skus`); its second item is
    // the Azure plan SKU, compared with the sandbox's customer-scoped Azure plan SKU list.
    check(
      'catalog/get-a-list-of-products-by-customer.response.azure.json',
      await api.get(`/v1/customers/${CONTOSO}/products/${AZURE_PLAN.product}/skus`),
      {
        documented: (body) => ({ ...body, items: [body.items[1]] }),
        omit: {
          '$.items[].dynamicAttributes.pilotProgram':
            'Azure plan pilot flag; no pilots in the sandbox',
        },
      },
    );
    // The customer-scoped SKU-list page prints the Azure plan *product*.
    check(
      'catalog/get-a-list-of-skus-for-a-product-by-customer.response.azure-plan.json',
      await api.get(`/v1/customers/${CONTOSO}/products/${AZURE_PLAN.product}`),
      { omit: { '$.localizedAttributes': 'localized titles; the sandbox answers one locale' } },
    );
  });

  it('SKUs: by id, list, customer-scoped list (NCE and reservation variants)', async () => {
    const { api } = await boot({ dialect });
    check(
      'catalog/get-a-sku-by-id.response.nce.json',
      await api.get(`/v1/products/${NCE.product}/skus/${NCE.sku}?country=US`),
      { omit: NCE_SKU_OMIT },
    );
    check(
      'catalog/get-a-sku-by-id.response.azure-reservation.json',
      await api.get(`/v1/products/${RESERVATION.product}/skus/${RESERVATION.sku}?country=US`),
      { omit: RESERVATION_SKU_OMIT },
    );
    check(
      'catalog/get-a-list-of-skus-for-a-product.response.nce.json',
      await api.get(`/v1/products/${NCE.product}/skus?country=US`),
      { omit: NCE_SKU_OMIT },
    );
    check(
      'catalog/get-a-list-of-skus-for-a-product.response.azure-reservation.json',
      await api.get(
        `/v1/products/${RESERVATION.product}/skus?country=US&reservationScope=AzurePlan`,
      ),
      { omit: RESERVATION_SKU_OMIT },
    );
    check(
      'catalog/get-a-list-of-skus-for-a-product-by-customer.response.nce.json',
      await api.get(`/v1/customers/${CONTOSO}/products/${NCE.product}/skus`),
      { omit: NCE_SKU_OMIT },
    );
    // The customer-scoped availabilities page prints the Azure plan *SKU*.
    check(
      'catalog/get-a-list-of-availabilities-for-a-sku-by-customer.response.azure-plan.json',
      await api.get(
        `/v1/customers/${CONTOSO}/products/${AZURE_PLAN.product}/skus/${AZURE_PLAN.sku}`,
      ),
      {
        omit: {
          '$.dynamicAttributes.pilotProgram': 'Azure plan pilot flag; no pilots in the sandbox',
        },
      },
    );
  });

  it('availabilities: list, by id, customer-scoped (NCE and reservation variants)', async () => {
    const { api } = await boot({ dialect });
    const availability: ConformanceOptions = {
      strict,
      elsewhere: { at: '$', examples: documentedResources('availability') },
      // The documented examples print term cycles in PascalCase (`"Annual"`); so does the
      // documented dialect. The extended one answers lower case (compared case-insensitively).
      ...(strict
        ? {
            enums: {
              '$.terms[].billingCycle': {
                values: ['Monthly', 'Annual', 'Triennial'],
                caseSensitive: true,
              },
            },
          }
        : {}),
    };
    const items = (body: any) => body.items[0];
    const nceList = await api.get(
      `/v1/products/${NCE.product}/skus/${NCE.sku}/availabilities?country=US`,
    );
    // The NCE list example is a single Availability, not a collection: compared with items[0].
    check('catalog/get-a-list-of-availabilities-for-a-sku.response.nce.json', nceList, {
      ...availability,
      select: items,
    });
    check(
      'catalog/get-an-availability-by-id.response.nce.json',
      await api.get(
        `/v1/products/${NCE.product}/skus/${NCE.sku}/availabilities/${nceList.body.items[0].id}?country=US`,
      ),
      availability,
    );
    check(
      'catalog/get-a-list-of-availabilities-for-a-sku-by-customer.response.nce.json',
      await api.get(
        `/v1/customers/${CONTOSO}/products/${NCE.product}/skus/${NCE.sku}/availabilities`,
      ),
      { ...availability, select: items },
    );
    const reservations = await api.get(
      `/v1/products/${RESERVATION.product}/skus/${RESERVATION.sku}/availabilities?country=US&targetView=AzureReservationsVM&reservationScope=AzurePlan`,
    );
    check(
      'catalog/get-a-list-of-availabilities-for-a-sku.response.azure-reservation.json',
      reservations,
      {
        ...availability,
        elsewhere: { at: '$.items[]', examples: documentedResources('availability') },
      },
    );
    check(
      'catalog/get-an-availability-by-id.response.azure-reservation.json',
      await api.get(
        `/v1/products/${RESERVATION.product}/skus/${RESERVATION.sku}/availabilities/${reservations.body.items[0].id}?country=US`,
      ),
      availability,
    );
  });

  it('check inventory: a bare array of items with restrictions', async () => {
    const { api } = await boot({ dialect });
    const reply = await api.post('/v1/extensions/product/checkinventory?country=US', {
      TargetItems: [{ ProductId: RESERVATION.product, SkuId: '0067' }],
      InventoryContext: {
        customerId: CONTOSO,
        azureSubscriptionId: CONTOSO_AZURE_PLAN,
        armRegionName: 'westindia',
      },
    });
    check('catalog/check-inventory.response.json', reply);
  });
});
