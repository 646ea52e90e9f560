import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseCustomerId } from '../../src/model/index.js';
import {
  createPartnerCenterClient,
  createStaticTokenSource,
  PartnerCenterError,
  type PartnerCenterClient,
} from '../../src/partnercenter/index.js';
import {
  createSandboxClock,
  SANDBOX_TOKENS,
  SEED_CUSTOMERS,
  startSandbox,
  type RunningSandbox,
} from '../../src/sandbox/index.js';
import { ManualClock } from '../../src/support/index.js';

const contoso = parseCustomerId(SEED_CUSTOMERS.contoso)!;
const BUSINESS_PREMIUM = '3a1f9e8d-7c6b-4a5e-9d4c-3b2a1f0e9d8c';

/**
 * A PATCH right after a refresh reuses the read (full resource + etag) instead of a GET: one
 * call per change. A subscription changed since the read is refused (2055) and not replayed.
 */
describe('subscription PATCH after a recent read', () => {
  let sandbox: RunningSandbox;
  let clock: ManualClock;
  const clients: PartnerCenterClient[] = [];
  beforeEach(async () => {
    sandbox = await startSandbox({
      clock: createSandboxClock('2026-03-01T00:00:00Z'),
      rateLimitPerMinute: 0,
    });
    clock = new ManualClock('2026-03-01T00:00:00Z');
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
    await sandbox.close();
  });
  const connect = (): PartnerCenterClient => {
    const client = createPartnerCenterClient({
      baseUrl: sandbox.url,
      tokenSource: createStaticTokenSource(SANDBOX_TOKENS.appUser),
      clock,
      recentReadTtlMs: 60_000,
    });
    clients.push(client);
    return client;
  };
  const calls = (): string[] =>
    sandbox.state.requests().map((r) => `${r.method} ${r.path.split('?')[0]}`);
  const subscriptionPath = `/v1/customers/${contoso}/subscriptions`;

  it('PATCHes with the etag from the list: no GET in between', async () => {
    const client = connect();
    await client.subscriptions.list(contoso);
    await client.subscriptions.update(contoso, BUSINESS_PREMIUM, {
      kind: 'quantity',
      quantity: 23,
    });
    expect(calls()).toEqual([
      `GET ${subscriptionPath}`,
      `PATCH ${subscriptionPath}/${BUSINESS_PREMIUM}`,
    ]);
    expect(
      sandbox.state.subscriptions(contoso).find((s) => s.id === BUSINESS_PREMIUM)?.quantity,
    ).toBe(23);

    // The read is used once: a second change on the same subscription reads it again.
    await client.subscriptions.update(contoso, BUSINESS_PREMIUM, {
      kind: 'auto-renew',
      enabled: false,
    });
    expect(calls().slice(2)).toEqual([
      `GET ${subscriptionPath}/${BUSINESS_PREMIUM}`,
      `PATCH ${subscriptionPath}/${BUSINESS_PREMIUM}`,
    ]);
  });

  it('reads again once the read is older than the TTL', async () => {
    const client = connect();
    await client.subscriptions.list(contoso);
    clock.advance(60_001);
    await client.subscriptions.update(contoso, BUSINESS_PREMIUM, {
      kind: 'quantity',
      quantity: 22,
    });
    expect(calls()).toEqual([
      `GET ${subscriptionPath}`,
      `GET ${subscriptionPath}/${BUSINESS_PREMIUM}`,
      `PATCH ${subscriptionPath}/${BUSINESS_PREMIUM}`,
    ]);
  });

  it('refuses (2055) and does not replay a change when the subscription moved since the read', async () => {
    const agent = connect();
    await agent.subscriptions.list(contoso);
    await connect().subscriptions.update(contoso, BUSINESS_PREMIUM, {
      kind: 'quantity',
      quantity: 30,
    }); // someone else
    const stale = await agent.subscriptions
      .update(contoso, BUSINESS_PREMIUM, { kind: 'quantity', quantity: 21 })
      .catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(PartnerCenterError);
    expect(stale).toMatchObject({ code: '2055', kind: 'etag-stale' });
    expect((stale as Error).message).toContain(
      'changed since it was read and does not show the change; it was not replayed',
    );
    expect(
      sandbox.state.subscriptions(contoso).find((s) => s.id === BUSINESS_PREMIUM)?.quantity,
    ).toBe(30);
  });
});
