/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-return -- conformance tests read wire JSON loosely and assert its shape. */
import { request } from 'undici';
import { describe, expect, it, vi } from 'vitest';
import { CONTOSO, CONTOSO_PREMIUM, FABRIKAM, MINUTE, boot, expectPcError } from './helpers.js';

const subPath = `/v1/customers/${CONTOSO}/subscriptions/${CONTOSO_PREMIUM}`;

describe('MS-RequestId replay', () => {
  it('a replayed MS-RequestId returns the stored response and has no second effect', async () => {
    const { api, sandbox } = await boot();
    const exchange = await api.catalogItemId(CONTOSO, 'CFQ7TTC0LH16', '0001');
    const line = [
      { catalogItemId: exchange, quantity: 1, billingCycle: 'monthly', termDuration: 'P1M' },
    ];
    const first = await api.createCart(CONTOSO, line, { requestId: 'cart-req-1' });
    const again = await api.createCart(CONTOSO, line, { requestId: 'cart-req-1' });
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    expect(sandbox.state.carts(CONTOSO)).toHaveLength(1);
    const up1 = await api.patch(subPath, { quantity: 21 }, { requestId: 'patch-1' });
    await api.patch(subPath, { quantity: 22 }, { requestId: 'patch-2' });
    const replay = await api.patch(subPath, { quantity: 21 }, { requestId: 'patch-1' });
    expect(replay.text).toBe(up1.text);
    expect((await api.get(subPath)).body.quantity).toBe(22);
    expect(
      sandbox.state
        .requests()
        .filter((r) => r.replayed === true)
        .map((r) => r.requestId),
    ).toEqual(['cart-req-1', 'patch-1']);
  });

  it('without MS-RequestId every call is a new call', async () => {
    const { api, sandbox } = await boot();
    const exchange = await api.catalogItemId(CONTOSO, 'CFQ7TTC0LH16', '0001');
    const line = [
      { catalogItemId: exchange, quantity: 1, billingCycle: 'monthly', termDuration: 'P1M' },
    ];
    await api.createCart(CONTOSO, line);
    await api.createCart(CONTOSO, line);
    expect(sandbox.state.carts(CONTOSO)).toHaveLength(2);
  });
});

describe('rate limits', () => {
  it('429 carries Retry-After (from the sandbox clock) and the statusCode/message body', async () => {
    const { api, sandbox } = await boot({ rateLimitPerMinute: 3 });
    for (let i = 0; i < 3; i++)
      expect((await api.get(`/v1/customers/${CONTOSO}/subscriptions`)).status).toBe(200);
    sandbox.clock.advance(20_000);
    const limited = await api.get(`/v1/customers/${CONTOSO}/subscriptions`);
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBe('40');
    expect(limited.body).toEqual({
      statusCode: 429,
      message: 'Rate limit is exceeded. Try again in 40 seconds.',
    });
    expect((await api.get(`/v1/customers/${FABRIKAM}/subscriptions`)).status).toBe(200);
    expect((await api.get(`/v1/customers/${CONTOSO}/orders`)).status).toBe(200);
    sandbox.clock.advance(40_000);
    expect((await api.get(`/v1/customers/${CONTOSO}/subscriptions`)).status).toBe(200);
  });

  it('defaults to 500 requests per minute per family and customer', async () => {
    const { api } = await boot();
    const replies = await Promise.all(
      Array.from({ length: 501 }, () => api.get(`/v1/customers/${CONTOSO}/orders`)),
    );
    expect(replies.filter((r) => r.status === 429)).toHaveLength(1);
  });
});

