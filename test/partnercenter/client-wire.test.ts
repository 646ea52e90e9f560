import { afterEach, describe, expect, it } from 'vitest';
import type { CustomerId } from '../../src/model/index.js';
import {
  createEnvTokenSource,
  createPartnerCenterClient,
  createStaticTokenSource,
  PartnerCenterError,
  type CallEvent,
  type PartnerCenterClientOptions,
} from '../../src/partnercenter/index.js';
import { ManualClock } from '../../src/support/index.js';
import { aSubscriptionBody, CUSTOMER, SUBSCRIPTION, waitUntil } from './helpers.js';
import { createMockWire, expectCall, ORIGIN } from './mock-wire.js';

const customer = CUSTOMER as CustomerId;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const subPath = `/v1/customers/${CUSTOMER}/subscriptions/${SUBSCRIPTION}`;
const checkoutPath = `/v1/customers/${CUSTOMER}/carts/cart-1/checkout`;

let wire = createMockWire();
afterEach(async () => {
  await wire.agent.close();
  wire = createMockWire();
});

function clientWith(extra: Partial<PartnerCenterClientOptions> = {}) {
  const clock = new ManualClock();
  const events: CallEvent[] = [];
  const client = createPartnerCenterClient({
    baseUrl: ORIGIN,
    tokenSource: createStaticTokenSource('tok-1'),
    clock,
    dispatcher: wire.agent,
    retry: { jitter: () => 0 },
    onCall: (event) => events.push(event),
    ...extra,
  });
  return { client, clock, events };
}

