/**
 * The real client reads the activity log from the sandbox over HTTP
 * (`client.auditRecords`, docs/partner-center-client.md): many pages followed with
 * `MS-ContinuationToken`, each record once and newest first; a consumer that stops early sends
 * no further request; windows and the three documented filters; the server's refusal surfaces
 * as a PartnerCenterError with its code and what to do.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  auditedSubscriptionIds,
  parseCustomerId,
  type AuditQuery,
  type AuditRecord,
} from '../../src/model/index.js';
import {
  createPartnerCenterClient,
  createStaticTokenSource,
  PartnerCenterError,
  type CallEvent,
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
const fabrikam = parseCustomerId(SEED_CUSTOMERS.fabrikam)!;
const DAY = 86_400_000;
const hex = (n: number) => n.toString(16).padStart(12, '0');

let sandbox: RunningSandbox | undefined;
let client: PartnerCenterClient | undefined;
let calls: CallEvent[] = [];
afterEach(async () => {
  await client?.close();
  await sandbox?.close();
  calls = [];
});

async function start(): Promise<PartnerCenterClient> {
  sandbox = await startSandbox({ clock: createSandboxClock('2026-03-02T10:00:00Z') });
  client = createPartnerCenterClient({
    baseUrl: sandbox.url,
    tokenSource: createStaticTokenSource(SANDBOX_TOKENS.appUser),
    clock: new ManualClock(),
    retry: { maxAttempts: 1 },
    onCall: (event) => calls.push(event),
  });
  return client;
}

async function collect(c: PartnerCenterClient, q: AuditQuery): Promise<AuditRecord[]> {
  const out: AuditRecord[] = [];
  for await (const record of c.auditRecords.list(q)) out.push(record);
  return out;
}

describe('client.auditRecords against the sandbox', () => {
  it('follows 11 pages of 100, each record once, newest first, one GET per page', async () => {
    const c = await start();
    sandbox!.admin.transaction(() => {
      for (let i = 0; i < 1_050; i++) {
        sandbox!.admin.seedCustomer({
          id: `0000aaaa-0000-4000-8000-${hex(i)}`,
          name: `T${i}`,
          country: 'NL',
        });
        if (i % 100 === 99) sandbox!.clock.advance(60_000);
      }
    });
    const sizes: number[] = [];
    const ids = new Set<string>();
    const dates: string[] = [];
    for await (const page of c.auditRecords.pages({ startDate: '2026-03-01', pageSize: 100 })) {
      sizes.push(page.records.length);
      for (const r of page.records) {
        ids.add(r.id!);
        dates.push(r.operationDate);
      }
    }
    expect(sizes).toEqual([...Array<number>(10).fill(100), 50]);
    expect(ids.size).toBe(1_050);
    expect([...dates].sort().reverse()).toEqual(dates);
    const gets = calls.filter((e) => e.path.startsWith('/v1/auditrecords'));
    expect(gets).toHaveLength(11);
  });

  it('stops reading when the consumer stops', async () => {
    const c = await start();
    for (let q = 21; q <= 25; q++)
      sandbox!.admin.updateSubscription(contoso, '3a1f9e8d-7c6b-4a5e-9d4c-3b2a1f0e9d8c', {
        quantity: q,
      });
    for await (const record of c.auditRecords.list({ startDate: '2026-03-01', pageSize: 2 })) {
      expect(record.operationType).toBe('update_subscription');
      break;
    }
    expect(calls.filter((e) => e.path.startsWith('/v1/auditrecords'))).toHaveLength(1);
  });

  it('reads a window and the documented filters, mapped to the model', async () => {
    const c = await start();
    sandbox!.admin.updateSubscription(contoso, '3a1f9e8d-7c6b-4a5e-9d4c-3b2a1f0e9d8c', {
      quantity: 22,
    });
    sandbox!.clock.advance(2 * DAY);
    const bought = sandbox!.admin.createSubscription(fabrikam, {
      productId: 'CFQ7TTC0LF8Q',
      skuId: '0001',
      quantity: 3,
      termDuration: 'P1M',
    });
    const day1 = await collect(c, { startDate: '2026-03-02', endDate: '2026-03-02' });
    expect(day1.map((r) => [r.operationType, r.customerId, r.userPrincipalName])).toEqual([
      ['update_subscription', contoso, 'admin@portal'],
    ]);
    expect(auditedSubscriptionIds(day1[0]!)).toEqual(['3a1f9e8d-7c6b-4a5e-9d4c-3b2a1f0e9d8c']);
    const since = new Date('2026-03-03T00:00:00Z');
    const recent = await collect(c, { startDate: since });
    expect(recent.map((r) => [r.operationType, r.resourceType, r.customerName])).toEqual([
      ['create_order', 'order', 'Fabrikam GmbH'],
    ]);
    expect(auditedSubscriptionIds(recent[0]!)).toEqual([bought.id]);
    const byId = await collect(c, {
      startDate: '2026-03-01',
      filter: { kind: 'customer-id', customerId: fabrikam },
    });
    const byName = await collect(c, {
      startDate: '2026-03-01',
      filter: { kind: 'company-name', substring: 'contoso' },
    });
    const byType = await collect(c, {
      startDate: '2026-03-01',
      filter: { kind: 'resource-type', resourceType: 'subscription' },
    });
    expect([byId, byName, byType].map((list) => list.map((r) => r.operationType))).toEqual([
      ['create_order'],
      ['update_subscription'],
      ['update_subscription'],
    ]);
  });

  it('surfaces a refused window as a PartnerCenterError naming the call, its code and what to send', async () => {
    const c = await start();
    const error = await collect(c, { startDate: '2026-01-01', endDate: '2026-03-01' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PartnerCenterError);
    const pc = error as PartnerCenterError;
    expect([pc.code, pc.status]).toEqual(['800002', 400]);
    expect(pc.message).toMatch(/GET \/v1\/auditrecords/);
    expect(pc.message).toMatch(/spans more than 30 days: ask for at most 30 days per request/);
  });

  it('refuses arguments it cannot send before any request', async () => {
    const c = await start();
    await expect(collect(c, { startDate: 'last tuesday' })).rejects.toThrow(
      /auditRecords: startDate "last tuesday" is neither YYYY-MM-DD nor an ISO-8601 instant/,
    );
    await expect(collect(c, { startDate: '2026-03-01', pageSize: 0 })).rejects.toThrow(
      /pageSize 0 must be a positive integer/,
    );
    expect(calls).toHaveLength(0);
  });
});
