/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-return -- the test reads the CLI JSON loosely. */
import { afterEach, describe, expect, it } from 'vitest';
import { createSandboxClock } from '../../src/sandbox/index.js';
import { CONTOSO, E2e, exchangeItem } from './harness.js';

const EXCHANGE = 'Exchange Online (Plan 1)';

describe('product names beside ids (built CLI against the sandbox server)', () => {
  let e2e: E2e | undefined;
  afterEach(async () => e2e?.close());

  it('plan, apply and history name CFQ7TTC0LH16 by its catalog title', async () => {
    const w = (e2e = await E2e.start());
    w.writeContoso(exchangeItem('exchange', 10));
    const plan = await w.qm('plan');
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout).toContain(
      `+ purchase exchange: ${EXCHANGE} (CFQ7TTC0LH16:0001) P1M/monthly × 10, autorenew on`,
    );

    const applied = await w.qm('apply', '--auto-approve');
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stdout).toContain(
      `ok      purchase exchange (${CONTOSO}): ${EXCHANGE}, ordered 10 × `,
    );
    w.writeContoso(exchangeItem('exchange', 12));
    const increased = await w.qm('apply', '--auto-approve');
    expect(increased.code, increased.stderr).toBe(0);
    expect(increased.stdout).toContain(
      `ok      increase-quantity exchange (${CONTOSO}): ${EXCHANGE}, quantity 10 → 12`,
    );

    const history = await w.qm('history');
    expect(history.code, history.stderr).toBe(0);
    for (const call of [
      'purchase/create-cart',
      'purchase/checkout',
      'increase-quantity/patch-subscription',
    ]) {
      expect(history.stdout).toContain(
        `${call} exchange (${CONTOSO}): ${EXCHANGE} (CFQ7TTC0LH16:0001), succeeded request `,
      );
    }
    const json = JSON.parse((await w.qm('history', '--json')).stdout);
    expect(json.formatVersion).toBe(1);
    expect(json.calls.map((c: any) => [c.kind, c.step, c.productName])).toEqual([
      ['increase-quantity', 'patch-subscription', EXCHANGE],
      ['purchase', 'checkout', EXCHANGE],
      ['purchase', 'create-cart', EXCHANGE],
    ]);
    // The name is kept in the row's request summary, written when the call was journalled.
    const store = w.state();
    try {
      expect(store.journal.list().map((r) => (r.request as any).productName)).toEqual([
        EXCHANGE,
        EXCHANGE,
        EXCHANGE,
      ]);
    } finally {
      store.close();
    }
  });

  it('status names a purchase in flight', async () => {
    const w = (e2e = await E2e.start({ provisioningDelayMs: 3_600_000 }));
    w.writeContoso(exchangeItem('exchange', 10));
    expect((await w.qm('apply', '--auto-approve')).code).toBe(0);
    const [order] = w.sandbox.state.orders(CONTOSO);
    const status = await w.qm('status');
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout).toMatch(
      new RegExp(
        `  exchange \\(Contoso Ltd\\) Exchange Online \\(Plan 1\\), since \\S+, orders ${order?.id}`,
      ),
    );
    const json = JSON.parse((await w.qm('status', '--json')).stdout);
    expect(json.inFlight.map((f: any) => [f.item, f.productName])).toEqual([
      ['exchange', EXCHANGE],
    ]);
  });

  it('status names the SaaS product of an activation link', async () => {
    const w = (e2e = await E2e.start());
    w.writeContoso(
      `tracker:\n  product: DZH318Z0C5KD\n  sku: "0001"\n  term: P1Y\n  billing: monthly\n  quantity: 5`,
    );
    const apply = await w.qm('apply', '--auto-approve');
    expect(apply.code, apply.stderr).toBe(0);
    const link = /activate: (\S+)/.exec(apply.stdout)?.[1] ?? 'no link';
    const status = await w.qm('status');
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout).toMatch(
      new RegExp(`  tracker \\(Contoso Ltd\\) Project Tracker Standard, order \\S+: `),
    );
    expect(status.stdout).toContain(link);
    const json = JSON.parse((await w.qm('status', '--json')).stdout);
    expect(json.activationLinks.map((a: any) => [a.item, a.productName])).toEqual([
      ['tracker', 'Project Tracker Standard'],
    ]);
  });

  it('billing names agent actions and lines billed but not by the agent', async () => {
    const w = (e2e = await E2e.start({ clock: createSandboxClock(new Date()) }));
    const period = w.sandbox.clock.now().toISOString().slice(0, 7);
    w.writeContoso(exchangeItem('exchange', 10));
    expect((await w.qm('apply', '--auto-approve')).code).toBe(0);
    const outOfBand = w.sandbox.admin.createSubscription(CONTOSO, {
      productId: 'CFQ7TTC0LH18',
      skuId: '0001',
      quantity: 5,
    });

    const human = await w.qm('billing', '--period', period);
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout).toContain(`  … exchange (${CONTOSO}) ${EXCHANGE}, purchase ×10, order `);
    expect(human.stdout).toMatch(
      new RegExp(
        `  ! ${CONTOSO} \\S+ Microsoft 365 Business Basic \\(CFQ7TTC0LH18:0001\\) ×5 order \\S+ subscription ${outOfBand.id} `,
      ),
    );
    const json = JSON.parse((await w.qm('billing', '--period', period, '--json')).stdout);
    expect(json.formatVersion).toBe(1);
    expect(json.unbilledYet.map((m: any) => [m.action.item, m.action.productName])).toEqual([
      ['exchange', EXCHANGE],
    ]);
    expect(json.billedNotByAgent.map((l: any) => l.productName)).toEqual([
      'Microsoft 365 Business Basic',
    ]);
  });
});