describe('client on the wire (MockAgent)', () => {
  it('sends the Partner Center headers', async () => {
    expectCall(wire, 'GET', subPath, { status: 200, body: aSubscriptionBody(false) });
    const { client, events } = clientWith({ applicationName: 'qm-test' });
    await client.subscriptions.get(customer, SUBSCRIPTION);
    const headers = wire.seen[0]!.headers;
    expect(headers).toMatchObject({
      authorization: 'Bearer tok-1',
      accept: 'application/json',
      'ms-contract-version': 'v1',
      'ms-partnercenter-application': 'qm-test',
    });
    expect(headers['ms-requestid']).toMatch(GUID);
    expect(headers['ms-correlationid']).toMatch(GUID);
    expect(headers['ms-correlationid']).not.toBe(headers['ms-requestid']);
    expect(events).toEqual([
      expect.objectContaining({
        method: 'GET',
        family: 'subscriptions',
        status: 200,
        attempt: 1,
        requestId: headers['ms-requestid'],
      }),
    ]);
  });

  it('decodes a PascalCase response like a camelCase one', async () => {
    expectCall(wire, 'GET', subPath, { status: 200, body: aSubscriptionBody(true) });
    expectCall(wire, 'GET', subPath, { status: 200, body: aSubscriptionBody(false) });
    const { client } = clientWith();
    const pascal = await client.subscriptions.get(customer, SUBSCRIPTION);
    const camel = await client.subscriptions.get(customer, SUBSCRIPTION);
    expect(pascal).toEqual(camel);
    expect(pascal.quantity).toBe(10);
  });

  it('waits Retry-After: 2 on the injected clock and retries a checkout with the same MS-RequestId', async () => {
    expectCall(wire, 'POST', checkoutPath, {
      status: 429,
      body: { statusCode: 429, message: 'Rate limit is exceeded. Try again in 2 seconds.' },
      headers: { 'retry-after': '2' },
    });
    expectCall(wire, 'POST', checkoutPath, { status: 201, body: { orders: [], orderErrors: [] } });
    const { client, clock, events } = clientWith();
    const done = client.carts.checkout(customer, 'cart-1', { requestId: 'journalled-1' });
    await waitUntil(() => clock.pendingSleeps === 1);
    clock.advance(1999);
    for (let i = 0; i < 50; i++) await new Promise((r) => setImmediate(r));
    expect(wire.seen).toHaveLength(1);
    clock.advance(1);
    await expect(done).resolves.toEqual({ orders: [], orderErrors: [] });
    expect(wire.seen.map((r) => r.headers['ms-requestid'])).toEqual([
      'journalled-1',
      'journalled-1',
    ]);
    expect(wire.seen[0]!.headers['ms-correlationid']).not.toBe(
      wire.seen[1]!.headers['ms-correlationid'],
    );
    expect(events.map((e) => [e.status, e.code])).toEqual([
      [429, 'http-429'],
      [201, undefined],
    ]);
  });

  it('retries a mutating call after a network failure with the same MS-RequestId', async () => {
    wire.agent
      .get(ORIGIN)
      .intercept({ method: 'POST', path: checkoutPath })
      .replyWithError(new Error('socket hang up'));
    expectCall(wire, 'POST', checkoutPath, { status: 201, body: { orders: [], orderErrors: [] } });
    const { client, clock, events } = clientWith({ newRequestId: () => 'generated-1' });
    const done = client.carts.checkout(customer, 'cart-1');
    await waitUntil(() => clock.pendingSleeps === 1);
    clock.advance(250);
    await done;
    expect(events.map((e) => [e.status, e.code, e.requestId])).toEqual([
      [0, 'network', 'generated-1'],
      [201, undefined, 'generated-1'],
    ]);
  });

  it('a retried PATCH answered 2055 succeeds when its first attempt landed, and fails when it did not', async () => {
    const landed = { ...aSubscriptionBody(false), quantity: 12 };
    for (const [after, outcome] of [
      [landed, 'succeeds'],
      [aSubscriptionBody(false), 'fails'],
    ] as const) {
      expectCall(wire, 'GET', subPath, { status: 200, body: aSubscriptionBody(false) });
      wire.agent
        .get(ORIGIN)
        .intercept({ method: 'PATCH', path: subPath })
        .replyWithError(new Error('socket hang up'));
      expectCall(wire, 'PATCH', subPath, {
        status: 412,
        body: { code: 2055, description: 'The etag does not match.' },
      });
      expectCall(wire, 'GET', subPath, { status: 200, body: after });
      const { client, clock } = clientWith({ newRequestId: () => 'patch-1' });
      const done = client.subscriptions
        .update(customer, SUBSCRIPTION, { kind: 'quantity', quantity: 12 })
        .then(
          (r) => r.subscription.quantity,
          (e: unknown) => e,
        );
      await waitUntil(() => clock.pendingSleeps === 1);
      clock.advance(250);
      const result = await done;
      if (outcome === 'succeeds') expect(result).toBe(12);
      else expect(result).toMatchObject({ code: '2055', kind: 'etag-stale' });
    }
  });

  it('never retries a 4xx business error, and types it', async () => {
    expectCall(wire, 'POST', checkoutPath, {
      status: 409,
      body: { code: '800064', description: 'cart is being processed' },
    });
    const { client } = clientWith();
    const error = await client.carts
      .checkout(customer, 'cart-1', { requestId: 'r-1' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PartnerCenterError);
    expect(error).toMatchObject({
      code: '800064',
      status: 409,
      requestId: 'r-1',
      kind: 'cart-in-progress',
    });
    expect(wire.seen).toHaveLength(1);
  });

  it('retries GETs on 5xx and malformed bodies with backoff, but not a malformed mutating answer', async () => {
    expectCall(wire, 'GET', subPath, { status: 503, body: '' });
    expectCall(wire, 'GET', subPath, { status: 200, body: '{"id": ' });
    expectCall(wire, 'GET', subPath, { status: 200, body: aSubscriptionBody(false) });
    const { client, clock, events } = clientWith();
    const done = client.subscriptions.get(customer, SUBSCRIPTION);
    await waitUntil(() => clock.pendingSleeps === 1);
    clock.advance(250);
    await waitUntil(() => clock.pendingSleeps === 1);
    clock.advance(500);
    await expect(done).resolves.toMatchObject({ quantity: 10 });
    expect(events.map((e) => e.code)).toEqual(['http-503', 'malformed-response', undefined]);

    expectCall(wire, 'POST', checkoutPath, { status: 201, body: 'not json' });
    await expect(client.carts.checkout(customer, 'cart-1')).rejects.toMatchObject({
      code: 'malformed-response',
    });
  });

  it('gives up after maxAttempts and surfaces the last error', async () => {
    for (let i = 0; i < 2; i++)
      expectCall(wire, 'GET', subPath, {
        status: 500,
        body: { code: '800003', description: 'boom' },
      });
    const { client, clock } = clientWith({ retry: { maxAttempts: 2, jitter: () => 0 } });
    const done = client.subscriptions.get(customer, SUBSCRIPTION).catch((e: unknown) => e);
    await waitUntil(() => clock.pendingSleeps === 1);
    clock.advance(250);
    expect(await done).toMatchObject({ code: '800003', kind: 'server-error', status: 500 });
  });

  it('keeps each route family under its per-minute budget on the clock', async () => {
    for (let i = 0; i < 3; i++)
      expectCall(wire, 'GET', subPath, { status: 200, body: aSubscriptionBody(false) });
    expectCall(wire, 'GET', `/v1/customers/${CUSTOMER}/orders/o-1`, {
      status: 200,
      body: { id: 'o-1', lineItems: [] },
    });
    const { client, clock } = clientWith({ rateLimitPerMinute: 2 });
    await client.subscriptions.get(customer, SUBSCRIPTION);
    await client.subscriptions.get(customer, SUBSCRIPTION);
    const third = client.subscriptions.get(customer, SUBSCRIPTION);
    await waitUntil(() => clock.pendingSleeps === 1);
    await client.orders.get(customer, 'o-1'); // another family is not held back
    expect(wire.seen.filter((r) => r.path === subPath)).toHaveLength(2);
    clock.advance(60_001);
    await third;
    expect(wire.seen.filter((r) => r.path === subPath)).toHaveLength(3);
  });

  it('follows continuation tokens from links.next headers or the body', async () => {
    const customerBody = (id: string) => ({
      id,
      companyProfile: { companyName: `c-${id.slice(0, 4)}`, domain: 'x.test' },
    });
    const a = '11111111-1111-4111-8111-111111111111';
    const b = '22222222-2222-4222-8222-222222222222';
    const c = '33333333-3333-4333-8333-333333333333';
    expectCall(wire, 'GET', '/v1/customers?size=2', {
      status: 200,
      body: {
        totalCount: 2,
        items: [customerBody(a), customerBody(b)],
        links: {
          next: {
            uri: '/customers?size=2&seekOperation=Next',
            method: 'GET',
            headers: [{ key: 'MS-ContinuationToken', value: 'tok-a' }],
          },
        },
      },
    });
    expectCall(wire, 'GET', '/v1/customers?size=2&seekOperation=Next', {
      status: 200,
      body: {
        totalCount: 1,
        items: [customerBody(c)],
        continuationToken: 'tok-b',
        links: { next: { uri: '/v1/customers?size=2&seekOperation=Next&page=3' } },
      },
    });
    expectCall(wire, 'GET', '/v1/customers?size=2&seekOperation=Next&page=3', {
      status: 200,
      body: { totalCount: 0, items: [] },
    });
    const { client } = clientWith();
    const customers = await client.customers.list({ pageSize: 2 });
    expect(customers.map((x) => x.id)).toEqual([a, b, c]);
    expect(wire.seen.map((r) => r.headers['ms-continuationtoken'])).toEqual([
      undefined,
      'tok-a',
      'tok-b',
    ]);
  });

  it('access-token mode names the missing variable', async () => {
    const { client } = clientWith({ tokenSource: createEnvTokenSource('QM_ACCESS_TOKEN', {}) });
    await expect(client.orders.list(customer)).rejects.toThrow(/QM_ACCESS_TOKEN/);
    expect(wire.seen).toHaveLength(0);
    await expect(createEnvTokenSource('T', { T: 'Bearer abc' }).getToken()).resolves.toBe('abc');
  });
});
