/* eslint-disable @typescript-eslint/no-explicit-any -- conformance tests read wire JSON loosely and assert its shape. */
import { describe, expect, it } from 'vitest';
import { CONTOSO, CONTOSO_PREMIUM, DAY, boot, expectPcError, type Api } from './helpers.js';

const path = (id: string) => `/v1/customers/${CONTOSO}/subscriptions/${id}`;

async function patch(api: Api, id: string, change: Record<string, unknown>) {
  const current = await api.get(path(id));
  return api.patch(
    path(id),
    { ...current.body, ...change },
    { headers: { 'If-Match': `"${current.body.attributes.etag}"` } },
  );
}

describe.each(['extended', 'documented'] as const)('refund window in the %s dialect', (dialect) => {
  it('renders refundOptions while seats are refundable, [] after; same 800090/900117 rules', async () => {
    const { api, sandbox } = await boot({ dialect });
    const sub = await api.buyLicense(CONTOSO, 'CFQ7TTC0LH16', '0001', 10, 'P1Y');
    expect(sub.refundOptions).toEqual([{ type: 'Full', expiresAt: '2026-03-09T10:00:00.000Z' }]);
    sandbox.clock.advance(2 * DAY);
    const up = await patch(api, sub.id, { quantity: 14 });
    expect(up.status).toBe(200);
    expect(up.body.refundOptions).toEqual([
      { type: 'Full', expiresAt: '2026-03-11T10:00:00.000Z' },
    ]);
    sandbox.clock.advance(5 * DAY + 1);
    const partly = (await api.get(path(sub.id))).body;
    expect(partly.refundOptions).toEqual([{ type: 'Full', expiresAt: '2026-03-11T10:00:00.000Z' }]);
    expectPcError(await patch(api, sub.id, { quantity: 9 }), 400, 800090);
    expectPcError(await patch(api, sub.id, { status: 'deleted' }), 400, 900117);
    sandbox.clock.advance(2 * DAY);
    const closed = (await api.get(path(sub.id))).body;
    expect(closed.refundOptions).toEqual([]);
    expect(closed.quantity).toBe(14);
    if (dialect === 'extended') {
      expect(closed).toMatchObject({
        refundableQuantity: { totalQuantity: 0, details: [] },
        cancellationAllowedUntilDate: null,
      });
      expect(partly.refundableQuantity.totalQuantity).toBe(4);
    } else {
      for (const body of [sub, up.body, partly, closed]) {
        expect(body).not.toHaveProperty('refundableQuantity');
        expect(body).not.toHaveProperty('cancellationAllowedUntilDate');
      }
    }
  });
});

describe('the documented dialect', () => {
  it('renders availabilities as documented: PascalCase term cycles, no attributes', async () => {
    const { api } = await boot({ dialect: 'documented' });
    const reply = await api.get('/v1/products/CFQ7TTC0LF8Q/skus/0001/availabilities?country=US');
    const item = reply.body.items[0];
    expect(item.terms.map((t: any) => `${t.duration}/${t.billingCycle}`)).toEqual([
      'P1M/Monthly',
      'P1Y/Monthly',
      'P1Y/Annual',
      'P3Y/Monthly',
      'P3Y/Annual',
      'P3Y/Triennial',
    ]);
    for (const body of [item, item.product, item.sku])
      expect(body).not.toHaveProperty('attributes');
    expect(reply.body.attributes).toEqual({ objectType: 'Collection' });
    const product = await api.get('/v1/products/CFQ7TTC0LF8Q?country=US');
    expect(Object.keys(product.body).sort()).toEqual([
      'description',
      'id',
      'isMicrosoftProduct',
      'links',
      'productType',
      'publisherName',
      'title',
    ]);
    const reservation = await api.get(
      '/v1/products/DZH318Z0BQ4T/skus/0059/availabilities?country=US',
    );
    expect(reservation.body.items[0].terms).toEqual([
      { duration: 'P1Y', description: '1 Year Prepaid' },
      { duration: 'P3Y', description: '3 Years Prepaid' },
    ]);
  });

  it('renders orders with the documented line fields and scheduled cycles in PascalCase', async () => {
    const { api } = await boot({ dialect: 'documented' });
    const sub = await api.buyLicense(CONTOSO, 'CFQ7TTC0LH16', '0001', 2, 'P1Y', 'annual');
    const order = (await api.get(`/v1/customers/${CONTOSO}/orders/${sub.orderId}`)).body;
    expect(Object.keys(order.lineItems[0]).sort()).toEqual([
      'friendlyName',
      'lineItemNumber',
      'links',
      'offerId',
      'quantity',
      'subscriptionId',
      'termDuration',
      'transactionType',
    ]);
    expect(order.attributes).toEqual({ objectType: 'Order' });
    expect(order.links).not.toHaveProperty('patchOperation');
    const scheduled = await patch(api, CONTOSO_PREMIUM, {
      scheduledNextTermInstructions: {
        product: {
          productId: 'CFQ7TTC0LCHC',
          skuId: '0002',
          billingCycle: 'Annual',
          termDuration: 'P1Y',
        },
        quantity: 15,
      },
    });
    expect(scheduled.status).toBe(200);
    expect(scheduled.body.scheduledNextTermInstructions.product.billingCycle).toBe('Annual');
    expect(scheduled.body.billingCycle).toBe('monthly');
    const echoed = await patch(api, CONTOSO_PREMIUM, { friendlyName: 'kept' });
    expect(echoed.status).toBe(200);
    expect(echoed.body.scheduledNextTermInstructions.quantity).toBe(15);
  });

  it('enforces attestation (900203) exactly as the extended dialect', async () => {
    const { api } = await boot({ dialect: 'documented' });
    const catalogItemId = await api.catalogItemId(CONTOSO, 'CFQ7TTC0LH16', '0001');
    const reply = await api.post(`/v1/customers/${CONTOSO}/carts`, {
      lineItems: [{ catalogItemId, quantity: 1, billingCycle: 'monthly', termDuration: 'P1M' }],
    });
    expectPcError(reply, 400, 900203);
  });

  it('writes every timestamp as ISO-8601 UTC with Z', async () => {
    const { api } = await boot({ dialect: 'documented' });
    const sub = await api.buyLicense(CONTOSO, 'CFQ7TTC0LH16', '0001', 2, 'P1Y');
    const order = (await api.get(`/v1/customers/${CONTOSO}/orders/${sub.orderId}`)).body;
    const cart = await api.createCart(CONTOSO, [
      {
        catalogItemId: await api.catalogItemId(CONTOSO, 'CFQ7TTC0LH16', '0001'),
        quantity: 1,
        billingCycle: 'monthly',
        termDuration: 'P1M',
      },
    ]);
    const stamps: string[] = [];
    const walk = (value: unknown): void => {
      if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value)) stamps.push(value);
      else if (value !== null && typeof value === 'object') Object.values(value).forEach(walk);
    };
    [sub, order, cart.body].forEach(walk);
    expect(stamps.length).toBeGreaterThanOrEqual(8);
    for (const stamp of stamps)
      expect(stamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/);
  });
});
