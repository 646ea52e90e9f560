/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-return -- conformance tests read wire JSON loosely and assert its shape. */
import { describe, expect, it } from 'vitest';
import {
  CONTOSO,
  CONTOSO_AZURE_PLAN,
  CONTOSO_PREMIUM,
  MINUTE,
  SANDBOX_TOKENS,
  boot,
  expectPcError,
  type Api,
} from './helpers.js';

const base = `/v1/customers/${CONTOSO}/subscriptions/${CONTOSO_AZURE_PLAN}`;

async function reservationLine(api: Api, overrides: Record<string, unknown> = {}) {
  const catalogItemId = await api.catalogItemId(CONTOSO, 'DZH318Z0BQ4T', '0059');
  return {
    id: 0,
    catalogItemId,
    quantity: 2,
    billingCycle: 'one_time',
    termDuration: 'P1Y',
    provisioningContext: { subscriptionId: CONTOSO_AZURE_PLAN, scope: 'Shared', duration: '1Year' },
    ...overrides,
  };
}

describe('reservations: registration, inventory, provisioning context', () => {
  it('a reservation line for an unregistered Azure subscription carries line error 10011', async () => {
    const { api } = await boot();
    const cart = await api.createCart(CONTOSO, [await reservationLine(api)]);
    expect(cart.status).toBe(201);
    expect(cart.body.lineItems[0].error).toEqual({
      errorCode: 10011,
      errorDescription: expect.any(String),
    });
  });

  it('registration answers 202 + Location and moves Registering → Registered after the delay', async () => {
    const { api, sandbox } = await boot({ registrationDelayMs: 2 * MINUTE });
    expect((await api.get(`${base}/registrationstatus`)).body.status).toBe('NotRegistered');
    const reg = await api.post(`${base}/registrations`);
    expect(reg.status).toBe(202);
    expect(reg.headers.location).toBe(
      `/customers/${CONTOSO}/subscriptions/${CONTOSO_AZURE_PLAN}/registrationstatus`,
    );
    expect((await api.get(`${base}/registrationstatus`)).body).toMatchObject({
      subscriptionId: CONTOSO_AZURE_PLAN,
      status: 'Registering',
    });
    const pending = await api.createCart(CONTOSO, [await reservationLine(api)]);
    expect(pending.body.lineItems[0].error.errorCode).toBe(10011);
    sandbox.clock.advance(2 * MINUTE);
    expect((await api.get(`${base}/registrationstatus`)).body.status).toBe('Registered');
    expect((await api.post(`${base}/registrations`)).status).toBe(202);
    expect(sandbox.state.registrations(CONTOSO)).toHaveLength(1);
  });

  it('only an active Azure plan can be registered', async () => {
    const { api } = await boot();
    expectPcError(
      await api.post(`/v1/customers/${CONTOSO}/subscriptions/${CONTOSO_PREMIUM}/registrations`),
      400,
      800011,
    );
  });

  it('after registration a reservation checks out into a one_time order and an entitlement', async () => {
    const { api, sandbox } = await boot({ orderListDelayMs: 0 });
    await api.post(`${base}/registrations`);
    const cart = await api.createCart(CONTOSO, [await reservationLine(api)]);
    expect(cart.body.lineItems[0].error).toBeUndefined();
    const result = await api.post(`/v1/customers/${CONTOSO}/carts/${cart.body.id}/checkout`);
    expect(result.status).toBe(201);
    const order = result.body.orders[0];
    expect(order).toMatchObject({
      billingCycle: 'one_time',
      lineItems: [{ offerId: expect.stringMatching(/^DZH318Z0BQ4T:0059:/), quantity: 2 }],
    });
    expect(order.lineItems[0].provisioningContext).toEqual({
      subscriptionId: CONTOSO_AZURE_PLAN,
      scope: 'Shared',
      duration: '1Year',
    });
    expect(
      (await api.get(`/v1/customers/${CONTOSO}/orders?billingType=one_time`)).body.totalCount,
    ).toBe(1);
    const entitlements = await api.get(
      `/v1/customers/${CONTOSO}/entitlements?entitlementType=reservedInstance&showExpiry=true`,
    );
    expect(entitlements.body.items).toEqual([
      expect.objectContaining({
        productId: 'DZH318Z0BQ4T',
        skuId: '0059',
        quantity: 2,
        entitlementType: 'reservedinstance',
        referenceOrder: expect.objectContaining({ id: order.id, lineItemId: '0' }),
        expiryDate: '2027-03-02T10:00:00.000Z',
      }),
    ]);
    expect(
      (await api.get(`/v1/customers/${CONTOSO}/entitlements?entitlementType=software`)).body
        .totalCount,
    ).toBe(0);
    expect(sandbox.state.subscriptions(CONTOSO)).toHaveLength(2);
    expectPcError(
      await api.get(`/v1/customers/${CONTOSO}/entitlements`, { token: SANDBOX_TOKENS.appOnly }),
      403,
      900329,
    );
  });

  it('checks provisioning context and inventory on the line', async () => {
    const { api } = await boot();
    await api.post(`${base}/registrations`);
    const line = (id: number, overrides: Record<string, unknown>) =>
      reservationLine(api, { id, ...overrides });
    const lines = [
      // Missing scope or subscriptionId: refused as today.
      await line(0, { provisioningContext: { subscriptionId: CONTOSO_AZURE_PLAN } }),
      await line(1, { provisioningContext: { scope: 'shared' } }),
      await line(2, {
        provisioningContext: { subscriptionId: CONTOSO_AZURE_PLAN, scope: 'Everywhere' },
      }),
      await line(3, { provisioningContext: { subscriptionId: CONTOSO_PREMIUM, scope: 'single' } }),
      // The documented sample: lower-case scope, no duration, billing cycle OneTime.
      await line(4, {
        billingCycle: 'OneTime',
        provisioningContext: { subscriptionId: CONTOSO_AZURE_PLAN, scope: 'shared' },
      }),
      // PascalCase keys; termDuration wins over a different duration.
      await line(5, {
        termDuration: 'P3Y',
        provisioningContext: {
          SubscriptionId: CONTOSO_AZURE_PLAN,
          Scope: 'SINGLE',
          Duration: '1Year',
        },
      }),
      // No termDuration: the duration (3Years or P3Y) gives the term.
      await line(6, {
        termDuration: undefined,
        provisioningContext: {
          subscriptionId: CONTOSO_AZURE_PLAN,
          scope: 'shared',
          duration: 'P3Y',
        },
      }),
      // Neither termDuration nor duration: no term to buy.
      await line(7, {
        termDuration: undefined,
        provisioningContext: { subscriptionId: CONTOSO_AZURE_PLAN, scope: 'shared' },
      }),
      // A cycle outside supportedBillingCycles.
      await line(8, { billingCycle: 'annual' }),
      // Monthly is supported by the seed.
      await line(9, { billingCycle: 'monthly' }),
      await line(10, {
        provisioningContext: {
          subscriptionId: CONTOSO_AZURE_PLAN,
          scope: 'shared',
          duration: 'forever',
        },
      }),
      {
        ...(await reservationLine(api)),
        id: 11,
        catalogItemId: await api.catalogItemId(CONTOSO, 'DZH318Z0BQ4T', '0067'),
      },
    ];
    const cart = await api.createCart(CONTOSO, lines);
    expect(cart.status).toBe(201);
    expect(cart.body.lineItems.map((l: any) => l.error?.errorCode ?? null)).toEqual([
      10010,
      10010,
      10010,
      10007,
      null,
      null,
      null,
      10013,
      10013,
      null,
      10010,
      10003,
    ]);
  });

  it('a line with duration only checks out for that term', async () => {
    const { api } = await boot({ orderListDelayMs: 0 });
    await api.post(`${base}/registrations`);
    const cart = await api.createCart(CONTOSO, [
      await reservationLine(api, {
        termDuration: undefined,
        billingCycle: 'OneTime',
        provisioningContext: {
          subscriptionId: CONTOSO_AZURE_PLAN,
          scope: 'shared',
          duration: '3Years',
        },
      }),
    ]);
    const result = await api.post(`/v1/customers/${CONTOSO}/carts/${cart.body.id}/checkout`);
    expect(result.status).toBe(201);
    expect(result.body.orders[0].lineItems[0]).toMatchObject({
      termDuration: 'P3Y',
      friendlyName: 'Reserved VM Instance, Standard_D2s_v3, eastus',
    });
    const entitlements = await api.get(
      `/v1/customers/${CONTOSO}/entitlements?entitlementType=reservedInstance&showExpiry=true`,
    );
    expect(entitlements.body.items[0].expiryDate).toBe('2029-03-02T10:00:00.000Z');
  });
});
