import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shardOf } from '../../src/agent/index.js';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/index.js';
import { openStateStore } from '../../src/state/index.js';
import { makeWorkspace, runQm } from '../agent/daemon/qm-child.js';

/**
 * Acceptance (issue 9): three `qm run --once --shard i/3` processes, started together over one
 * estate of 12 customers, reconcile every customer exactly once between them — each customer's
 * purchase is made once in the sandbox, by the shard its hash names, recorded in that shard's
 * own state file and in no other.
 */
const CUSTOMERS = Array.from(
  { length: 12 },
  (_, i) => `c0ffee00-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
);
const EXCHANGE = 'CFQ7TTC0LH16';

describe('qm --shard i/n', () => {
  let sandbox: RunningSandbox;
  const ws = makeWorkspace('qm-shard-');

  beforeAll(async () => {
    sandbox = await startSandbox({
      seed: {
        customers: CUSTOMERS.map((id, i) => ({ id, name: `Customer ${i + 1}`, country: 'US' })),
      },
    });
    ws.write(
      'agent.config.yaml',
      [
        'specs: ./specs',
        'state: ./state/qm.db',
        'partnerCenter:',
        `  endpoint: ${sandbox.url}`,
        '  auth:',
        '    mode: none',
        '  rateLimitPerMinute: 600',
        'policy:',
        '  autoApply: [purchase]',
        '',
      ].join('\n'),
    );
    CUSTOMERS.forEach((id, i) => {
      ws.write(
        `specs/customer-${i + 1}.yaml`,
        `version: 1\ncustomer:\n  id: ${id}\n  name: Customer ${i + 1}\n  country: US\nsubscriptions:\n  exchange:\n    product: ${EXCHANGE}\n    sku: "0001"\n    term: P1M\n    billing: monthly\n    quantity: ${i + 1}\n`,
      );
    });
  });

  afterAll(async () => {
    await sandbox.close();
    ws.remove();
  });

  it('spreads the estate over every shard by a stable hash', () => {
    const sizes = [0, 1, 2].map((s) => CUSTOMERS.filter((id) => shardOf(id, 3) === s).length);
    expect(sizes.every((n) => n > 0)).toBe(true);
    expect(sizes.reduce((a, b) => a + b)).toBe(CUSTOMERS.length);
  });

  it('reconciles each customer in exactly one of three concurrent shards', async () => {
    const results = await Promise.all(
      [0, 1, 2].map((i) => runQm(ws.dir, ['run', '--once', '--shard', `${i}/3`])),
    );
    for (const r of results) expect(r.code, r.stderr).toBe(0);

    // Partner Center side: one purchase per customer, with that customer's quantity.
    for (const [i, id] of CUSTOMERS.entries()) {
      const bought = sandbox.state.subscriptions(id).filter((s) => s.productId === EXCHANGE);
      expect(bought.map((s) => s.quantity)).toEqual([i + 1]);
    }

    // Agent side: each shard's own state file knows exactly the customers its hash names.
    const seen = new Map<string, number[]>();
    for (const shard of [0, 1, 2]) {
      const path = join(ws.dir, 'state', `qm.shard-${shard}-of-3.db`);
      const store = openStateStore(path);
      try {
        const snapshotted = store.snapshots
          .list()
          .map((s) => s.customerId as string)
          .sort();
        const bound = store.bindings
          .list()
          .map((b) => b.customerId as string)
          .sort();
        const expected = CUSTOMERS.filter((id) => shardOf(id, 3) === shard).sort();
        expect(snapshotted).toEqual(expected);
        expect(bound).toEqual(expected);
        for (const id of bound) seen.set(id, [...(seen.get(id) ?? []), shard]);
      } finally {
        store.close();
      }
    }
    expect([...seen.keys()].sort()).toEqual([...CUSTOMERS].sort());
    expect([...seen.values()].every((shards) => shards.length === 1)).toBe(true);
    expect(existsSync(join(ws.dir, 'state', 'qm.db'))).toBe(false);
  }, 60_000);

  it('plans a shard against its own state: a second round has nothing left to buy', async () => {
    const plans = await Promise.all(
      [0, 1, 2].map((i) => runQm(ws.dir, ['plan', '--shard', `${i}/3`, '--detailed-exitcode'])),
    );
    for (const p of plans) {
      expect(p.code, p.stdout + p.stderr).toBe(0);
      expect(p.stdout).not.toContain('+ purchase');
    }
  }, 60_000);

  it('reads one shard’s state with status and history --shard, and imports only there', async () => {
    const shard = shardOf(CUSTOMERS[0]!, 3);
    const mine = CUSTOMERS.filter((id) => shardOf(id, 3) === shard);
    const status = await runQm(ws.dir, ['status', '--json', '--shard', `${shard}/3`]);
    expect(status.code, status.stderr).toBe(0);
    const report = JSON.parse(status.stdout) as {
      managed: number;
      observedAt: { customerId: string }[];
    };
    expect(report.observedAt.map((o) => o.customerId).sort()).toEqual([...mine].sort());
    expect(report.managed).toBe(mine.length);

    const history = await runQm(ws.dir, ['history', '--json', '--shard', `${shard}/3`]);
    const calls = (JSON.parse(history.stdout) as { calls: { customerId: string }[] }).calls;
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.every((c) => mine.includes(c.customerId))).toBe(true);

    const other = CUSTOMERS.find((id) => shardOf(id, 3) !== shard)!;
    const wrong = await runQm(ws.dir, ['import', other, '--shard', `${shard}/3`]);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain(`customer ${other} belongs to another shard than ${shard}/3`);
  }, 60_000);

  it('refuses a malformed --shard', async () => {
    const r = await runQm(ws.dir, ['plan', '--shard', '3/3']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('--shard 3/3 must be i/n with 0 <= i < n');
  });
});
