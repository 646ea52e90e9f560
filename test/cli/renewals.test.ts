/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-return -- the test reads the CLI JSON loosely. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseCustomerId } from '../../src/model/index.js';
import { SEED_CUSTOMERS } from '../../src/sandbox/index.js';
import { createLeaseClaim, type StateStore } from '../../src/state/index.js';
import { CONTOSO, CONTOSO_BP, E2e, exchangeItem } from '../e2e/harness.js';

const PREMIUM = `premium:\n  product: CFQ7TTC0LCHC\n  sku: "0002"\n  term: P1Y\n  billing: monthly\n  quantity: 20\n  subscriptionId: ${CONTOSO_BP}`;
const NORTHWIND = SEED_CUSTOMERS.northwind;

/** What a reader may record: bindings and snapshots, as JSON to compare. */
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

/** `qm renewals` as a child process against the sandbox: what it lists, reads and records. */
describe('qm renewals (built CLI, sandbox)', () => {
  let e2e: E2e;
  let holder: StateStore | undefined;
  beforeEach(async () => (e2e = await E2e.start()));
  afterEach(async () => {
    holder?.close();
    holder = undefined;
    await e2e.close();
  });

  it('refuses a --within that is not whole days before reading anything (exit 1)', async () => {
    e2e.writeContoso(PREMIUM);
    for (const bad of ['-3', 'soon', '1.5']) {
      const run = await e2e.qm('renewals', `--within=${bad}`);
      expect(run.code, bad).toBe(1);
      expect(run.stderr).toContain(
        `error [invalid-argument]: --within ${bad} is not a whole number of days`,
      );
      expect(run.stdout).toBe('');
    }
    expect(e2e.sandbox.state.requests()).toEqual([]);
  });

  it('lists managed subscriptions only, names customers it could not read, says it is unpriced', async () => {
    // An Exchange subscription of the spec item's shape that nothing binds: adopt-required, not managed.
    e2e.sandbox.admin.createSubscription(parseCustomerId(CONTOSO)!, {
      productId: 'CFQ7TTC0LH16',
      skuId: '0001',
      quantity: 10,
      termDuration: 'P1M',
      billingCycle: 'monthly',
    });
    e2e.writeContoso(`${PREMIUM}\n${exchangeItem()}`);
    e2e.writeSpec(
      'northwind',
      `version: 1\ncustomer:\n  id: ${NORTHWIND}\n  name: Northwind Traders\n  country: GB\nsubscriptions: {}\n`,
    );
    e2e.sandbox.faults.add({
      match: `GET /v1/customers/${NORTHWIND}/subscriptions`,
      kind: 'status',
      status: 403,
      count: 'unlimited',
    });

    const json = await e2e.qm('renewals', '--json');
    expect(json.code, json.stderr).toBe(0);
    const report = JSON.parse(json.stdout);
    expect(report.renewals.map((r: any) => [r.item, r.subscriptionId])).toEqual([
      ['premium', CONTOSO_BP],
    ]);
    expect(report.renewals[0]).toMatchObject({
      autoRenew: true,
      quantity: 20,
      windows: { refund: 'closed' },
    });
    expect(report.renewals[0].price).toBeUndefined();
    expect(report.failures).toEqual([
      expect.objectContaining({ customerId: NORTHWIND, customerName: 'Northwind Traders' }),
    ]);
    expect(report.notes).toEqual([
      expect.stringContaining('partnerCenter.pricing is not configured'),
    ]);

    const human = await e2e.qm('renewals');
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout).toContain('Not read (1), their renewals are missing:');
    expect(human.stdout).toMatch(/^ {2}Northwind Traders \(9c3e5a71-[^)]+\) \[/m);
    expect(human.stdout).toContain('Prices: partnerCenter.pricing is not configured');
    expect(human.stdout).not.toContain('· exchange [');
  });

  it('counts a purchase that became visible as managed without binding it; records snapshots only when the lease is free', async () => {
    e2e.writeContoso(exchangeItem());
    const buy = await e2e.qm('apply', '--auto-approve');
    expect(buy.code, buy.stdout + buy.stderr).toBe(0);
    // The purchase's binding as still pending (no subscription id yet).
    const store = e2e.state();
    const binding = store.bindings.list().find((b) => b.item === 'exchange')!;
    const { subscriptionId, ...pending } = binding;
    store.bindings.remove(binding.customerId, binding.item);
    store.bindings.put(pending);
    store.close();
    const before = recorded(e2e);

    holder = e2e.state();
    const claim = createLeaseClaim('run');
    holder.lease.acquire(claim, 60_000);
    const held = await e2e.qm('renewals', '--json');
    expect(held.code, held.stderr).toBe(0);
    expect(JSON.parse(held.stdout).renewals.map((r: any) => r.subscriptionId)).toEqual([
      subscriptionId,
    ]);
    expect(held.stderr).toContain(
      'another writer holds the state lease, so qm renewals recorded nothing',
    );
    expect(recorded(e2e)).toEqual(before);

    holder.lease.release(claim);
    const free = await e2e.qm('renewals', '--json');
    expect(free.code, free.stderr).toBe(0);
    expect(free.stderr).toBe('');
    const after = recorded(e2e);
    expect(after.bindings).toBe(before.bindings); // binding is qm plan's job
    expect(after.snapshots).not.toBe(before.snapshots);
    expect(e2e.sandbox.state.orders(CONTOSO)).toHaveLength(1); // nothing bought
  });
});
