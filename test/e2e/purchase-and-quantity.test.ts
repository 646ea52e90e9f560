import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONTOSO, CONTOSO_BP, E2e } from './harness.js';

const EXCHANGE = `exchange:
  product: CFQ7TTC0LH16
  sku: "0001"
  term: P1M
  billing: monthly
  quantity: QTY`;

const BP = `premium:
  product: CFQ7TTC0LCHC
  sku: "0002"
  term: P1Y
  billing: monthly
  quantity: QTY
  subscriptionId: ${CONTOSO_BP}`;

describe('qm apply end to end (built CLI against the sandbox server)', () => {
  let e2e: E2e;
  beforeEach(async () => (e2e = await E2e.start()));
  afterEach(async () => e2e.close());

  it('buys once, then plans no changes — also while the order is still hidden from the list', async () => {
    e2e.writeContoso(EXCHANGE.replace('QTY', '10'));
    const apply = await e2e.qm('apply', '--auto-approve');
    expect(apply.code, apply.stderr).toBe(0);
    expect(apply.stdout).toMatch(/ok +purchase exchange .*ordered 10 × CFQ7TTC0LH16\/0001/);

    const orders = e2e.sandbox.state.orders(CONTOSO);
    expect(orders).toHaveLength(1);
    // The order list hides new orders for 15 minutes; the plan must not buy again meanwhile.
    const listed = await fetch(`${e2e.sandbox.url}/v1/customers/${CONTOSO}/orders`, {
      headers: { authorization: 'Bearer sandbox-app-user-token' },
    }).then((r) => r.json() as Promise<{ totalCount: number }>);
    expect(listed.totalCount).toBe(0);

    const plan = await e2e.qm('plan', '--detailed-exitcode');
    expect(plan.code, plan.stdout + plan.stderr).toBe(0);
    expect(plan.stdout).toContain('No changes.');
    const again = await e2e.qm('apply', '--auto-approve');
    expect(again.stdout).toContain('No changes to apply.');
    expect(e2e.sandbox.state.orders(CONTOSO)).toHaveLength(1);
    expect(e2e.subscriptionsOf('CFQ7TTC0LH16').map((s) => s.quantity)).toEqual([10]);
  });

  it('raises a quantity, then lowers it inside the refund window', async () => {
    e2e.writeContoso(EXCHANGE.replace('QTY', '10'));
    expect((await e2e.qm('apply', '--auto-approve')).code).toBe(0);

    e2e.writeContoso(EXCHANGE.replace('QTY', '14'));
    const up = await e2e.qm('apply', '--auto-approve');
    expect(up.stdout).toMatch(/ok +increase-quantity exchange .*quantity 10 → 14/);
    expect(e2e.subscriptionsOf('CFQ7TTC0LH16').map((s) => s.quantity)).toEqual([14]);

    e2e.writeContoso(EXCHANGE.replace('QTY', '12'));
    const down = await e2e.qm('apply', '--auto-approve');
    expect(down.code, down.stderr).toBe(0);
    expect(down.stdout).toMatch(/ok +decrease-quantity exchange .*quantity 14 → 12/);
    expect(e2e.subscriptionsOf('CFQ7TTC0LH16').map((s) => s.quantity)).toEqual([12]);
  });

  it('schedules a decrease at renewal when the refund window has closed', async () => {
    e2e.writeContoso(BP.replace('QTY', '15'));
    const apply = await e2e.qm('apply', '--auto-approve');
    expect(apply.code, apply.stderr).toBe(0);
    expect(apply.stdout).toMatch(/ok +schedule-decrease premium .*renews with 15 seats/);
    const [bp] = e2e.subscriptionsOf('CFQ7TTC0LCHC');
    expect(bp?.quantity).toBe(20); // nothing refunded now
    expect(bp?.scheduled?.quantity).toBe(15);
    expect((await e2e.qm('plan', '--detailed-exitcode')).code).toBe(0);
  });

  it('turns autorenew off, and blocks a later decrease that would need it', async () => {
    e2e.writeContoso(`${BP.replace('QTY', '20')}\n  autoRenew: false`);
    const off = await e2e.qm('apply', '--auto-approve');
    expect(off.stdout).toMatch(/ok +set-autorenew premium .*autorenew off/);
    expect(e2e.subscriptionsOf('CFQ7TTC0LCHC')[0]?.autoRenewEnabled).toBe(false);

    e2e.writeContoso(`${BP.replace('QTY', '12')}\n  autoRenew: false`);
    const plan = await e2e.qm('plan', '--json', '--detailed-exitcode');
    expect(plan.code).toBe(0); // blocked items alone are not changes
    const json = JSON.parse(plan.stdout) as { blocked: { item: string; code: string }[] };
    expect(json.blocked).toContainEqual(
      expect.objectContaining({ item: 'premium', code: 'autorenew-off' }),
    );
  });
});
