/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-return -- the test reads the CLI JSON loosely. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSandboxClock } from '../../src/sandbox/index.js';
import { CONTOSO, E2e } from './harness.js';

const DAY = 86_400_000;

const item = (fields: Record<string, string | number>): string =>
  `seats:\n${Object.entries(fields)
    .map(([k, v]) => `  ${k}: ${typeof v === 'string' && /^\d/.test(v) ? `"${v}"` : v}`)
    .join('\n')}`;

describe('changes at renewal and upgrades end to end (built CLI against the sandbox)', () => {
  let e2e: E2e;
  beforeEach(async () => (e2e = await E2e.start({ clock: createSandboxClock(new Date()) })));
  afterEach(async () => e2e.close());

  it('P1M/monthly changed to P1Y/annual with fewer seats: one instruction; renewed as that; next plan clean', async () => {
    const now = e2e.sandbox.clock.now().getTime();
    // Bought 20 days ago: the refund window (7 days) has closed; the month renews in ~10 days.
    const sub = e2e.sandbox.admin.createSubscription(CONTOSO, {
      productId: 'CFQ7TTC0LH16',
      skuId: '0001',
      quantity: 10,
      termDuration: 'P1M',
      billingCycle: 'monthly',
      purchasedAt: new Date(now - 20 * DAY).toISOString(),
    });
    e2e.writeContoso(
      item({
        product: 'CFQ7TTC0LH16',
        sku: '0001',
        term: 'P1Y',
        billing: 'annual',
        quantity: 8,
        subscriptionId: sub.id,
      }),
    );
    const planned = await e2e.qm('plan', '--json');
    expect(planned.code, planned.stderr).toBe(0);
    const plan = JSON.parse(planned.stdout);
    expect(plan.actions.map((a: any) => a.kind)).toEqual(['schedule-change']);
    expect(plan.actions[0].after).toEqual({
      productId: 'CFQ7TTC0LH16',
      skuId: '0001',
      termDuration: 'P1Y',
      billingCycle: 'annual',
      quantity: 8,
    });

    const applied = await e2e.qm('apply', '--auto-approve');
    expect(applied.code, applied.stderr + applied.stdout).toBe(0);
    const scheduled = e2e.subscriptionsOf('CFQ7TTC0LH16')[0]!;
    expect(scheduled.quantity).toBe(10);
    expect(scheduled.termDuration).toBe('P1M');

    e2e.sandbox.clock.advance(15 * DAY);
    e2e.sandbox.admin.runRenewals();
    const renewed = e2e.subscriptionsOf('CFQ7TTC0LH16')[0]!;
    expect([renewed.id, renewed.termDuration, renewed.billingCycle, renewed.quantity]).toEqual([
      sub.id,
      'P1Y',
      'annual',
      8,
    ]);

    const again = await e2e.qm('plan', '--json', '--detailed-exitcode');
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout).actions).toEqual([]);
  });

  it('change: now upgrades an eligible subscription at once; an ineligible target is blocked; the default waits', async () => {
    const basic = e2e.sandbox.admin.createSubscription(CONTOSO, {
      productId: 'CFQ7TTC0LH18',
      skuId: '0001',
      quantity: 5,
      termDuration: 'P1Y',
      billingCycle: 'monthly',
    });
    const standard = (change?: string) =>
      item({
        product: 'CFQ7TTC0LDPB',
        sku: '0001',
        term: 'P1Y',
        billing: 'monthly',
        quantity: 5,
        subscriptionId: basic.id,
        ...(change === undefined ? {} : { change }),
      });

    e2e.writeContoso(standard());
    const waits = JSON.parse((await e2e.qm('plan', '--json')).stdout);
    expect(waits.actions.map((a: any) => a.kind)).toEqual(['schedule-change']);

    e2e.writeContoso(
      item({
        product: 'CFQ7TTC0LH16',
        sku: '0001',
        term: 'P1Y',
        billing: 'monthly',
        quantity: 5,
        subscriptionId: basic.id,
        change: 'now',
      }),
    );
    const refused = JSON.parse((await e2e.qm('plan', '--json')).stdout);
    expect(refused.actions).toEqual([]);
    expect(refused.blocked.map((b: any) => [b.code, b.wanted])).toEqual([
      ['not-eligible', 'upgrade'],
    ]);

    e2e.writeContoso(standard('now'));
    const upgraded = await e2e.qm('apply', '--auto-approve');
    expect(upgraded.code, upgraded.stderr + upgraded.stdout).toBe(0);
    expect(upgraded.stdout).toMatch(/upgrade seats/);
    const live = e2e.sandbox.state.subscriptions(CONTOSO).find((s) => s.id === basic.id)!;
    expect([live.productId, live.skuId, live.quantity]).toEqual(['CFQ7TTC0LDPB', '0001', 5]);
    const clean = await e2e.qm('plan', '--detailed-exitcode');
    expect(clean.code, clean.stdout).toBe(0);
  });
});
