/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-return -- conformance tests read wire JSON loosely and assert its shape. */
import { describe, expect, it } from 'vitest';
import { CONTOSO, FABRIKAM, NORTHWIND, boot, expectPcError, type Api } from './helpers.js';

async function licenceLine(api: Api, customerId: string = CONTOSO) {
  return {
    id: 0,
    catalogItemId: await api.catalogItemId(customerId, 'CFQ7TTC0LH16', '0001'),
    quantity: 3,
    BillingCycle: 'Monthly',
    termDuration: 'P1M',
  };
}

describe('cart attestation (900203)', () => {
  it('refuses an NCE licence line in a cart without PartnerOnRecordAttestationAccepted: true', async () => {
    const { api, sandbox } = await boot();
    const line = await licenceLine(api);
    const carts = `/v1/customers/${CONTOSO}/carts`;
    const missing = await api.post(carts, { lineItems: [line] });
    expectPcError(missing, 400, 900203);
    expect(missing.body.description).toBe(
      `CatalogItemId: ${line.catalogItemId} requires attestation acceptance.`,
    );
    expectPcError(
      await api.post(carts, { partnerOnRecordAttestationAccepted: false, lineItems: [line] }),
      400,
      900203,
    );
    expect(sandbox.state.carts(CONTOSO)).toHaveLength(0);
    for (const key of [
      'partnerOnRecordAttestationAccepted',
      'PartnerOnRecordAttestationAccepted',
    ]) {
      const accepted = await api.post(carts, { [key]: true, LineItems: [line] });
      expect(accepted.status).toBe(201);
      expect(accepted.body.lineItems[0].error).toBeUndefined();
    }
    expect(sandbox.state.carts(CONTOSO)).toHaveLength(2);
  });

  it('does not ask it for other products; a PUT keeps the attestation given at creation', async () => {
    const { api } = await boot();
    const software = {
      id: 0,
      catalogItemId: await api.catalogItemId(FABRIKAM, 'DG7GMGF0FKZV', '0001'),
      quantity: 1,
      billingCycle: 'one_time',
    };
    const carts = `/v1/customers/${FABRIKAM}/carts`;
    const plain = await api.post(carts, { lineItems: [software] });
    expect(plain.status).toBe(201);
    const licence = await licenceLine(api, FABRIKAM);
    expectPcError(
      await api.put(`${carts}/${plain.body.id}`, { lineItems: [software, { ...licence, id: 1 }] }),
      400,
      900203,
    );
    const attested = await api.createCart(FABRIKAM, [software]);
    const put = await api.put(`${carts}/${attested.body.id}`, { lineItems: [licence] });
    expect(put.status).toBe(201);
    const checkout = await api.post(`${carts}/${attested.body.id}/checkout`);
    expect(checkout.status).toBe(201);
    expect(checkout.body.orders[0].lineItems[0].quantity).toBe(3);
  });
});

describe('orders: documented fields and billingType filter', () => {
  it('order lines carry friendlyName (the SKU title unless the cart names one)', async () => {
    const { api } = await boot({ orderListDelayMs: 0 });
    const line = await licenceLine(api, NORTHWIND);
    const cart = await api.createCart(NORTHWIND, [
      line,
      {
        ...line,
        id: 1,
        catalogItemId: await api.catalogItemId(NORTHWIND, 'CFQ7TTC0LH18', '0001'),
        friendlyName: 'Front desk',
      },
    ]);
    const result = await api.post(`/v1/customers/${NORTHWIND}/carts/${cart.body.id}/checkout`);
    const order = result.body.orders[0];
    expect(order.lineItems.map((l: any) => l.friendlyName)).toEqual([
      'Exchange Online (Plan 1)',
      'Front desk',
    ]);
    const read = await api.get(`/v1/customers/${NORTHWIND}/orders/${order.id}`);
    expect(read.body).toMatchObject({
      referenceCustomerId: NORTHWIND,
      billingCycle: 'monthly',
      creationDate: '2026-03-02T10:00:00.000Z',
      status: 'completed',
      transactionType: 'UserPurchase',
      links: { self: expect.any(Object), provisioningStatus: expect.any(Object) },
      attributes: { objectType: 'Order' },
    });
    expect(read.body.lineItems[0]).toMatchObject({
      lineItemNumber: 0,
      offerId: line.catalogItemId,
      subscriptionId: expect.any(String),
      termDuration: 'P1M',
      transactionType: 'New',
      friendlyName: 'Exchange Online (Plan 1)',
      quantity: 3,
      links: { sku: expect.any(Object), provisioningStatus: expect.any(Object) },
    });
  });

  it('accepts billingType as onetime/OneTime/one_time/4, license/License and usage; refuses others', async () => {
    const { api } = await boot({ orderListDelayMs: 0 });
    await api.buyLicense(NORTHWIND, 'CFQ7TTC0LH16', '0001', 2, 'P1M');
    const plan = await api.buy(NORTHWIND, {
      catalogItemId: await api.catalogItemId(NORTHWIND, 'DZH318Z0BPS6', '0001'),
      quantity: 1,
      billingCycle: 'monthly',
    });
    expect(plan.status).toBe(201);
    await api.buy(NORTHWIND, {
      catalogItemId: await api.catalogItemId(NORTHWIND, 'DG7GMGF0FKZV', '0001'),
      quantity: 1,
      billingCycle: 'one_time',
    });
    const offers = async (billingType: string) =>
      (
        await api.get(`/v1/customers/${NORTHWIND}/orders?billingType=${billingType}`)
      ).body.items.map((o: any) => o.lineItems[0].offerId.split(':')[0]);
    for (const spelling of ['onetime', 'OneTime', 'one_time', 'ONE_TIME', '4'])
      expect(await offers(spelling)).toEqual(['DG7GMGF0FKZV']);
    for (const spelling of ['license', 'License'])
      expect((await offers(spelling)).sort()).toEqual(['CFQ7TTC0LH16', 'DG7GMGF0FKZV']);
    expect(await offers('usage')).toEqual(['DZH318Z0BPS6']);
    for (const bad of ['weekly', '99', 'licence'])
      expectPcError(
        await api.get(`/v1/customers/${NORTHWIND}/orders?billingType=${bad}`),
        400,
        900126,
      );
  });
});
