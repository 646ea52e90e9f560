import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseCustomerId, type CustomerId } from '../../src/model/index.js';
import {
  createPartnerCenterClient,
  createStaticTokenSource,
  PartnerCenterError,
  type CallEvent,
  type PartnerCenterClient,
  type PartnerCenterClientOptions,
  type TokenSource,
} from '../../src/partnercenter/index.js';
import {
  createSandboxClock,
  SANDBOX_TOKENS,
  SEED_CUSTOMERS,
  startSandbox,
  type RunningSandbox,
} from '../../src/sandbox/index.js';
import { ManualClock } from '../../src/support/index.js';
import { waitUntil } from './helpers.js';

const contoso = parseCustomerId(SEED_CUSTOMERS.contoso)!;
const BUSINESS_PREMIUM = '3a1f9e8d-7c6b-4a5e-9d4c-3b2a1f0e9d8c';
const CHECKOUT = 'POST /v1/customers/*/carts/*/checkout';

let sandbox: RunningSandbox;
let clock: ManualClock;
let events: CallEvent[];
let open: PartnerCenterClient[];

beforeEach(async () => {
  sandbox = await startSandbox({
    clock: createSandboxClock('2026-03-01T00:00:00Z'),
    rateLimitPerMinute: 0,
  });
  clock = new ManualClock('2026-03-01T00:00:00Z');
  events = [];
  open = [];
});

afterEach(async () => {
  await Promise.all(open.map((client) => client.close()));
  await sandbox.close();
});

function connect(extra: Partial<PartnerCenterClientOptions> = {}): PartnerCenterClient {
  const client = createPartnerCenterClient({
    baseUrl: sandbox.url,
    tokenSource: createStaticTokenSource(SANDBOX_TOKENS.appUser),
    clock,
    retry: { jitter: () => 0 },
    timeoutMs: 5_000,
    onCall: (event) => events.push(event),
    ...extra,
  });
  open.push(client);
  return client;
}

/** Drives a call to completion, advancing the manual clock whenever the client waits on it. */
async function settle<T>(promise: Promise<T>): Promise<T> {
  let done = false;
  promise.then(
    () => (done = true),
    () => (done = true),
  );
  for (;;) {
    await waitUntil(() => done || clock.pendingSleeps > 0);
    if (done) return promise;
    clock.advance(120_000);
  }
}

async function cartFor(client: PartnerCenterClient, customerId: CustomerId) {
  const item = await client.catalog.resolveCatalogItem({
    country: 'US',
    productId: 'CFQ7TTC0LH18',
    skuId: '0001',
    term: 'P1M',
    billing: 'monthly',
  });
  expect(item).toBeDefined();
  const cart = await client.carts.create(customerId, {
    lineItems: [
      {
        id: 0,
        catalogItemId: item!.catalogItemId,
        quantity: 3,
        billingCycle: 'monthly',
        termDuration: 'P1M',
      },
    ],
  });
  expect(cart.lineItems[0]?.error).toBeUndefined();
  return cart;
}

const checkoutRequests = () =>
  sandbox.state.requests().filter((r) => r.method === 'POST' && r.path.endsWith('/checkout'));

