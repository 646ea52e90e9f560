/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-return -- tests read wire JSON loosely. */
/**
 * `GET /v1/auditrecords` on the sandbox (docs/sandbox.md "Audit records"): the documented window
 * rules (30 days by default and at most, 90 days kept, 400 `800002` naming the value), the three
 * documented filters, and seek paging with `MS-ContinuationToken`.
 */
import { describe, expect, it } from 'vitest';
import { CONTOSO, DAY, FABRIKAM, START, boot, expectPcError, type Api } from './helpers.js';

const filter = (field: string, value: string, operator: string) =>
  encodeURIComponent(JSON.stringify({ Field: field, Value: value, Operator: operator }));
const ops = (reply: any) => reply.body.items.map((r: any) => [r.operationType, r.customerId]);

/** Two quantity changes on Contoso, one purchase for Fabrikam, a day apart each. */
async function history(): Promise<{ api: Api; advance: (ms: number) => void }> {
  const { api, sandbox } = await boot();
  const sub = await api.buyLicense(CONTOSO, 'CFQ7TTC0LH18', '0001', 5, 'P1M', 'monthly');
  sandbox.clock.advance(DAY);
  await api.patch(`/v1/customers/${CONTOSO}/subscriptions/${sub.id}`, { quantity: 6 });
  sandbox.clock.advance(DAY);
  await api.buyLicense(FABRIKAM, 'CFQ7TTC0LF8Q', '0001', 3, 'P1M', 'monthly');
  return { api, advance: (ms) => sandbox.clock.advance(ms) };
}

describe('audit records: the window', () => {
  it('defaults to the last 30 days, newest first; a day-only endDate includes that day', async () => {
    const { api } = await history();
    expect(ops(await api.get('/v1/auditrecords'))).toEqual([
      ['create_order', FABRIKAM],
      ['update_subscription', CONTOSO],
      ['create_order', CONTOSO],
    ]);
    const day2 = await api.get('/v1/auditrecords?startDate=2026-03-03&endDate=2026-03-03');
    expect(ops(day2)).toEqual([['update_subscription', CONTOSO]]);
    // An instant range; both ends are included.
    const instants = await api.get(
      `/v1/auditrecords?startDate=${START}&endDate=${encodeURIComponent('2026-03-03T10:00:00Z')}`,
    );
    expect(ops(instants)).toEqual([
      ['update_subscription', CONTOSO],
      ['create_order', CONTOSO],
    ]);
    // The documented request example's form: 6/1/2017 12:00:00 AM.
    const us = await api.get(
      `/v1/auditrecords?startDate=${encodeURIComponent('3/4/2026 12:00:00 AM')}`,
    );
    expect(ops(us)).toEqual([['create_order', FABRIKAM]]);
  });

  it('refuses a start older than 90 days, a window over 30 days, an end before the start, a non-date', async () => {
    const { api, advance } = await history();
    advance(95 * DAY);
    const old = await api.get('/v1/auditrecords?startDate=2026-03-02');
    expectPcError(old, 400, 800002);
    expect(old.body.description).toMatch(
      /startDate 2026-03-02 is more than 90 days before now \(2026-06-07T10:00:00.000Z\).*send a startDate on or after 2026-03-09T10:00:00.000Z/,
    );
    const wide = await api.get('/v1/auditrecords?startDate=2026-04-01&endDate=2026-05-15');
    expectPcError(wide, 400, 800002);
    expect(wide.body.description).toMatch(/spans more than 30 days: ask for at most 30 days/);
    const backwards = await api.get('/v1/auditrecords?startDate=2026-05-15&endDate=2026-05-01');
    expectPcError(backwards, 400, 800002);
    expect(backwards.body.description).toMatch(/endDate 2026-05-01 is before startDate 2026-05-15/);
    const garbage = await api.get('/v1/auditrecords?startDate=yesterday');
    expectPcError(garbage, 400, 800002);
    expect(garbage.body.description).toMatch(/startDate yesterday is not a date: send yyyy-mm-dd/);
  });
});

