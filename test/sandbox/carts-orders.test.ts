/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-return -- conformance tests read wire JSON loosely and assert its shape. */
import { describe, expect, it } from 'vitest';
import {
  BRAZIL_CUSTOMER,
  CONTOSO,
  FABRIKAM,
  MINUTE,
  NORTHWIND,
  boot,
  expectPcError,
} from './helpers.js';

describe('carts, checkout and orders', () => {
  it('creates a cart (201) with order groups per kind and billing, line errors as integers', async () => {
    const { api } = await boot();
    const exchange = await api.catalogItemId(CONTOSO, 'CFQ7TTC0LH16', '0001');
    const premium = await api.catalogItemId(CONTOSO, 'CFQ7TTC0LCHC', '0002');
    const saas = await api.catalogItemId(CONTOSO, 'DZH318Z0C5KD', '0001');
    const reply = await api.createCart(CONTOSO, [
      {
        id: 0,
        catalogItemId: exchange,
        quantity: 10,
        billingCycle: 'monthly',
        termDuration: 'P1M',
      },
      { id: 1, catalogItemId: premium, quantity: 5, billingCycle: 'monthly', termDuration: 'P1Y' },
      { id: 2, catalogItemId: saas, quantity: 5, billingCycle: 'monthly', termDuration: 'P1Y' },
      {
        id: 3,
        catalogItemId: exchange,
        quantity: 10,
        billingCycle: 'triennial',
        termDuration: 'P1M',
      },
      {
        id: 4,
        catalogItemId: premium,
        quantity: 301,
        billingCycle: 'monthly',
        termDuration: 'P1Y',
      },
      {
        id: 5,
        catalogItemId: 'CFQ7TTC0LH16:0001:NOTREAL',
        quantity: 1,
        billingCycle: 'monthly',
        termDuration: 'P1M',
      },
    ]);
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ status: 'Active', attributes: { objectType: 'Cart' } });
    expect(
      new Date(reply.body.expirationTimestamp).getTime() -
        new Date(reply.body.creationTimestamp).getTime(),
    ).toBe(7 * 24 * 60 * MINUTE);
    const lines = reply.body.lineItems;
    expect(lines.map((l: any) => l.orderGroup)).toEqual(['0', '0', '1', '2', '0', '3']);
    expect(lines.map((l: any) => l.error?.errorCode ?? null)).toEqual([
      null,
      null,
      null,
      10013,
      10015,
      10001,
    ]);
    expect(lines[0].currencyCode).toBe('USD');
  });

  it('PUT replaces the lines and keeps the id; GET returns the cart', async () => {
    const { api } = await boot();
    const exchange = await api.catalogItemId(CONTOSO, 'CFQ7TTC0LH16', '0001');
    const cart = await api.createCart(CONTOSO, [
      { catalogItemId: exchange, quantity: 1, billingCycle: 'monthly', termDuration: 'P1M' },
    ]);
    const put = await api.put(`/v1/customers/${CONTOSO}/carts/${cart.body.id}`, {
      LineItems: [
        {
          Id: 0,
          CatalogItemId: exchange,
          Quantity: 7,
          BillingCycle: 'Monthly',
          TermDuration: 'P1M',
        },
      ],
    });
    expect(put.status).toBe(201);
    expect(put.body.id).toBe(cart.body.id);
    const got = await api.get(`/v1/customers/${CONTOSO}/carts/${cart.body.id}`);
    expect(got.body.lineItems[0].quantity).toBe(7);
    expectPcError(
      await api.get(`/v1/customers/${CONTOSO}/carts/00000000-0000-0000-0000-000000000001`),
      404,
      800008,
    );
  });

  it('checkout twice places one order and repeats the first result', async () => {
    const { api, sandbox } = await boot();
    const exchange = await api.catalogItemId(CONTOSO, 'CFQ7TTC0LH16', '0001');
    const cart = await api.createCart(CONTOSO, [
      { catalogItemId: exchange, quantity: 10, billingCycle: 'monthly', termDuration: 'P1M' },
    ]);
    const first = await api.post(`/v1/customers/${CONTOSO}/carts/${cart.body.id}/checkout`);
    const second = await api.post(`/v1/customers/${CONTOSO}/carts/${cart.body.id}/checkout`);
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(first.body.attributes).toEqual({ objectType: 'CartCheckoutResult' });
    expect(sandbox.state.orders(CONTOSO)).toHaveLength(1);
    expect(
      sandbox.state.subscriptions(CONTOSO).filter((s) => s.productId === 'CFQ7TTC0LH16'),
    ).toHaveLength(1);
    expect((await api.get(`/v1/customers/${CONTOSO}/carts/${cart.body.id}`)).body.status).toBe(
      'Ordered',
    );
    expectPcError(
      await api.put(`/v1/customers/${CONTOSO}/carts/${cart.body.id}`, {
        lineItems: [
          { catalogItemId: exchange, quantity: 1, billingCycle: 'monthly', termDuration: 'P1M' },
        ],
      }),
      400,
      800065,
    );
  });

  it('hides a new order from the list for 15 minutes but GET by id finds it at once', async () => {
    const { api, sandbox } = await boot();
    const subscription = await api.buyLicense(CONTOSO, 'CFQ7TTC0LH16', '0001', 3, 'P1M');
    const orderId = subscription.orderId;
    expect((await api.get(`/v1/customers/${CONTOSO}/orders/${orderId}`)).body).toMatchObject({
      id: orderId,
      status: 'completed',
    });
    const listIds = async () =>
      (await api.get(`/v1/customers/${CONTOSO}/orders`)).body.items.map((o: any) => o.id);
    expect(await listIds()).not.toContain(orderId);
    sandbox.clock.advance(15 * MINUTE - 1);
    expect(await listIds()).not.toContain(orderId);
    sandbox.clock.advance(1);
    expect(await listIds()).toContain(orderId);
    expectPcError(await api.get(`/v1/customers/${CONTOSO}/orders/nope`), 404, 20000);
  });

  it('filters the order list by billingType in any spelling', async () => {
    const { api, sandbox } = await boot({ orderListDelayMs: 0 });
    await api.buyLicense(FABRIKAM, 'CFQ7TTC0LF8Q', '0001', 10, 'P1Y', 'annual');
    const software = await api.catalogItemId(FABRIKAM, 'DG7GMGF0FKZV', '0001');
    expect(
      (await api.buy(FABRIKAM, { catalogItemId: software, quantity: 4, billingCycle: 'one_time' }))
        .status,
    ).toBe(201);
    for (const billingType of ['onetime', 'one_time', 'OneTime', '4']) {
      const reply = await api.get(`/v1/customers/${FABRIKAM}/orders?billingType=${billingType}`);
      expect(reply.body.items.map((o: any) => o.billingCycle)).toEqual(['one_time']);
    }
    expect(
      (await api.get(`/v1/customers/${FABRIKAM}/orders?billingType=annual`)).body.totalCount,
    ).toBe(1);
    expect((await api.get(`/v1/customers/${FABRIKAM}/orders`)).body.totalCount).toBe(2);
    expect(sandbox.state.entitlements(FABRIKAM)).toMatchObject([
      { productId: 'DG7GMGF0FKZV', quantity: 4, entitlementType: 'software' },
    ]);
  });

  it('delays subscriptions by the provisioning delay; order pending until then; by order_id afterwards', async () => {
    const { api, sandbox } = await boot({ provisioningDelayMs: 5 * MINUTE });
    const exchange = await api.catalogItemId(NORTHWIND, 'CFQ7TTC0LH18', '0001');
    const result = await api.buy(NORTHWIND, {
      catalogItemId: exchange,
      quantity: 8,
      billingCycle: 'monthly',
      termDuration: 'P1M',
    });
    const order = result.body.orders[0];
    expect(order.status).toBe('pending');
    expect(order.lineItems[0].subscriptionId).toBeUndefined();
    expect(
      (await api.get(`/v1/customers/${NORTHWIND}/subscriptions?order_id=${order.id}`)).body
        .totalCount,
    ).toBe(0);
    const status = await api.get(
      `/v1/customers/${NORTHWIND}/orders/${order.id}/provisioningstatus`,
    );
    expect(status.body.items[0].status).toBe('PrefulfillmentPending');
    sandbox.clock.advance(5 * MINUTE);
    const later = await api.get(`/v1/customers/${NORTHWIND}/orders/${order.id}`);
    expect(later.body.status).toBe('completed');
    const byOrder = await api.get(`/v1/customers/${NORTHWIND}/subscriptions?order_id=${order.id}`);
    expect(byOrder.body.items).toHaveLength(1);
    expect(byOrder.body.items[0]).toMatchObject({
      id: later.body.lineItems[0].subscriptionId,
      quantity: 8,
      status: 'active',
    });
  });

  it('splits a cart into orders per group and reports failed groups in orderErrors', async () => {
    const { api, sandbox } = await boot();
    const exchange = await api.catalogItemId(CONTOSO, 'CFQ7TTC0LH16', '0001');
    const reservation = await api.catalogItemId(CONTOSO, 'DZH318Z0BQ4T', '0059');
    const cart = await api.createCart(CONTOSO, [
      { id: 0, catalogItemId: exchange, quantity: 2, billingCycle: 'monthly', termDuration: 'P1M' },
      {
        id: 1,
        catalogItemId: reservation,
        quantity: 1,
        billingCycle: 'one_time',
        termDuration: 'P1Y',
        provisioningContext: {
          subscriptionId: '8e7c0d2b-5a4f-4e3d-9c1b-2a0f6e5d4c3b',
          scope: 'Shared',
          duration: '1Year',
        },
      },
    ]);
    expect(cart.body.lineItems[1].error).toMatchObject({ errorCode: 10011 });
    const result = await api.post(`/v1/customers/${CONTOSO}/carts/${cart.body.id}/checkout`);
    expect(result.status).toBe(201);
    expect(result.body.orders).toHaveLength(1);
    expect(result.body.orderErrors).toEqual([
      { orderGroupId: '1', code: 800030, description: expect.any(String) },
    ]);
    expect(sandbox.state.orders(CONTOSO)).toHaveLength(1);
  });

  it('refuses a cart whose every group fails (400 800009) and keeps it Active', async () => {
    const { api } = await boot();
    const premium = await api.catalogItemId(CONTOSO, 'CFQ7TTC0LCHC', '0002');
    const cart = await api.createCart(CONTOSO, [
      { catalogItemId: premium, quantity: 500, billingCycle: 'monthly', termDuration: 'P1Y' },
    ]);
    const result = await api.post(`/v1/customers/${CONTOSO}/carts/${cart.body.id}/checkout`);
    expectPcError(result, 400, 800009);
    // `data` holds strings, as in the documented error examples.
    expect(result.body.data[0]).toMatch(/^orderGroupId 0: 800067 /);
    expect((await api.get(`/v1/customers/${CONTOSO}/carts/${cart.body.id}`)).body.status).toBe(
      'Active',
    );
  });

  it('expired carts answer 404 800008 at checkout', async () => {
    const { api, sandbox } = await boot();
    const exchange = await api.catalogItemId(CONTOSO, 'CFQ7TTC0LH16', '0001');
    const cart = await api.createCart(CONTOSO, [
      { catalogItemId: exchange, quantity: 1, billingCycle: 'monthly', termDuration: 'P1M' },
    ]);
    sandbox.clock.advance(7 * 24 * 60 * MINUTE);
    expectPcError(
      await api.post(`/v1/customers/${CONTOSO}/carts/${cart.body.id}/checkout`),
      404,
      800008,
    );
  });

  it('refuses software and reservations for a customer in a block-listed market with 800070', async () => {
    const { api } = await boot();
    const software = await api.catalogItemId(FABRIKAM, 'DG7GMGF0FKZV', '0001');
    const reply = await api.createCart(BRAZIL_CUSTOMER, [
      { catalogItemId: software, quantity: 1, billingCycle: 'one_time' },
    ]);
    expectPcError(reply, 400, 800070);
  });

  it('needs a base subscription for an add-on (10018) unless the base is in the same cart', async () => {
    const { api, sandbox } = await boot();
    const teams = await api.catalogItemId(FABRIKAM, 'CFQ7TTC0J1FV', '0001');
    const e3 = await api.catalogItemId(FABRIKAM, 'CFQ7TTC0LF8Q', '0001');
    const alone = await api.createCart(FABRIKAM, [
      { catalogItemId: teams, quantity: 40, billingCycle: 'monthly', termDuration: 'P1Y' },
    ]);
    expect(alone.body.lineItems[0].error.errorCode).toBe(10018);
    const both = await api.createCart(FABRIKAM, [
      { id: 0, catalogItemId: e3, quantity: 120, billingCycle: 'annual', termDuration: 'P1Y' },
      { id: 1, catalogItemId: teams, quantity: 40, billingCycle: 'monthly', termDuration: 'P1Y' },
    ]);
    expect(both.body.lineItems.map((l: any) => l.error)).toEqual([undefined, undefined]);
    expect(
      (await api.post(`/v1/customers/${FABRIKAM}/carts/${both.body.id}/checkout`)).status,
    ).toBe(201);
    const subs = sandbox.state.subscriptions(FABRIKAM);
    const base = subs.find((s) => s.productId === 'CFQ7TTC0LF8Q');
    expect(subs.find((s) => s.productId === 'CFQ7TTC0J1FV')?.parentSubscriptionId).toBe(base?.id);
    const addons = await api.get(`/v1/customers/${FABRIKAM}/subscriptions/${base?.id}/addons`);
    expect(addons.body.items.map((s: any) => s.offerId.split(':')[0])).toEqual(['CFQ7TTC0J1FV']);
  });

  it('gives SaaS purchases activation links by order line item and by subscription', async () => {
    const { api } = await boot();
    const saas = await api.catalogItemId(NORTHWIND, 'DZH318Z0C5KD', '0001');
    const result = await api.buy(NORTHWIND, {
      catalogItemId: saas,
      quantity: 5,
      billingCycle: 'monthly',
      termDuration: 'P1Y',
    });
    const order = result.body.orders[0];
    const links = await api.get(
      `/v1/customers/${NORTHWIND}/orders/${order.id}/lineitems/0/activationlinks`,
    );
    expect(links.body.items).toEqual([
      {
        lineItemNumber: 0,
        link: { uri: expect.stringMatching(/^https:\/\//), method: 'GET', headers: [] },
      },
    ]);
    const bySub = await api.get(
      `/v1/customers/${NORTHWIND}/subscriptions/${order.lineItems[0].subscriptionId}/activationlinks`,
    );
    expect(bySub.body.items).toHaveLength(1);
  });
});
