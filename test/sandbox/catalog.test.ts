/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-return -- conformance tests read wire JSON loosely and assert its shape. */
import { describe, expect, it } from 'vitest';
import { BRAZIL_CUSTOMER, CONTOSO, boot, expectPcError } from './helpers.js';

describe('catalog routes', () => {
  it('lists license products for a country by targetView, with products the specs use', async () => {
    const { api } = await boot();
    const reply = await api.get('/v1/products?country=US&targetView=OnlineServices');
    expect(reply.status).toBe(200);
    expect(reply.body.attributes).toEqual({ objectType: 'Collection' });
    const ids = reply.body.items.map((p: any) => p.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'CFQ7TTC0LCHC',
        'CFQ7TTC0LH16',
        'CFQ7TTC0LF8Q',
        'CFQ7TTC0J1FV',
        'CFQ7TTC0LH18',
      ]),
    );
    expect(ids).not.toContain('DZH318Z0C5KD');
    expect(reply.body.items[0].productType).toEqual({
      id: 'OnlineServicesNCE',
      displayName: 'OnlineServicesNCE',
    });
    expect(reply.body.totalCount).toBe(reply.body.items.length);
  });

  it('serves SKUs with limits, prerequisites, provisioning variables and the add-on relation', async () => {
    const { api } = await boot();
    const teams = await api.get('/v1/products/CFQ7TTC0J1FV/skus/0001?country=DE');
    expect(teams.body).toMatchObject({
      id: '0001',
      productId: 'CFQ7TTC0J1FV',
      minimumQuantity: 1,
      maximumQuantity: 10000,
      dynamicAttributes: {
        isAddon: true,
        prerequisiteSkus: expect.arrayContaining(['CFQ7TTC0LF8Q:0001']),
      },
      attributes: { objectType: 'Sku' },
    });
    const reservation = await api.get('/v1/products/DZH318Z0BQ4T/skus/0059?country=US');
    expect(reservation.body).toMatchObject({
      supportedBillingCycles: ['one_time', 'monthly'],
      purchasePrerequisites: ['AzureSubscriptionRegistration', 'InventoryCheck'],
      provisioningVariables: ['Scope', 'SubscriptionId'],
      inventoryVariables: ['CustomerId', 'AzureSubscriptionId', 'ArmRegionName'],
      dynamicAttributes: { armSkuName: 'Standard_D2s_v3', armRegionName: 'eastus' },
    });
    const skus = await api.get('/v1/products/CFQ7TTC0LCHC/skus?country=US');
    expect(skus.body.items.map((s: any) => s.id)).toEqual(['0002']);
  });

  it('serves availabilities with terms[] per term and billing cycle; catalog item ids differ per market', async () => {
    const { api } = await boot();
    const us = await api.get('/v1/products/CFQ7TTC0LF8Q/skus/0001/availabilities?country=US');
    const de = await api.get('/v1/products/CFQ7TTC0LF8Q/skus/0001/availabilities?country=DE');
    const item = us.body.items[0];
    expect(item.catalogItemId).toBe(`CFQ7TTC0LF8Q:0001:${item.id}`);
    expect(item.catalogItemId).not.toBe(de.body.items[0].catalogItemId);
    expect(item.defaultCurrency).toEqual({ code: 'USD', symbol: '$' });
    expect(de.body.items[0].defaultCurrency.code).toBe('EUR');
    expect(item.terms.map((t: any) => `${t.duration}/${t.billingCycle}`)).toEqual([
      'P1M/monthly',
      'P1Y/monthly',
      'P1Y/annual',
      'P3Y/monthly',
      'P3Y/annual',
      'P3Y/triennial',
    ]);
    const byId = await api.get(
      `/v1/products/CFQ7TTC0LF8Q/skus/0001/availabilities/${item.id}?country=US`,
    );
    expect(byId.body.catalogItemId).toBe(item.catalogItemId);
    expect(item.terms[1]).toEqual({
      id: expect.any(String),
      duration: 'P1Y',
      description: expect.any(String),
      billingCycle: 'monthly',
      cancellationPolicies: [
        { refundOptions: [{ sequenceId: 0, type: 'Full', expiresAfter: 'P7D' }] },
      ],
    });
    const software = await api.get('/v1/products/DG7GMGF0FKZV/skus/0001/availabilities?country=DE');
    expect(software.body.items[0]).toMatchObject({
      terms: [],
      sku: { supportedBillingCycles: ['one_time'] },
    });
  });

  it('reservation availabilities carry terms without a billing cycle; the SKU gives the cycles', async () => {
    const { api } = await boot();
    const reply = await api.get('/v1/products/DZH318Z0BQ4T/skus/0059/availabilities?country=US');
    const item = reply.body.items[0];
    expect(item.terms).toEqual([
      { duration: 'P1Y', description: '1 Year Prepaid' },
      { duration: 'P3Y', description: '3 Years Prepaid' },
    ]);
    expect(item.isRenewable).toBe(false);
    expect(item.sku.supportedBillingCycles).toEqual(['one_time', 'monthly']);
  });

  it.each([
    ['CFQ7TTC0LH18', { id: 'OnlineServicesNCE', displayName: 'OnlineServicesNCE' }],
    [
      'DZH318Z0BQ4T',
      {
        id: 'Azure',
        displayName: 'Azure',
        subType: { id: 'VirtualMachines', displayName: 'VirtualMachines' },
      },
    ],
    [
      'DZH318Z0BPS6',
      { id: 'Azure', displayName: 'Azure', subType: { id: 'Azure', displayName: 'Azure' } },
    ],
    [
      'DZH318Z0C5KD',
      { id: 'Azure', displayName: 'Azure', subType: { id: 'SaaS', displayName: 'SaaS' } },
    ],
    ['DG7GMGF0FKZV', { id: 'Software', displayName: 'Software' }],
  ])('product %s has the documented productType', async (productId, productType) => {
    const { api } = await boot();
    const reply = await api.get(`/v1/products/${productId}?country=US`);
    expect(reply.body.productType).toEqual(productType);
  });

  it('customer-scoped variants take the country from the customer', async () => {
    const { api } = await boot();
    const reply = await api.get(
      `/v1/customers/${CONTOSO}/products/CFQ7TTC0LH16/skus/0001/availabilities`,
    );
    const plain = await api.get('/v1/products/CFQ7TTC0LH16/skus/0001/availabilities?country=US');
    expect(reply.body.items[0].catalogItemId).toBe(plain.body.items[0].catalogItemId);
    const products = await api.get(
      `/v1/customers/${CONTOSO}/products?targetView=AzureReservations`,
    );
    expect(products.body.items.map((p: any) => p.id)).toEqual(['DZH318Z0BQ4T']);
  });

  it('shows no availability for software and reservations in block-listed markets', async () => {
    const { api } = await boot();
    const reservation = await api.get(
      '/v1/products/DZH318Z0BQ4T/skus/0059/availabilities?country=BR',
    );
    expect(reservation.body).toMatchObject({ totalCount: 0, items: [] });
    const software = await api.get(
      `/v1/customers/${BRAZIL_CUSTOMER}/products/DG7GMGF0FKZV/skus/0001/availabilities`,
    );
    expect(software.body.totalCount).toBe(0);
    const license = await api.get('/v1/products/CFQ7TTC0LH16/skus/0001/availabilities?country=BR');
    expect(license.body.totalCount).toBe(1);
    const listed = await api.get('/v1/products?country=BR&targetView=Software');
    expect(listed.body.items).toEqual([]);
  });

  it('answers 404 with Partner Center codes for unknown products and SKUs, 400 without country', async () => {
    const { api } = await boot();
    expectPcError(await api.get('/v1/products/NOPE?country=US'), 404, 400013);
    expectPcError(await api.get('/v1/products/CFQ7TTC0LH16/skus/9999?country=US'), 404, 400018);
    expectPcError(await api.get('/v1/products?targetView=OnlineServices'), 400, 800002);
  });

  it('checks inventory: restricted SKUs and region mismatches are flagged, unknown items left out', async () => {
    const { api } = await boot();
    const reply = await api.post('/v1/extensions/product/checkInventory?country=US', {
      TargetItems: [
        { ProductId: 'DZH318Z0BQ4T', SkuId: '0059' },
        { ProductId: 'DZH318Z0BQ4T', SkuId: '0067' },
        { ProductId: 'NOPE' },
      ],
      InventoryContext: { CustomerId: CONTOSO, AzureSubscriptionId: 'x', ArmRegionName: 'eastus' },
    });
    expect(reply.status).toBe(200);
    expect(Array.isArray(reply.body)).toBe(true);
    expect(reply.body.map((i: any) => [i.skuId, i.isRestricted])).toEqual([
      ['0059', false],
      ['0067', true],
    ]);
    expect(reply.body[1].restrictions[0]).toMatchObject({
      reasonCode: 'NotAvailableForSubscription',
      properties: { type: 'Location' },
    });
  });
});
