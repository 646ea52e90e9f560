import { afterAll, describe, expect, it } from 'vitest';
import { startSandbox, type FaultSpec } from '../../src/sandbox/index.js';
import { applyUntilConverged } from '../support/in-process-agent.js';
import { QmWorkspace } from '../support/qm-workspace.js';
import { checkConvergence, MIXED_SPEC, mixedSeed } from './mixed-world.js';

/**
 * Every mutating route × every fault the sandbox can inject, on the mixed plan, through the
 * agent API in-process (a fresh App per cycle, as separate CLI runs would have). Each cell must
 * converge — a cycle with nothing left to do — with no second order, no PATCH committed twice
 * and no journal row left open, and the fault must actually have been hit.
 *
 * The client runs with a 300 ms per-attempt timeout and fast backoff so that `timeout` (the
 * request held 1 s before the server processes it — it still commits, after the client gave
 * up) costs a second, not thirty.
 */
const ROUTES = {
  'create cart': 'POST /v1/customers/*/carts',
  checkout: 'POST /v1/customers/*/carts/*/checkout',
  'subscription PATCH': 'PATCH /v1/customers/*/subscriptions/*',
  registration: 'POST /v1/customers/*/subscriptions/*/registrations',
  'inventory check': 'POST /v1/extensions/product/checkInventory',
} as const;

const FAULTS: Record<string, { spec: FaultSpec; count: number }> = {
  timeout: { spec: { kind: 'latency', ms: 1_000 }, count: 1 },
  'connection reset': { spec: { kind: 'reset' }, count: 1 },
  '429 burst': { spec: { kind: 'throttle', retryAfterSeconds: 1 }, count: 3 },
  '500': { spec: { kind: 'status', status: 500 }, count: 1 },
  '503': { spec: { kind: 'status', status: 503 }, count: 2 },
  'malformed JSON body': { spec: { kind: 'malformed-body' }, count: 1 },
  'dropped after commit': { spec: { kind: 'drop-after-commit' }, count: 1 },
  'slow answer after commit': { spec: { kind: 'delay-response', ms: 1_000 }, count: 1 },
};

const CELLS = Object.entries(ROUTES).flatMap(([route, match]) =>
  Object.entries(FAULTS).map(([fault, { spec, count }]) => ({ route, fault, match, spec, count })),
);
const results: { route: string; fault: string; cycles: number; firstOutcome: string }[] = [];

describe('fault matrix: every mutating route × every fault converges with no duplicate effect', () => {
  afterAll(() => {
    console.log(`fault matrix: ${results.length} cells, all converged`);
    for (const r of results)
      console.log(`  ${r.route} × ${r.fault}: ${r.cycles} cycle(s), first ${r.firstOutcome}`);
  });

  it.each(CELLS)('$route × $fault', async ({ route, fault, match, spec, count }) => {
    const sandbox = await startSandbox({ seed: mixedSeed() });
    const ws = new QmWorkspace('qm-fault-');
    try {
      ws.writeConfig({ endpoint: sandbox.url, concurrency: 4 });
      ws.writeSpec('litware', MIXED_SPEC);
      sandbox.faults.add({ ...spec, match, count });
      const outcomes = await applyUntilConverged(ws, {
        client: { timeoutMs: 300, retry: { baseDelayMs: 20, maxDelayMs: 100, jitter: () => 0 } },
      });
      expect(sandbox.faults.list(), 'the fault was hit').toEqual([]);
      expect(outcomes.at(-1)?.plan.actions, 'converged').toEqual([]);
      expect(checkConvergence(sandbox)).toEqual({ duplicates: [], lost: [] });
      const store = ws.openState();
      const open = store.journal.listInFlight();
      store.close();
      expect(open).toEqual([]);
      results.push({
        route,
        fault,
        cycles: outcomes.length,
        firstOutcome: outcomes[0]?.outcome ?? '-',
      });
    } finally {
      await sandbox.close();
      ws.remove();
    }
  });
});
