import { afterEach, describe, expect, it } from 'vitest';
import { createCaller } from '../../src/partnercenter/caller.js';
import { createRateLimiter } from '../../src/partnercenter/rate-limiter.js';
import { DEFAULT_RETRY_POLICY } from '../../src/partnercenter/retry-policy.js';
import {
  createPartnerCenterClient,
  createStaticTokenSource,
  PartnerCenterError,
} from '../../src/partnercenter/index.js';
import { ManualClock } from '../../src/support/index.js';
import { createMockWire, expectCall, headerRecord, ORIGIN, type SeenRequest } from './mock-wire.js';

// Issue 14: the bearer token goes only to the configured Partner Center origin. Absolute URLs
// that responses hand back (`links.next.uri`, a 202 `Location`) are refused when they point
// elsewhere, never followed; relative ones keep working.

const FOREIGN = 'https://collector.evil.test';
let wire = createMockWire();
afterEach(async () => {
  await wire.agent.close();
  wire = createMockWire();
});

/** Records anything that reaches the foreign origin (it must stay empty). */
function watchForeign(): SeenRequest[] {
  const seen: SeenRequest[] = [];
  wire.agent
    .get(FOREIGN)
    .intercept({ method: () => true, path: () => true })
    .reply((opts) => {
      seen.push({
        method: opts.method,
        path: opts.path,
        headers: headerRecord(opts.headers),
        body: '',
      });
      return { statusCode: 200, data: JSON.stringify({ totalCount: 0, items: [] }) };
    })
    .persist();
  return seen;
}

const page = (next?: string) => ({
  totalCount: 1,
  items: [{ id: '11111111-1111-4111-8111-111111111111', companyProfile: { companyName: 'c' } }],
  ...(next === undefined ? {} : { links: { next: { uri: next, method: 'GET' } } }),
});

function client() {
  return createPartnerCenterClient({
    baseUrl: ORIGIN,
    tokenSource: createStaticTokenSource('tok-secret'),
    clock: new ManualClock(),
    dispatcher: wire.agent,
    retry: { jitter: () => 0 },
  });
}

describe('the token stays on the configured origin', () => {
  it('a links.next.uri on another origin is refused with foreign-origin, not followed', async () => {
    const foreign = watchForeign();
    expectCall(wire, 'GET', '/v1/customers?size=2', {
      status: 200,
      body: page(`${FOREIGN}/v1/customers?size=2&page=2`),
    });
    const error = await client()
      .customers.list({ pageSize: 2 })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(PartnerCenterError);
    expect(error).toMatchObject({ code: 'foreign-origin', status: 0, retry: 'never' });
    expect((error as Error).message).toContain(FOREIGN);
    expect((error as Error).message).toContain('partnerCenter.endpoint');
    expect(foreign).toEqual([]);
  });

  it('a scheme downgrade on the same host is another origin too', async () => {
    const caller = createCaller({
      baseUrl: ORIGIN,
      tokenSource: createStaticTokenSource('tok-secret'),
      clock: new ManualClock(),
      timeoutMs: 1000,
      retry: DEFAULT_RETRY_POLICY,
      limiter: createRateLimiter(new ManualClock(), 500),
      applicationName: 'qm-test',
      dispatcher: wire.agent,
      newRequestId: () => 'req-1',
      onCall: undefined,
    });
    await expect(
      caller({ method: 'GET', path: 'http://pc.test/v1/customers/x/subscriptions/y' }),
    ).rejects.toMatchObject({ code: 'foreign-origin', requestId: 'req-1' });
  });

  it.each([
    ['relative to /v1 without a slash', 'customers?size=2&page=2'],
    ['relative to /v1', '/customers?size=2&page=2'],
    ['with /v1', '/v1/customers?size=2&page=2'],
    ['absolute on the same origin', `${ORIGIN}/v1/customers?size=2&page=2`],
  ])('a next link %s is followed with the token', async (_name, next) => {
    expectCall(wire, 'GET', '/v1/customers?size=2', { status: 200, body: page(next) });
    expectCall(wire, 'GET', '/v1/customers?size=2&page=2', { status: 200, body: page() });
    const customers = await client().customers.list({ pageSize: 2 });
    expect(customers).toHaveLength(2);
    expect(wire.seen.map((r) => [r.path, r.headers['authorization']])).toEqual([
      ['/v1/customers?size=2', 'Bearer tok-secret'],
      ['/v1/customers?size=2&page=2', 'Bearer tok-secret'],
    ]);
  });
});
