import { describe, expect, it } from 'vitest';
import { CONTOSO, CONTOSO_PREMIUM, SANDBOX_TOKENS, boot, expectPcError } from './helpers.js';

describe('auth and wire conventions', () => {
  it('refuses a missing or unknown bearer token with 401 and a Partner Center error body', async () => {
    const { api } = await boot();
    const missing = await api.get('/v1/products?country=US', { token: null });
    expectPcError(missing, 401, 800001);
    expect(missing.headers['www-authenticate']).toMatch(/OAuth/);
    expectPcError(await api.get('/v1/products?country=US', { token: 'forged' }), 401, 400);
  });

  it('gives an app-only token 403 900329 on entitlements and subscription provisioning status only', async () => {
    const { api } = await boot();
    const appOnly = { token: SANDBOX_TOKENS.appOnly };
    expectPcError(await api.get(`/v1/customers/${CONTOSO}/entitlements`, appOnly), 403, 900329);
    expectPcError(
      await api.get(
        `/v1/customers/${CONTOSO}/subscriptions/${CONTOSO_PREMIUM}/provisioningstatus`,
        appOnly,
      ),
      403,
      900329,
    );
    expect((await api.get(`/v1/customers/${CONTOSO}/subscriptions`, appOnly)).status).toBe(200);
    expect((await api.get(`/v1/customers/${CONTOSO}/entitlements`)).status).toBe(200);
    const status = await api.get(
      `/v1/customers/${CONTOSO}/subscriptions/${CONTOSO_PREMIUM}/provisioningStatus`,
    );
    expect(status.body).toMatchObject({ skuId: '0002', status: 'success', quantity: 20 });
  });

  it('accepts extra tokens from the options', async () => {
    const { api } = await boot({
      tokens: { 'msal-app-token': 'app-only', 'msal-user-token': 'app-user' },
    });
    expect((await api.get(`/v1/customers/${CONTOSO}`, { token: 'msal-app-token' })).status).toBe(
      200,
    );
    expectPcError(
      await api.get(`/v1/customers/${CONTOSO}/entitlements`, { token: 'msal-app-token' }),
      403,
      900329,
    );
    expect(
      (await api.get(`/v1/customers/${CONTOSO}/entitlements`, { token: 'msal-user-token' })).status,
    ).toBe(200);
  });

  it('echoes MS-RequestId and MS-CorrelationId and answers camelCase with attributes and etag', async () => {
    const { api } = await boot();
    const reply = await api.get(`/v1/customers/${CONTOSO}/subscriptions/${CONTOSO_PREMIUM}`, {
      requestId: 'req-1',
      headers: { 'MS-CorrelationId': 'corr-1' },
    });
    expect(reply.headers['ms-requestid']).toBe('req-1');
    expect(reply.headers['ms-correlationid']).toBe('corr-1');
    expect(reply.headers['content-type']).toMatch(/application\/json/);
    expect(reply.body.attributes.objectType).toBe('Subscription');
    expect(reply.body.attributes.etag).toEqual(expect.any(String));
    for (const key of Object.keys(reply.body)) expect(key[0]).toBe(key[0]!.toLowerCase());
  });

  it('answers 404 for unknown routes, tenants, and 400 for invalid JSON and bad enum values', async () => {
    const { api } = await boot();
    expectPcError(await api.get('/v1/nothing-here'), 404, 800002);
    expectPcError(
      await api.get('/v1/customers/00000000-0000-0000-0000-000000000000/subscriptions'),
      404,
      60003,
    );
    const bad = await api.call('POST', `/v1/customers/${CONTOSO}/carts`, undefined, {
      headers: { 'content-type': 'application/json' },
    });
    expectPcError(bad, 400, 800002);
    const raw = await fetch(`${api.sandbox.url}/v1/customers/${CONTOSO}/carts`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${SANDBOX_TOKENS.appUser}`,
        'content-type': 'application/json',
      },
      body: '{"lineItems": [',
    });
    expect(raw.status).toBe(400);
    expect(((await raw.json()) as { code: number }).code).toBe(800002);
    const catalogItemId = await api.catalogItemId(CONTOSO, 'CFQ7TTC0LH16', '0001');
    const badEnum = await api.createCart(CONTOSO, [
      { catalogItemId, quantity: 1, billingCycle: 'fortnightly', termDuration: 'P1M' },
    ]);
    expectPcError(badEnum, 400, 900126);
  });

  it('accepts enums as snake_case, PascalCase or integers', async () => {
    const { api } = await boot();
    const catalogItemId = await api.catalogItemId(CONTOSO, 'CFQ7TTC0LH16', '0001');
    for (const billingCycle of ['monthly', 'Monthly', 1, 'MONTHLY']) {
      const cart = await api.createCart(CONTOSO, [
        { catalogItemId, quantity: 1, billingCycle, termDuration: 'P1M' },
      ]);
      expect(cart.body.lineItems[0].billingCycle).toBe('monthly');
      expect(cart.body.lineItems[0].error).toBeUndefined();
    }
  });
});
