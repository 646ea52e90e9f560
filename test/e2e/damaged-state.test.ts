import { truncateSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONTOSO, E2e, exchangeItem } from './harness.js';

/**
 * A state file emptied to 0 bytes used to open as a brand-new store, and the purchase in flight
 * (subscription not visible yet, order not listed yet) was bought a second time.
 */
describe('a damaged state file is not a first run (built CLI, sandbox)', () => {
  let e2e: E2e;
  beforeEach(async () => {
    e2e = await E2e.start({ provisioningDelayMs: 3_600_000 });
    e2e.writeContoso(exchangeItem());
    const buy = await e2e.qm('apply', '--auto-approve');
    expect(buy.code, buy.stdout + buy.stderr).toBe(0);
    truncateSync(join(e2e.dir, 'state', 'qm.db'), 0);
  });
  afterEach(async () => e2e.close());

  it('refuses to plan or apply on an emptied state file, naming it and the way out', async () => {
    for (const command of [['plan'], ['apply', '--auto-approve']]) {
      const run = await e2e.qm(...command);
      expect(run.code, run.stdout).toBe(1);
      expect(run.stderr).toContain(join('state', 'qm.db'));
      expect(run.stderr).toMatch(/qm state reset/);
      expect(run.stderr).toMatch(/Do not delete or move it aside/);
    }
    expect(e2e.sandbox.state.orders(CONTOSO)).toHaveLength(1);
  });

  it('after qm state reset, buys nothing until the order-list delay has passed', async () => {
    const reset = await e2e.qm('state', 'reset', '--yes');
    expect(reset.code, reset.stdout + reset.stderr).toBe(0);
    const plan = await e2e.qm('plan', '--json');
    expect(plan.code, plan.stderr).toBe(0);
    const json = JSON.parse(plan.stdout) as { actions: unknown[]; blocked: { code: string }[] };
    expect(json.actions).toEqual([]);
    expect(json.blocked).toEqual([expect.objectContaining({ code: 'state-reset' })]);
    const apply = await e2e.qm('apply', '--auto-approve');
    expect(apply.code, apply.stdout + apply.stderr).toBe(0);
    expect(e2e.sandbox.state.orders(CONTOSO)).toHaveLength(1);
  });
});
