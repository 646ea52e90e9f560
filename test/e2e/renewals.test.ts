/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-return -- the test reads the CLI JSON loosely. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseCustomerId } from '../../src/model/index.js';
import {
  createPartnerCenterClient,
  createStaticTokenSource,
} from '../../src/partnercenter/index.js';
import { createSandboxClock, defaultSeed, SANDBOX_TOKENS } from '../../src/sandbox/index.js';
import { ManualClock } from '../../src/support/index.js';
import { CONTOSO, CONTOSO_BP, E2e } from './harness.js';

/**
 * Issue 16 acceptance: `qm renewals` reads the sandbox live and lists every managed
 * subscription in date order, with its open windows, the shape a scheduled change renews it
 * into, and its monthly run rate now and at renewal, priced from the sandbox's own sheets.
 */

const DAY = 86_400_000;
const MONTHS: Record<string, number> = { monthly: 1, annual: 12, triennial: 36 };

/** `YYYY-MM` of the month after `at` (UTC). */
const nextMonthOf = (at: Date): Date =>
  new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1));

/** A minimal reader of the sandbox's quoted CSV (no embedded quotes or newlines in its rows). */
function parseCsv(text: string): Record<string, string>[] {
  const cells = (line: string): string[] => line.slice(1, -1).split('","');
  const [head, ...rows] = text.split(/\r?\n/).filter((l) => l !== '');
  const names = cells(head!);
  return rows.map((row) => Object.fromEntries(cells(row).map((v, i) => [names[i], v])));
}

/** The 00:00 UTC after the inclusive `commitmentEndDate`, read independently of the agent. */
const renewalOf = (commitmentEndDate: string): string => {
  const day = commitmentEndDate.slice(0, 10);
  return new Date(Date.parse(`${day}T00:00:00Z`) + DAY).toISOString();
};

