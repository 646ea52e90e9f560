import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLeaseClaim, type StateStore } from '../../src/state/index.js';
import { E2e, exchangeItem } from '../e2e/harness.js';

/** What `qm plan` may record: bindings and snapshots, as JSON to compare. */
function recorded(e2e: E2e): { bindings: string; snapshots: string } {
  const store = e2e.state();
  try {
    return {
      bindings: JSON.stringify(store.bindings.list()),
      snapshots: JSON.stringify(store.snapshots.list()),
    };
  } finally {
    store.close();
  }
}

/**
 * `qm plan` records what it observed (snapshots, bindings of purchases that became visible)
 * only under the writer lease, taken briefly: while another process holds the lease, it still
 * plans but writes nothing (issue 14).
 */
describe('qm plan and the writer lease (built CLI, sandbox)', () => {
  let e2e: E2e;
  let holder: StateStore | undefined;
  beforeEach(async () => {
    e2e = await E2e.start();
    e2e.writeContoso(exchangeItem());
    const buy = await e2e.qm('apply', '--auto-approve');
    expect(buy.code, buy.stdout + buy.stderr).toBe(0);
    // The purchase's subscription as not yet bound: the next plan's bind-pending binds it.
    const store = e2e.state();
    const binding = store.bindings.list().find((b) => b.item === 'exchange');
    expect(binding?.orderId).toBeDefined();
    const { subscriptionId: _bound, ...pending } = binding!;
    store.bindings.remove(binding!.customerId, binding!.item);
    store.bindings.put(pending);
    store.close();
  });
  afterEach(async () => {
    holder?.close();
    holder = undefined;
    await e2e.close();
  });

  it('plans but writes nothing while another process holds the lease', async () => {
    const before = recorded(e2e);
    holder = e2e.state();
    const claim = createLeaseClaim('run');
    holder.lease.acquire(claim, 60_000);

    const plan = await e2e.qm('plan', '--json');
    expect(plan.code, plan.stderr).toBe(0);
    expect(JSON.parse(plan.stdout)).toMatchObject({ actions: [] });
    expect(recorded(e2e)).toEqual(before);
    expect(plan.stderr).toContain('another writer holds the state lease');

    holder.lease.release(claim);
    const free = await e2e.qm('plan', '--json');
    expect(free.code, free.stderr).toBe(0);
    const after = recorded(e2e);
    expect(after.snapshots).not.toEqual(before.snapshots);
    expect(JSON.parse(after.bindings)).toEqual([
      expect.objectContaining({ item: 'exchange', subscriptionId: expect.any(String) }),
    ]);
  }, 60_000);
});
