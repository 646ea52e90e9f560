import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONTOSO, E2e, exchangeItem } from './harness.js';

describe('a placed order is placed (built CLI against the sandbox)', () => {
  let e2e: E2e;
  beforeEach(async () => (e2e = await E2e.start()));
  afterEach(async () => e2e.close());

  it('reports a read failing after checkout as a pending follow-up, exit 0, and binds it next run', async () => {
    e2e.writeContoso(exchangeItem());
    // The refresh's subscription list passes; every read after it (the `?order_id=` lookup that
    // follows the checkout, and its retries) fails.
    e2e.sandbox.faults.add({
      match: 'GET /v1/customers/*/subscriptions',
      kind: 'status',
      status: 503,
      after: 1,
      count: 'unlimited',
    });
    const apply = await e2e.qm('apply', '--auto-approve');
    expect(apply.code, apply.stdout + apply.stderr).toBe(0);
    expect(apply.stdout).toMatch(/ok +purchase exchange .*ordered 10 × CFQ7TTC0LH16\/0001/);
    expect(apply.stdout).toMatch(/pending follow-up: reading the order's subscription failed/);
    expect(apply.stdout).not.toMatch(/FAILED/);
    expect(apply.stdout).toMatch(/1 succeeded, 0 failed/);
    expect(e2e.sandbox.state.orders(CONTOSO)).toHaveLength(1);

    e2e.sandbox.faults.clear();
    const again = await e2e.qm('apply', '--auto-approve');
    expect(again.code, again.stdout + again.stderr).toBe(0);
    expect(again.stdout).toContain('No changes to apply.');
    expect(e2e.sandbox.state.orders(CONTOSO)).toHaveLength(1);
    const store = e2e.state();
    try {
      const binding = store.bindings.get(CONTOSO as never, 'exchange' as never);
      expect(binding?.subscriptionId).toBe(e2e.subscriptionsOf('CFQ7TTC0LH16')[0]?.id);
    } finally {
      store.close();
    }
  });
});