describe('qm renewals end to end on the sandbox', () => {
  let e2e: E2e;
  let now: Date;
  beforeEach(async () => {
    now = new Date();
    const from = nextMonthOf(now).toISOString().slice(0, 7);
    // Business Premium costs 10 % more from next month: the renewal is priced from that sheet.
    e2e = await E2e.start({
      clock: createSandboxClock(now),
      seed: { ...defaultSeed(), priceChanges: [{ productId: 'CFQ7TTC0LCHC', from, factor: 1.1 }] },
    });
  });
  afterEach(async () => e2e.close());

  it('lists every managed subscription in date order with deadlines, the scheduled next shape and prices', async () => {
    const contoso = parseCustomerId(CONTOSO)!;
    // Bought outside the agent: Business Basic 20 days ago (windows closed, renews in ~10 days)
    // and Exchange today (windows open, renews in a month); plus an Exchange the spec never binds.
    const basic = e2e.sandbox.admin.createSubscription(contoso, {
      productId: 'CFQ7TTC0LH18',
      skuId: '0001',
      quantity: 12,
      termDuration: 'P1M',
      billingCycle: 'monthly',
      purchasedAt: new Date(now.getTime() - 20 * DAY).toISOString(),
    });
    const exchange = e2e.sandbox.admin.createSubscription(contoso, {
      productId: 'CFQ7TTC0LH16',
      skuId: '0001',
      quantity: 10,
      termDuration: 'P1M',
      billingCycle: 'monthly',
    });
    // The change at renewal: Business Standard, P1Y billed annually, 10 seats.
    const client = createPartnerCenterClient({
      baseUrl: e2e.sandbox.url,
      tokenSource: createStaticTokenSource(SANDBOX_TOKENS.appUser),
      clock: new ManualClock(now),
      retry: { maxAttempts: 1 },
    });
    try {
      await client.subscriptions.update(contoso, basic.id, {
        kind: 'scheduled-next-term',
        instructions: {
          productId: 'CFQ7TTC0LDPB',
          skuId: '0001',
          quantity: 10,
          termDuration: 'P1Y',
          billingCycle: 'annual',
        },
      });
    } finally {
      await client.close();
    }
    e2e.writeContoso(
      [
        `premium:\n  product: CFQ7TTC0LCHC\n  sku: "0002"\n  term: P1Y\n  billing: monthly\n  quantity: 20\n  subscriptionId: ${CONTOSO_BP}`,
        `basic:\n  product: CFQ7TTC0LDPB\n  sku: "0001"\n  term: P1Y\n  billing: annual\n  quantity: 10\n  subscriptionId: ${basic.id}`,
        `exchange:\n  product: CFQ7TTC0LH16\n  sku: "0001"\n  term: P1M\n  billing: monthly\n  quantity: 10\n  subscriptionId: ${exchange.id}`,
      ].join('\n'),
    );
    e2e.writeConfig(undefined, true);
    e2e.sandbox.state.resetLog();

    const run = await e2e.qm('renewals', '--json');
    expect(run.code, run.stderr).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(json).toMatchObject({ formatVersion: 1, source: 'live', managed: 3, failures: [] });
    const live = (id: string) => e2e.sandbox.state.subscriptions(CONTOSO).find((s) => s.id === id)!;

    // Date order, each renewal the day after the inclusive commitmentEndDate.
    expect(json.renewals.map((r: any) => r.item)).toEqual(['basic', 'exchange', 'premium']);
    for (const r of json.renewals) {
      expect(r.renewsAt, r.item).toBe(renewalOf(live(r.subscriptionId).commitmentEndDate!));
      expect(r.customerName).toBe('Contoso Ltd');
    }

    const [b, x, p] = json.renewals;
    // The scheduled change is what renews.
    expect(b.next).toEqual({
      productId: 'CFQ7TTC0LDPB',
      skuId: '0001',
      termDuration: 'P1Y',
      billingCycle: 'annual',
      quantity: 10,
      scheduled: true,
    });
    expect(p.next).toMatchObject({ productId: 'CFQ7TTC0LCHC', quantity: 20, scheduled: false });
    // Deadlines: Exchange's windows are open until the sandbox's refund block ends.
    const [block] = live(exchange.id).refundBlocks;
    expect(x.windows).toEqual({ refund: 'open', cancel: 'open' });
    expect(x.deadlines.refundableSeats).toBe(10);
    expect(Date.parse(x.deadlines.refundUntil)).toBe(Date.parse(block!.allowedUntilDateTime));
    expect(Date.parse(x.deadlines.refundUntil) - now.getTime()).toBeGreaterThan(6 * DAY);
    expect(Date.parse(x.deadlines.cancelUntil)).toBeGreaterThan(now.getTime());
    for (const closed of [b, p]) {
      expect(closed.windows, closed.item).toEqual({ refund: 'closed', cancel: 'closed' });
      expect(closed.deadlines, closed.item).toEqual({});
    }

    // Prices, from the sheets read straight from the sandbox.
    const sheet = async (timeline: string) => {
      const url = `${e2e.sandbox.url}/v1.0/sales/pricesheets(Market='US',PricesheetView='updatedlicensebased')/$value?timeline=${timeline}`;
      const res = await fetch(url, {
        headers: {
          authorization: `Bearer ${SANDBOX_TOKENS.appUser}`,
          'accept-encoding': 'identity',
        },
      });
      expect(res.status, url).toBe(200);
      return parseCsv(await res.text());
    };
    const sheets = { current: await sheet('current'), future: await sheet('future') };
    const runRate = (
      timeline: 'current' | 'future',
      shape: {
        productId: string;
        skuId: string;
        termDuration: string;
        billingCycle: string;
        quantity: number;
      },
    ): number => {
      const row = sheets[timeline].find(
        (r) =>
          r['ProductId'] === shape.productId &&
          r['SkuId'] === shape.skuId &&
          r['TermDuration'] === shape.termDuration &&
          r['BillingPlan']!.toLowerCase() === shape.billingCycle,
      );
      expect(row, `${timeline} ${shape.productId}`).toBeDefined();
      const monthly = (Number(row!['UnitPrice']) * shape.quantity) / MONTHS[shape.billingCycle]!;
      return Math.round(monthly * 100) / 100;
    };
    const next = nextMonthOf(now);
    for (const r of json.renewals) {
      const timeline = Date.parse(r.renewsAt) >= next.getTime() ? 'future' : 'current';
      expect(r.price, r.item).toEqual({
        currency: 'USD',
        now: runRate('current', { ...r, quantity: r.quantity }),
        next: runRate(timeline, r.next),
        per: 'month',
      });
    }
    expect(p.price.next).toBeCloseTo(p.price.now * 1.1, 1); // next month's 10 % rise
    expect(b.price.next).not.toBe(b.price.now); // Business Standard yearly, 10 seats

    // Read only: no call wrote to Partner Center.
    const writes = e2e.sandbox.state.requests().filter((r) => r.method !== 'GET');
    expect(writes).toEqual([]);

    // --within: only what renews in the next 40 days; the human calendar says what renews.
    const soon = await e2e.qm('renewals', '--within', '40');
    expect(soon.code, soon.stderr).toBe(0);
    expect(soon.stdout.split('\n')[0]).toMatch(
      /: 2 of 3 managed subscriptions renew within 40 days, by renewal date\.$/,
    );
    expect(soon.stdout).toContain(`Contoso Ltd · basic [${basic.id}]`);
    expect(soon.stdout).toContain(
      'at renewal  CFQ7TTC0LDPB:0001 P1Y annual × 10 (scheduled change)',
    );
    expect(soon.stdout).toMatch(/windows {5}refund 10 seats until \S+ \S+ UTC · cancel until/);
    expect(soon.stdout).toMatch(
      /price {7}USD [\d,.]+\/month now → USD [\d,.]+\/month from the renewal/,
    );
    expect(soon.stdout).not.toContain('· premium [');

    // qm status, offline, shows the next renewals and the change scheduled for one of them.
    e2e.sandbox.state.resetLog();
    const status = await e2e.qm('status');
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout).toContain('Renewals in the next 30 days (');
    expect(status.stdout).toMatch(
      /Changes at renewal \(1, [^\n]*\n {2}\d{4}-\d\d-\d\d \(in \d+ days?\) basic \(Contoso Ltd\)[^\n]*→ CFQ7TTC0LDPB:0001 P1Y annual × 10 \(scheduled change\)/,
    );
    expect(e2e.sandbox.state.requests()).toEqual([]);
  });
});
