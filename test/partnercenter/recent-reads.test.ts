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
import { RecentReads } from '../../src/partnercenter/endpoints/recent-reads.js';

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

  it('keeps after retain only the reads the batch will PATCH (flat memory)', async () => {
    const client = connect();
    const listed = await client.subscriptions.list(contoso);
    const other = listed.find((sub) => sub.id !== BUSINESS_PREMIUM);
    expect(other).toBeDefined();
    client.subscriptions.retainRecentReads(new Set([contoso]), new Set([BUSINESS_PREMIUM]));
    await client.subscriptions.update(contoso, BUSINESS_PREMIUM, {
      kind: 'quantity',
      quantity: 24,
    });
    await client.subscriptions.update(contoso, other!.id, { kind: 'auto-renew', enabled: false });
    // The kept read served its PATCH; the dropped one had to be read again.
    expect(calls().slice(1)).toEqual([
      `PATCH ${subscriptionPath}/${BUSINESS_PREMIUM}`,
      `GET ${subscriptionPath}/${other!.id}`,
      `PATCH ${subscriptionPath}/${other!.id}`,
    ]);
  });
});

describe('RecentReads', () => {
  const dto = (id: string) => ({ id, quantity: 1 }) as never;
  const path = (c: string, s: string) => `/v1/customers/${c}/subscriptions/${s}`;

  it("retain drops the named customers' reads except those kept, leaving others alone", () => {
    const reads = new RecentReads(new ManualClock('2026-03-01T00:00:00Z'), 60_000);
    for (const c of ['c1', 'c2'])
      for (const s of ['s1', 's2']) reads.remember(path(c, s), dto(s), 'e');
    reads.retain(new Set(['c1']), new Set(['s2']));
    expect(reads.size).toBe(3);
    expect(reads.take(path('c1', 's1'))).toBeUndefined();
    expect(reads.take(path('c1', 's2'))).toEqual({ dto: { id: 's2', quantity: 1 }, etag: 'e' });
    expect(reads.take(path('c2', 's1'))?.dto).toEqual({ id: 's1', quantity: 1 });
  });

  it('keeps every read, as text past 20,000 decoded ones, each still usable once', () => {
    const reads = new RecentReads(new ManualClock('2026-03-01T00:00:00Z'), 60_000);
    for (let i = 0; i < 25_000; i += 1) reads.remember(path('c', `s${i}`), dto(`s${i}`), `e${i}`);
    expect(reads.size).toBe(25_000);
    expect(reads.take(path('c', 's0'))).toEqual({ dto: { id: 's0', quantity: 1 }, etag: 'e0' });
    expect(reads.take(path('c', 's24999'))?.etag).toBe('e24999');
    expect(reads.take(path('c', 's0'))).toBeUndefined();
  });
});
