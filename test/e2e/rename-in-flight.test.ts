import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONTOSO, E2e, exchangeItem } from './harness.js';

interface PlanJson {
  actions: { kind: string }[];
  blocked: { item: string; code: string; reason: string }[];
}

/**
 * Partner Center shows a new subscription only after provisioning and the order only after up
 * to 15 minutes: in that window the journal is the only witness of the purchase, and a renamed
 * item must wait for it, not buy again.
 */
describe('renaming an item while its order is in flight (built CLI, sandbox)', () => {
  let e2e: E2e;
  beforeEach(async () => {
    e2e = await E2e.start({ provisioningDelayMs: 3_600_000 });
    e2e.writeContoso(exchangeItem('exchange'));
    const buy = await e2e.qm('apply', '--auto-approve');
    expect(buy.code, buy.stdout + buy.stderr).toBe(0);
    expect(e2e.sandbox.state.orders(CONTOSO)).toHaveLength(1);
  });
  afterEach(async () => e2e.close());

  it('waits on the old key and says how to carry it over; qm state mv does', async () => {
    e2e.writeContoso(exchangeItem('exchange-online'));
    const plan = await e2e.qm('plan', '--json');
    expect(plan.code, plan.stderr).toBe(0);
    const json = JSON.parse(plan.stdout) as PlanJson;
    expect(json.actions).toEqual([]);
    expect(json.blocked).toEqual([
      expect.objectContaining({ item: 'exchange-online', code: 'in-flight' }),
    ]);
    expect(json.blocked[0]?.reason).toContain(`qm state mv ${CONTOSO} exchange exchange-online`);
    const apply = await e2e.qm('apply', '--auto-approve');
    expect(apply.code, apply.stdout + apply.stderr).toBe(0);
    expect(e2e.sandbox.state.orders(CONTOSO)).toHaveLength(1);

    const mv = await e2e.qm('state', 'mv', CONTOSO, 'exchange', 'exchange-online');
    expect(mv.code, mv.stdout + mv.stderr).toBe(0);
    const after = JSON.parse((await e2e.qm('plan', '--json')).stdout) as PlanJson;
    expect(after.actions).toEqual([]);
    expect(after.blocked).toEqual([
      expect.objectContaining({ item: 'exchange-online', code: 'in-flight' }),
    ]);
    expect(after.blocked[0]?.reason).not.toContain('qm state mv');
  });

  it('does the same for an item deleted and added back under another key', async () => {
    e2e.writeContoso('{}');
    expect((await e2e.qm('apply', '--auto-approve')).code).toBe(0);
    e2e.writeContoso(exchangeItem('mail'));
    const apply = await e2e.qm('apply', '--auto-approve');
    expect(apply.code, apply.stdout + apply.stderr).toBe(0);
    expect(apply.stdout).not.toMatch(/purchase mail/);
    expect(e2e.sandbox.state.orders(CONTOSO)).toHaveLength(1);
  });
});
