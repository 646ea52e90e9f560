import { once } from 'node:events';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONTOSO, E2e } from './harness.js';

/** Polls `probe` until true; bounded, for waiting on another process (never for logic). */
async function until(probe: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the child');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('crash and resume (SIGKILL mid-checkout)', () => {
  let e2e: E2e;
  beforeEach(async () => (e2e = await E2e.start()));
  afterEach(async () => e2e.close());

  it('a second apply after a kill ends with exactly one order and the subscription bound', async () => {
    e2e.writeContoso(
      `exchange:\n  product: CFQ7TTC0LH16\n  sku: "0001"\n  term: P1M\n  billing: monthly\n  quantity: 10`,
    );
    // The sandbox commits the checkout, then holds the response far longer than the test.
    e2e.sandbox.faults.add({
      match: 'POST /v1/customers/*/carts/*/checkout',
      kind: 'delay-response',
      ms: 60_000,
    });
    const child = e2e.spawnQm(['apply', '--auto-approve']);
    await until(() => e2e.sandbox.state.orders(CONTOSO).length === 1);
    child.kill('SIGKILL');
    await once(child, 'close');

    const killed = e2e.state();
    const inFlight = killed.journal.listInFlight();
    expect(inFlight.map((row) => [row.kind, row.step, row.status])).toEqual([
      ['purchase', 'checkout', 'in-flight'],
    ]);
    const cartId = inFlight[0]?.cartId;
    killed.close();
    e2e.sandbox.faults.clear();

    const resumed = await e2e.qm('apply', '--auto-approve');
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toContain(
      `recovered checkout for exchange (${CONTOSO}): Exchange Online (Plan 1), succeeded — checkout re-driven on cart ${cartId}`,
    );
    expect(resumed.stdout).toContain('No changes to apply.');

    expect(e2e.sandbox.state.orders(CONTOSO)).toHaveLength(1);
    expect(e2e.subscriptionsOf('CFQ7TTC0LH16').map((s) => s.quantity)).toEqual([10]);
    const after = e2e.state();
    try {
      expect(after.journal.listInFlight()).toEqual([]);
      expect(after.bindings.get(CONTOSO as never, 'exchange' as never)?.subscriptionId).toBe(
        e2e.subscriptionsOf('CFQ7TTC0LH16')[0]?.id,
      );
      expect(after.listInFlightPurchases()).toEqual([]);
    } finally {
      after.close();
    }
    expect((await e2e.qm('plan', '--detailed-exitcode')).code).toBe(0);
  });
});
