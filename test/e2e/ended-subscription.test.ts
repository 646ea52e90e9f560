import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { shardOf } from '../../src/agent/daemon/shard.js';
import { CONTOSO, E2e, exchangeItem } from './harness.js';

/**
 * What gets bought must not depend on which state file is used: a subscription of the item's
 * shape that expired ten days ago is reported, not bought again, by a run with no state at all
 * and by a shard run with its own fresh state file.
 */
describe('an ended subscription is never bought again silently (built CLI, sandbox)', () => {
  let e2e: E2e;
  beforeEach(async () => {
    e2e = await E2e.start();
    const purchasedAt = new Date(Date.now() - 40 * 86_400_000).toISOString();
    e2e.sandbox.admin.createSubscription(CONTOSO, {
      productId: 'CFQ7TTC0LH16',
      skuId: '0001',
      quantity: 10,
      termDuration: 'P1M',
      billingCycle: 'monthly',
      autoRenewEnabled: false,
      purchasedAt,
    });
    e2e.sandbox.admin.runRenewals();
    expect(e2e.subscriptionsOf('CFQ7TTC0LH16').map((s) => s.status)).toEqual(['expired']);
    e2e.writeContoso(exchangeItem());
  });
  afterEach(async () => e2e.close());

  const expectReported = (stdout: string): void => {
    const plan = JSON.parse(stdout) as {
      actions: unknown[];
      blocked: { item: string; code: string; reason: string }[];
    };
    expect(plan.actions).toEqual([]);
    expect(plan.blocked).toContainEqual(
      expect.objectContaining({ item: 'exchange', code: 'not-active' }),
    );
    expect(plan.blocked[0]?.reason).toMatch(/is expired .*nothing is bought silently/);
  };

  it('with a fresh state file', async () => {
    const plan = await e2e.qm('plan', '--json');
    expect(plan.code, plan.stderr).toBe(0);
    expectReported(plan.stdout);
    const apply = await e2e.qm('apply', '--auto-approve');
    expect(apply.code, apply.stdout + apply.stderr).toBe(0);
    expect(e2e.sandbox.state.orders(CONTOSO)).toHaveLength(1); // the out-of-band one only
  });

  it('with a shard state file', async () => {
    const shard = `${shardOf(CONTOSO, 2)}/2`;
    const plan = await e2e.qm('plan', '--json', '--shard', shard);
    expect(plan.code, plan.stderr).toBe(0);
    expectReported(plan.stdout);
  });
});