describe('fault injection', () => {
  it('status and throttle faults answer without effect, for `count` matching requests', async () => {
    const { api, sandbox } = await boot();
    sandbox.faults.add({
      match: 'PATCH /v1/customers/*/subscriptions/*',
      kind: 'status',
      status: 503,
      count: 2,
    });
    expectPcError(await api.patch(subPath, { quantity: 30 }), 503, 800003);
    expectPcError(await api.patch(subPath, { quantity: 30 }), 503, 800003);
    expect((await api.get(subPath)).body.quantity).toBe(20);
    expect((await api.patch(subPath, { quantity: 30 })).status).toBe(200);
    sandbox.faults.add({ match: '/v1/customers/**', kind: 'throttle', retryAfterSeconds: 7 });
    const throttled = await api.get(subPath);
    expect(throttled.status).toBe(429);
    expect(throttled.headers['retry-after']).toBe('7');
    expect(sandbox.faults.list()).toHaveLength(0);
  });

  it('reset destroys the connection before processing: nothing is committed', async () => {
    const { api, sandbox } = await boot();
    sandbox.faults.add({ match: 'PATCH /v1/customers/*/subscriptions/*', kind: 'reset' });
    await expect(api.patch(subPath, { quantity: 30 })).rejects.toThrow();
    expect((await api.get(subPath)).body.quantity).toBe(20);
  });

  it('drop-after-commit commits the change, then drops the connection; a retry with the same MS-RequestId replays', async () => {
    const { api, sandbox } = await boot();
    const exchange = await api.catalogItemId(CONTOSO, 'CFQ7TTC0LH16', '0001');
    const cart = await api.createCart(CONTOSO, [
      { catalogItemId: exchange, quantity: 1, billingCycle: 'monthly', termDuration: 'P1M' },
    ]);
    const checkout = `/v1/customers/${CONTOSO}/carts/${cart.body.id}/checkout`;
    sandbox.faults.add({
      match: 'POST /v1/customers/*/carts/*/checkout',
      kind: 'drop-after-commit',
    });
    await expect(api.post(checkout, undefined, { requestId: 'co-1' })).rejects.toThrow();
    expect(sandbox.state.orders(CONTOSO)).toHaveLength(1);
    const retry = await api.post(checkout, undefined, { requestId: 'co-1' });
    expect(retry.status).toBe(201);
    expect(retry.body.orders[0].id).toBe(sandbox.state.orders(CONTOSO)[0]?.id);
    expect(sandbox.state.orders(CONTOSO)).toHaveLength(1);
  });

  it('malformed-body commits and answers invalid JSON', async () => {
    const { api, sandbox } = await boot();
    sandbox.faults.add({ match: 'PATCH /v1/customers/*/subscriptions/*', kind: 'malformed-body' });
    const reply = await api.patch(subPath, { quantity: 26 });
    expect(reply.status).toBe(200);
    expect(() => JSON.parse(reply.text) as unknown).toThrow();
    expect((await api.get(subPath)).body.quantity).toBe(26);
  });

  it('latency and delay-response hold the answer for real milliseconds (delay after commit)', async () => {
    const { api, sandbox } = await boot();
    sandbox.faults.add({ match: 'GET /v1/customers/*', kind: 'latency', ms: 60 });
    let started = performance.now();
    expect((await api.get(`/v1/customers/${CONTOSO}`)).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
    sandbox.faults.add({ match: 'PATCH **', kind: 'delay-response', ms: 300 });
    started = performance.now();
    const pending = api.patch(subPath, { quantity: 27 });
    await vi.waitFor(() =>
      expect(
        sandbox.state.subscriptions(CONTOSO).find((s) => s.id === CONTOSO_PREMIUM)?.quantity,
      ).toBe(27),
    );
    expect((await pending).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('unlimited faults keep applying until cleared', async () => {
    const { api, sandbox } = await boot();
    sandbox.faults.add({
      match: 'GET /v1/customers/*',
      kind: 'status',
      status: 500,
      count: 'unlimited',
    });
    for (let i = 0; i < 3; i++)
      expect((await api.get(`/v1/customers/${CONTOSO}`)).status).toBe(500);
    sandbox.faults.clear();
    expect((await api.get(`/v1/customers/${CONTOSO}`)).status).toBe(200);
  });
});

describe('admin HTTP API (/_sandbox)', () => {
  const admin = async (url: string, method: string, path: string, body?: unknown) => {
    const res = await request(`${url}/_sandbox${path}`, {
      method: method as 'GET',
      ...(body === undefined
        ? {}
        : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
    });
    const text = await res.body.text();
    return { status: res.statusCode, body: text === '' ? undefined : JSON.parse(text) };
  };

  it('advances the clock, manages faults, purchases out of band and reports state', async () => {
    const { api, sandbox } = await boot();
    const advanced = await admin(sandbox.url, 'POST', '/clock/advance', { ms: 15 * MINUTE });
    expect(advanced.body.now).toBe('2026-03-02T10:15:00.000Z');
    const fault = await admin(sandbox.url, 'POST', '/faults', {
      match: 'GET /v1/customers/*',
      kind: 'status',
      status: 500,
    });
    expect(fault.status).toBe(201);
    expect((await admin(sandbox.url, 'GET', '/faults')).body.items).toHaveLength(1);
    expect((await admin(sandbox.url, 'DELETE', '/faults')).status).toBe(204);
    expect((await api.get(`/v1/customers/${CONTOSO}`)).status).toBe(200);
    expect(
      (await admin(sandbox.url, 'POST', '/faults', { match: 'x', kind: 'explode' })).status,
    ).toBe(400);
    const bought = await admin(sandbox.url, 'POST', `/customers/${FABRIKAM}/subscriptions`, {
      productId: 'CFQ7TTC0LF8Q',
      skuId: '0001',
      quantity: 50,
      termDuration: 'P1Y',
      billingCycle: 'annual',
    });
    expect(bought.status).toBe(201);
    expect(bought.body).toMatchObject({
      quantity: 50,
      status: 'active',
      offerId: expect.stringMatching(/^CFQ7TTC0LF8Q:0001:/),
    });
    const listed = await api.get(`/v1/customers/${FABRIKAM}/subscriptions`);
    expect(listed.body.items.map((s: any) => s.id)).toContain(bought.body.id);
    const state = await admin(sandbox.url, 'GET', '/state');
    expect(state.body).toMatchObject({
      now: '2026-03-02T10:15:00.000Z',
      counts: { customers: 5, subscriptions: 4, orders: 1 },
    });
    expect(state.body.callCounts['GET /v1/customers/{customerId}/subscriptions']).toBe(1);
  });

  it('out-of-band purchases through the TypeScript API are visible at once', async () => {
    const { api, sandbox } = await boot();
    const record = sandbox.admin.createSubscription(CONTOSO, {
      productId: 'CFQ7TTC0LH18',
      skuId: '0001',
      quantity: 3,
      termDuration: 'P1M',
    });
    const reply = await api.get(`/v1/customers/${CONTOSO}/subscriptions/${record.id}`);
    expect(reply.body).toMatchObject({ quantity: 3, billingCycle: 'monthly', termDuration: 'P1M' });
    expect(() =>
      sandbox.admin.createSubscription(CONTOSO, {
        productId: 'DG7GMGF0FKZV',
        skuId: '0001',
        quantity: 1,
      }),
    ).toThrow(/cannot be bought/);
  });
});