describe('client against the sandbox', () => {
  it('is accepted with its headers and reports each call with the MS-RequestId the server saw', async () => {
    const client = connect();
    const subscriptions = await client.subscriptions.list(contoso);
    expect(subscriptions.map((s) => s.id)).toContain(BUSINESS_PREMIUM);
    const seen = sandbox.state.requests().map((r) => r.requestId);
    expect(events.map((e) => e.requestId)).toEqual(seen);
    expect(events[0]).toMatchObject({ method: 'GET', family: 'subscriptions', status: 200 });

    const anonymous = connect({ tokenSource: createStaticTokenSource('') });
    await expect(anonymous.subscriptions.list(contoso)).rejects.toMatchObject({
      status: 401,
      kind: 'unauthorized',
    });
  });

  it('retries a throttled checkout after Retry-After: 2 on the injected clock with the same MS-RequestId', async () => {
    const client = connect();
    const cart = await cartFor(client, contoso);
    sandbox.faults.add({ kind: 'throttle', retryAfterSeconds: 2, match: CHECKOUT });
    const done = client.carts.checkout(contoso, cart.id, { requestId: 'checkout-rid-1', cart });
    await waitUntil(() => clock.pendingSleeps === 1);
    clock.advance(1_999);
    for (let i = 0; i < 200; i++) await new Promise((r) => setImmediate(r));
    expect(checkoutRequests()).toHaveLength(1);
    clock.advance(1);
    const result = await done;
    expect(result.orders).toHaveLength(1);
    expect(checkoutRequests().map((r) => [r.status, r.requestId])).toEqual([
      [429, 'checkout-rid-1'],
      [201, 'checkout-rid-1'],
    ]);
  });

  it('recovers a dropped checkout response on the same cart with exactly one order', async () => {
    const client = connect();
    const cart = await cartFor(client, contoso);
    const ordersBefore = sandbox.state.orders(contoso).length;
    sandbox.faults.add({ kind: 'drop-after-commit', match: CHECKOUT });
    const result = await settle(
      client.carts.checkout(contoso, cart.id, { requestId: 'checkout-rid-2' }),
    );
    expect(result.orders).toHaveLength(1);
    expect(new Set(checkoutRequests().map((r) => r.requestId))).toEqual(
      new Set(['checkout-rid-2']),
    );
    expect(
      events.filter((e) => e.path.endsWith('/checkout')).map((e) => e.code ?? e.status),
    ).toEqual(['network', 201]);
    // A re-drive after a crash (new process, new request id) on the same cart replays the result.
    const again = await client.carts.checkout(contoso, cart.id, { requestId: 'checkout-rid-3' });
    expect(again.orders.map((o) => o.id)).toEqual(result.orders.map((o) => o.id));
    expect(sandbox.state.orders(contoso)).toHaveLength(ordersBefore + 1);
    const bought = await client.subscriptions.listByOrder(contoso, result.orders[0]!.id);
    expect(bought.map((s) => [s.productId, s.quantity])).toEqual([['CFQ7TTC0LH18', 3]]);
  });

  it('updates a subscription by GET-modify-PATCH of the full resource with If-Match', async () => {
    const client = connect();
    const updated = await client.subscriptions.update(
      contoso,
      BUSINESS_PREMIUM,
      { kind: 'quantity', quantity: 23 },
      { requestId: 'patch-1' },
    );
    expect(updated).toMatchObject({
      completion: 'immediate',
      requestId: 'patch-1',
      subscription: { quantity: 23 },
    });
    expect(
      sandbox.state.subscriptions(contoso).find((s) => s.id === BUSINESS_PREMIUM)?.quantity,
    ).toBe(23);
    expect(sandbox.state.requests().map((r) => r.method)).toEqual(['GET', 'PATCH']);

    // A change lands between our GET and our PATCH: the stale etag is refused (2055), not overwritten.
    const other = connect();
    let calls = 0;
    const racing: TokenSource = {
      async getToken() {
        calls++;
        if (calls === 2)
          await other.subscriptions.update(contoso, BUSINESS_PREMIUM, {
            kind: 'auto-renew',
            enabled: false,
          });
        return SANDBOX_TOKENS.appUser;
      },
    };
    const stale = await connect({ tokenSource: racing })
      .subscriptions.update(contoso, BUSINESS_PREMIUM, { kind: 'quantity', quantity: 25 })
      .catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(PartnerCenterError);
    expect(stale).toMatchObject({ code: '2055', kind: 'etag-stale' });
    expect(
      sandbox.state.subscriptions(contoso).find((s) => s.id === BUSINESS_PREMIUM),
    ).toMatchObject({ quantity: 23, autoRenewEnabled: false });
  });

  it('retries a timed-out PATCH with the same MS-RequestId and gets the replayed answer, changing once', async () => {
    const client = connect({ timeoutMs: 150 });
    sandbox.faults.add({
      kind: 'delay-response',
      ms: 1_000,
      match: 'PATCH /v1/customers/*/subscriptions/*',
    });
    const result = await settle(
      client.subscriptions.update(
        contoso,
        BUSINESS_PREMIUM,
        { kind: 'quantity', quantity: 21 },
        { requestId: 'patch-t' },
      ),
    );
    expect(result.subscription.quantity).toBe(21);
    const patches = sandbox.state.requests().filter((r) => r.method === 'PATCH');
    expect(patches.map((r) => [r.requestId, r.replayed ?? false])).toEqual([
      ['patch-t', false],
      ['patch-t', true],
    ]);
    expect(events.filter((e) => e.method === 'PATCH').map((e) => e.code ?? e.status)).toEqual([
      'timeout',
      200,
    ]);
  });

  it('follows a 202 Location until the change shows', async () => {
    await sandbox.close();
    sandbox = await startSandbox({
      clock: createSandboxClock('2026-03-01T00:00:00Z'),
      rateLimitPerMinute: 0,
      asyncPatchShare: 1,
    });
    const client = connect({ pollIntervalMs: 5_000 });
    const done = client.subscriptions.update(contoso, BUSINESS_PREMIUM, {
      kind: 'auto-renew',
      enabled: false,
    });
    await waitUntil(() => clock.pendingSleeps === 1);
    expect(sandbox.state.requests().map((r) => [r.method, r.status])).toEqual([
      ['GET', 200],
      ['PATCH', 202],
    ]);
    clock.advance(5_000);
    const result = await done;
    expect(result).toMatchObject({
      completion: 'accepted',
      subscription: { autoRenewEnabled: false },
    });
    expect(sandbox.state.requests().map((r) => r.method)).toEqual(['GET', 'PATCH', 'GET']);
  });

  it('lists customers across continuation-token pages', async () => {
    const client = connect();
    const customers = await client.customers.list({ pageSize: 2 });
    const expected = sandbox.state
      .customers()
      .map((c) => c.id)
      .sort();
    expect(customers.map((c) => c.id).sort()).toEqual(expected);
    expect(expected.length).toBeGreaterThan(2);
    expect(sandbox.state.requests().length).toBeGreaterThanOrEqual(Math.ceil(expected.length / 2));
  });

  it('refuses entitlements to an app-only token with a typed error', async () => {
    const client = connect({ tokenSource: createStaticTokenSource(SANDBOX_TOKENS.appOnly) });
    await expect(client.entitlements.list(contoso)).rejects.toMatchObject({
      status: 403,
      kind: 'app-only-not-supported',
    });
    await expect(connect().entitlements.list(contoso)).resolves.toBeInstanceOf(Array);
  });

  it('builds a catalog view and resolves SKUs that are not sold as absent', async () => {
    const client = connect();
    const view = await client.catalog.buildView([
      { country: 'US', productId: 'CFQ7TTC0LCHC', skuId: '0002' },
      { country: 'US', productId: 'NOPE00000000', skuId: '0001' },
    ]);
    expect(view.skus.map((s) => [s.productId, s.skuId, s.productKind])).toEqual([
      ['CFQ7TTC0LCHC', '0002', 'license'],
    ]);
    expect(view.availabilities.every((a) => a.catalogItemId.startsWith('CFQ7TTC0LCHC:0002:'))).toBe(
      true,
    );
    const calls = sandbox.state.requests().length;
    await client.catalog.buildView([{ country: 'US', productId: 'CFQ7TTC0LCHC', skuId: '0002' }]);
    expect(sandbox.state.requests()).toHaveLength(calls); // served from the cache
    await expect(
      client.catalog.resolveCatalogItem({
        country: 'US',
        productId: 'CFQ7TTC0LCHC',
        skuId: '0002',
        term: 'P1M',
        billing: 'triennial',
      }),
    ).resolves.toBeUndefined();
  });
});
