import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shardOf } from '../../src/agent/index.js';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/index.js';
import { openStateStoreReadOnly, type JournalEntry } from '../../src/state/index.js';
import { makeWorkspace, runQm } from '../agent/daemon/qm-child.js';

/**
 * Acceptance (issue 19): re-sharding 3 → 5 on a running estate with the built CLI. Every shard
 * of 3 applied, two checkouts left in doubt (their responses dropped after Partner Center took
 * them); `qm state reshard --to 5`; then every `--shard j/5` plans with no `adopt-required`,
 * no action and no mutating call, each row in doubt sits in the file its customer now hashes
 * to, and applying settles those rows on their own carts without buying anything again. And
 * back to 3.
 */
const CUSTOMERS = Array.from(
  { length: 10 },
  (_, i) => `5ead0000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
);
const EXCHANGE = 'CFQ7TTC0LH16';
const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

interface PlanJson {
  actions: unknown[];
  blocked: { customerId: string; item: string; code: string }[];
}

describe('qm state reshard (built CLI, sandbox)', () => {
  let sandbox: RunningSandbox;
  const ws = makeWorkspace('qm-reshard-');
  const file = (index: number, count: number): string =>
    join(ws.dir, 'state', `qm.shard-${index}-of-${count}.db`);
  // Two customers in different shards of 3 get their checkout's answer dropped.
  const doubted = [
    CUSTOMERS[0]!,
    CUSTOMERS.find((c) => shardOf(c, 3) !== shardOf(CUSTOMERS[0]!, 3))!,
  ];

  const rowsInDoubt = (path: string): JournalEntry[] => {
    const store = openStateStoreReadOnly(path);
    try {
      return store.journal.listInFlight();
    } finally {
      store.close();
    }
  };
  const plans = async (count: number): Promise<PlanJson[]> =>
    Promise.all(
      Array.from({ length: count }, async (_, i) => {
        const r = await runQm(ws.dir, ['plan', '--json', '--shard', `${i}/${count}`]);
        expect(r.code, r.stderr).toBe(0);
        return JSON.parse(r.stdout) as PlanJson;
      }),
    );
  const exchangeCount = (id: string): number =>
    sandbox.state.subscriptions(id).filter((s) => s.productId === EXCHANGE).length;

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
    for (const id of doubted) {
      sandbox.faults.add({
        match: `POST /v1/customers/${id}/carts/*/checkout`,
        kind: 'drop-after-commit',
        count: 'unlimited',
      });
    }
    const applied = await Promise.all(
      [0, 1, 2].map((i) => runQm(ws.dir, ['apply', '--auto-approve', '--shard', `${i}/3`])),
    );
    for (const r of applied) expect([0, 3], r.stdout + r.stderr).toContain(r.code);
    sandbox.faults.clear();
  }, 120_000);

  afterAll(async () => {
    await sandbox.close();
    ws.remove();
  });

  it('3 → 5: nothing turns adopt-required, nothing is bought, rows in doubt land where their customer hashes', async () => {
    const before = new Map(
      doubted.map((id) => [
        id,
        rowsInDoubt(file(shardOf(id, 3), 3)).find((r) => r.customerId === id),
      ]),
    );
    for (const row of before.values())
      expect(row).toMatchObject({ kind: 'purchase', cartId: expect.any(String) as unknown });
    for (const id of CUSTOMERS) expect(exchangeCount(id)).toBe(1); // the dropped checkouts went through

    sandbox.state.resetLog();
    const moved = await runQm(ws.dir, ['state', 'reshard', '--to', '5']);
    expect(moved.code, moved.stderr).toBe(0);
    expect(moved.stdout).toContain(
      `Moved ${CUSTOMERS.length} customer(s) from 3 to 5 shard file(s).`,
    );
    expect(moved.stdout).toContain('Rows in doubt moved');

    for (const id of doubted) {
      const was = before.get(id)!;
      const now = rowsInDoubt(file(shardOf(id, 5), 5)).filter((r) => r.customerId === id);
      expect(now).toEqual([
        expect.objectContaining({
          actionKey: was.actionKey,
          requestId: was.requestId,
          cartId: was.cartId,
          status: was.status,
        }),
      ]);
      expect(moved.stdout).toContain(
        `of ${file(shardOf(id, 5), 5)} (purchase exchange of ${id}, ${was.status})`,
      );
    }

    const fresh = await plans(5);
    for (const plan of fresh) {
      expect(plan.actions).toEqual([]);
      expect(plan.blocked.filter((b) => b.code === 'adopt-required')).toEqual([]);
      for (const b of plan.blocked)
        expect(b).toMatchObject({ code: 'in-flight', item: 'exchange' });
    }
    const blocked = fresh.flatMap((p) => p.blocked.map((b) => b.customerId));
    expect(blocked.sort()).toEqual([...doubted].sort());
    expect(sandbox.state.requests().filter((r) => MUTATING.has(r.method))).toEqual([]);

    // The old layout is refused now: its files are empty and 5 shard files hold the state.
    const old = await runQm(ws.dir, ['apply', '--auto-approve', '--shard', '0/3']);
    expect(old.code).toBe(1);
    expect(old.stderr).toContain('shard-layout-mismatch');
    expect(old.stderr).toContain('run with --shard i/5');

    // Applying settles the rows in doubt on their own carts: no new cart, no second purchase.
    const applied = await Promise.all(
      [0, 1, 2, 3, 4].map((j) => runQm(ws.dir, ['apply', '--auto-approve', '--shard', `${j}/5`])),
    );
    for (const r of applied) expect(r.code, r.stdout + r.stderr).toBe(0);
    for (const id of CUSTOMERS) expect(exchangeCount(id)).toBe(1);
    const newCarts = sandbox.state
      .requests()
      .filter((r) => r.method === 'POST' && r.path.endsWith('/carts'));
    expect(newCarts).toEqual([]);
    for (const j of [0, 1, 2, 3, 4]) expect(rowsInDoubt(file(j, 5))).toEqual([]);
  }, 180_000);

  it('5 → 3 keeps every binding: each shard of 3 plans no changes', async () => {
    sandbox.state.resetLog();
    const moved = await runQm(ws.dir, ['state', 'reshard', '--to', '3', '--from', '5']);
    expect(moved.code, moved.stderr).toBe(0);
    const results = await Promise.all(
      [0, 1, 2].map((i) => runQm(ws.dir, ['plan', '--detailed-exitcode', '--shard', `${i}/3`])),
    );
    for (const r of results) {
      expect(r.code, r.stdout + r.stderr).toBe(0);
      expect(r.stdout).not.toContain('adopt-required');
    }
    expect(sandbox.state.requests().filter((r) => MUTATING.has(r.method))).toEqual([]);

    const again = await runQm(ws.dir, ['state', 'reshard', '--to', '3']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Nothing to move: the state is already in 3 shard file(s)');
    const wrong = await runQm(ws.dir, ['state', 'reshard', '--to', '4', '--from', '5']);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('state-reshard-refused');
    expect(wrong.stderr).toContain('--from 5, but');
  }, 180_000);
});
