import { describe, expect, it } from 'vitest';
import { startSandbox } from '../../src/sandbox/index.js';
import { QmWorkspace } from '../support/qm-workspace.js';
import { checkConvergence, MIXED_SPEC, mixedSeed } from './mixed-world.js';

/**
 * Two `qm apply --auto-approve` and one `qm run --once` started at the same moment on the same
 * state file. The lease lets exactly one of them write: the others either stop with exit 1
 * naming the lease holder, or start after it finished and find nothing to do. Every journal
 * row comes from one run, and the estate holds each effect once. A 30 ms latency on every call
 * keeps the winner's cycle long enough for the others to collide with it.
 */
describe('concurrency: two applies and a daemon cycle started together', () => {
  it('one writer, no duplicate effect', async () => {
    const sandbox = await startSandbox({ seed: mixedSeed() });
    const ws = new QmWorkspace('qm-race-');
    try {
      ws.writeConfig({ endpoint: sandbox.url, concurrency: 2 });
      ws.writeSpec('litware', MIXED_SPEC);
      sandbox.faults.add({ match: '/v1/**', kind: 'latency', ms: 30, count: 'unlimited' });
      const results = await Promise.all([
        ws.run(['apply', '--auto-approve']),
        ws.run(['apply', '--auto-approve']),
        ws.run(['run', '--once']),
      ]);
      for (const r of results) {
        expect([0, 1], r.stdout + r.stderr).toContain(r.code);
        if (r.code === 1) expect(r.stderr).toMatch(/lease|held|another/i);
      }
      expect(results.filter((r) => r.code === 0).length).toBeGreaterThanOrEqual(1);

      const store = ws.openState();
      const writes = store.journal.list().filter((row) => row.status === 'succeeded');
      const open = store.journal.listInFlight();
      store.close();
      expect(writes.length).toBeGreaterThanOrEqual(7);
      expect(new Set(writes.map((row) => row.runId)).size, 'journal rows from one run only').toBe(
        1,
      );
      expect(open).toEqual([]);
      expect(checkConvergence(sandbox)).toEqual({ duplicates: [], lost: [] });
      console.log(
        `concurrency: exit codes ${results.map((r) => r.code).join(', ')}; one writer, duplicates: 0`,
      );
    } finally {
      await sandbox.close();
      ws.remove();
    }
  });
});
