/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-return -- the test reads the CLI JSON loosely. */
import { copyFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cycleShare } from '../../src/planner/index.js';
import { createSandboxClock, SANDBOX_TOKENS } from '../../src/sandbox/index.js';
import { E2e } from './harness.js';

const DAY = 86_400_000;
const SPECS = resolve(import.meta.dirname, '../../specs');
const VIEWS = ['updatedlicensebased', 'software', 'marketplace', 'azure_reservations'];
const MONTHS: Record<string, number> = { monthly: 1, annual: 12, triennial: 36 };

/** A minimal reader of the sandbox's quoted CSV (no embedded quotes or newlines in its rows). */
function parseCsv(text: string): Record<string, string>[] {
  const lines = text.split(/\r?\n/).filter((l) => l !== '');
  const cells = (line: string): string[] =>
    line
      .slice(1, -1)
      .split('","')
      .map((c) => c.replace(/""/g, '"'));
  const [head, ...rows] = lines;
  const names = cells(head!);
  return rows.map((row) => Object.fromEntries(cells(row).map((v, i) => [names[i], v])));
}

const round = (x: number, currency: string): number => {
  const f = currency === 'JPY' ? 1 : 100;
  return Math.round(x * f) / f;
};

describe('money end to end: the plan prices the sandbox estate and billing agrees', () => {
  let e2e: E2e;
  // The CLI plans and journals on its wall clock: the sandbox starts there too.
  beforeEach(async () => (e2e = await E2e.start({ clock: createSandboxClock(new Date()) })));
  afterEach(async () => e2e.close());

  it('prices every purchase and seat change from the sheets; qm billing equals the predicted charges', async () => {
    for (const file of readdirSync(SPECS).filter((f) => f.endsWith('.yaml')))
      copyFileSync(join(SPECS, file), join(e2e.dir, 'specs', file));
    e2e.writeConfig(undefined, true);

    const planned = await e2e.qm('plan', '--json', '--out', 'plan.json');
    expect(planned.code, planned.stderr).toBe(0);
    const plan = JSON.parse(planned.stdout);
    const money = plan.actions.filter((a: any) =>
      ['purchase', 'increase-quantity', 'decrease-quantity', 'cancel'].includes(a.kind),
    );
    expect(money.length).toBeGreaterThanOrEqual(6);
    expect(plan.summary.cost.unpriced).toBe(0);
    expect(money.every((a: any) => a.cost !== undefined)).toBe(true);

    // The sheets, read straight from the sandbox, independently of the agent's client.
    const rows: Record<string, string>[] = [];
    for (const market of ['US', 'DE', 'GB']) {
      for (const view of VIEWS) {
        const url = `${e2e.sandbox.url}/v1.0/sales/pricesheets(Market='${market}',PricesheetView='${view}')/$value`;
        const res = await fetch(url, {
          // fetch asks for deflate by default, which the price sheet answers with a ZIP.
          headers: {
            authorization: `Bearer ${SANDBOX_TOKENS.appUser}`,
            'accept-encoding': 'identity',
          },
        });
        expect(res.status, url).toBe(200);
        rows.push(...parseCsv(await res.text()).map((r) => ({ ...r, Market: market })));
      }
    }
    const live = (id: string) =>
      e2e.sandbox.state
        .subscriptions(money.find((a: any) => a.subscriptionId === id).customerId)
        .find((s) => s.id === id)!;
    const totals: Record<string, { monthlyDelta: number; commitment: number; charge: number }> = {};
    const planTime = new Date(plan.basis.createdAt);
    for (const action of money) {
      const shape =
        action.kind === 'purchase'
          ? { ...action.after, term: action.after.term ?? '' }
          : (() => {
              const sub = live(action.subscriptionId);
              return {
                productId: sub.productId,
                skuId: sub.skuId,
                term: sub.termDuration,
                billing: sub.billingCycle,
              };
            })();
      const row = rows.find(
        (r) =>
          r.Market === action.cost.source.market &&
          r.ProductId === shape.productId &&
          r.SkuId === shape.skuId &&
          r.TermDuration === shape.term &&
          (r.BillingPlan ?? '').toLowerCase().replace('onetime', 'one_time') ===
            shape.billing.toLowerCase(),
      );
      expect(row, `${action.kind} ${action.item}`).toBeDefined();
      const U = Number(row!.UnitPrice);
      const c = row!.Currency!;
      expect(action.cost).toMatchObject({ currency: c, unitPrice: U });
      const oneTime = shape.billing === 'one_time';
      const m = oneTime ? 1 : MONTHS[shape.billing]!;
      let expected: { monthlyDelta: number; commitment: number; charge: number };
      if (action.kind === 'purchase') {
        const p = action.promotion?.percentDiscount ?? 0;
        const unit = round(U * (1 - p / 100), c);
        const q = action.after.quantity;
        const termMonths = shape.term === 'P3Y' ? 36 : shape.term === 'P1M' ? 1 : 12;
        expected = {
          monthlyDelta: oneTime ? 0 : round((unit * q) / m, c),
          commitment: round(unit * q * (oneTime ? 1 : termMonths / m), c),
          charge: round(unit * q, c),
        };
      } else {
        const sub = live(action.subscriptionId);
        const delta = (action.after.quantity ?? 0) - action.before.quantity;
        const share = cycleShare(sub.commitmentEndDate, m, planTime);
        const now = round(U * Math.abs(delta) * share.fraction, c);
        const rest = round(U * Math.abs(delta) * share.cyclesAfter, c);
        const sign = Math.sign(delta);
        expected = {
          monthlyDelta: round((sign * U * Math.abs(delta)) / m, c),
          commitment: round(sign * (now + rest), c),
          charge: round(sign * now, c),
        };
      }
      expect(action.cost, `${action.kind} ${action.item}`).toMatchObject(expected);
      const t = (totals[c] ??= { monthlyDelta: 0, commitment: 0, charge: 0 });
      t.monthlyDelta = round(t.monthlyDelta + expected.monthlyDelta, c);
      t.commitment = round(t.commitment + expected.commitment, c);
      t.charge = round(t.charge + expected.charge, c);
    }
    for (const [currency, t] of Object.entries(totals))
      expect(plan.summary.cost[currency], currency).toMatchObject(t);
    expect(Object.keys(totals).sort()).toEqual(['EUR', 'GBP', 'USD']);

    const applied = await e2e.qm('apply', 'plan.json');
    expect(applied.code, applied.stderr + applied.stdout).toBe(0);

    const period = planTime.toISOString().slice(0, 7);
    e2e.sandbox.clock.advance(40 * DAY);
    const billed = await e2e.qm(
      'billing',
      '--period',
      period,
      '--json',
      '--currency',
      'USD',
      'EUR',
      'GBP',
    );
    expect(billed.code, billed.stderr).toBe(0);
    const report = JSON.parse(billed.stdout);
    expect(report.unbilledYet).toEqual([]);
    const byAgent = Object.fromEntries(
      report.totals.map((t: any) => [t.currency, round(t.total - t.notByAgent, t.currency)]),
    );
    expect(byAgent).toEqual(
      Object.fromEntries(Object.entries(totals).map(([c, t]) => [c, t.charge])),
    );
  });
});