describe('audit records: filters', () => {
  it('CustomerId equals, CompanyName substring (case ignored), ResourceType equals', async () => {
    const { api } = await history();
    const byCustomer = await api.get(
      `/v1/auditrecords?filter=${filter('CustomerId', CONTOSO.toUpperCase(), 'equals')}`,
    );
    expect(ops(byCustomer)).toEqual([
      ['update_subscription', CONTOSO],
      ['create_order', CONTOSO],
    ]);
    const byName = await api.get(
      `/v1/auditrecords?filter=${filter('CompanyName', 'BRIK', 'substring')}`,
    );
    expect(ops(byName)).toEqual([['create_order', FABRIKAM]]);
    const byType = await api.get(
      `/v1/auditrecords?filter=${filter('ResourceType', 'Subscription', 'equals')}`,
    );
    expect(ops(byType)).toEqual([['update_subscription', CONTOSO]]);
    const lower = await api.get(
      `/v1/auditrecords?filter=${encodeURIComponent('{"field":"resourcetype","value":"order","operator":"EQUALS"}')}`,
    );
    expect(ops(lower).map((o: string[]) => o[0])).toEqual(['create_order', 'create_order']);
  });

  it('refuses a field, an operator or a body it does not support, saying what to send', async () => {
    const { api } = await history();
    const cases: [string, RegExp][] = [
      [
        filter('UserPrincipalName', 'x', 'equals'),
        /Field "UserPrincipalName" is not supported: use CompanyName, CustomerId or ResourceType/,
      ],
      [
        filter('CompanyName', 'x', 'equals'),
        /Operator "equals" is not supported for CompanyName: use substring/,
      ],
      [encodeURIComponent('{"Field":"CustomerId"'), /is not JSON/],
      [filter('CustomerId', '', 'equals'), /needs a string Value/],
    ];
    for (const [value, message] of cases) {
      const reply = await api.get(`/v1/auditrecords?filter=${value}`);
      expectPcError(reply, 400, 800002);
      expect(reply.body.description).toMatch(message);
    }
  });
});

describe('audit records: seek paging', () => {
  it('pages through links.next with MS-ContinuationToken, each record once', async () => {
    const { api, sandbox } = await boot();
    const sub = await api.buyLicense(CONTOSO, 'CFQ7TTC0LH18', '0001', 1, 'P1M', 'monthly');
    for (let q = 2; q <= 12; q++) {
      await api.patch(`/v1/customers/${CONTOSO}/subscriptions/${sub.id}`, { quantity: q });
      if (q === 6) sandbox.clock.advance(1000); // ties and distinct instants both page in order
    }
    const seen: number[] = [];
    let reply = await api.get('/v1/auditrecords?size=5');
    let pages = 1;
    for (;;) {
      expect(reply.status).toBe(200);
      for (const r of reply.body.items) seen.push(JSON.parse(r.resourceNewValue ?? '{}').Quantity);
      const next = reply.body.links.next;
      if (next === undefined) break;
      expect(next.uri).toMatch(/^\/auditrecords\?startDate=.*&size=5&seekOperation=Next$/);
      expect(reply.body.continuationToken).toBe(next.headers[0].value);
      reply = await api.get(`/v1${next.uri}`, {
        headers: { [next.headers[0].key]: next.headers[0].value },
      });
      pages += 1;
    }
    // 11 updates and the purchase (its order has a Quantity too): newest first.
    expect(seen).toEqual([12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, undefined]);
    expect(pages).toBe(3);
  });

  it('refuses seekOperation=Next without a token and a token sent with another query', async () => {
    const { api } = await history();
    const first = await api.get('/v1/auditrecords?size=1');
    const token = first.body.continuationToken as string;
    const bare = await api.get('/v1/auditrecords?size=1&seekOperation=Next');
    expectPcError(bare, 400, 800002);
    expect(bare.body.description).toMatch(/needs the MS-ContinuationToken header/);
    const other = await api.get(
      `/v1/auditrecords?size=1&filter=${filter('CustomerId', CONTOSO, 'equals')}&seekOperation=Next`,
      { headers: { 'MS-ContinuationToken': token } },
    );
    expectPcError(other, 400, 800002);
    expect(other.body.description).toMatch(/belongs to another query: follow links.next/);
    const forged = await api.get('/v1/auditrecords?size=1&seekOperation=Next', {
      headers: { 'MS-ContinuationToken': 'not-a-token' },
    });
    expectPcError(forged, 400, 800002);
  });
});
