import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../../src/sandbox/index.js';
import { KillProxy, type KillMoment } from '../support/kill-proxy.js';
import { QmWorkspace } from '../support/qm-workspace.js';
import { checkConvergence, MIXED_SPEC, mixedSeed } from './mixed-world.js';

/**
 * Crash-and-resume at every mutating request of the mixed plan: the built CLI (`qm apply
 * --auto-approve`) is SIGKILLed while one request is held by a proxy — before the sandbox saw
 * it, or after the sandbox committed it but before the answer arrived — then `qm apply` is
 * started again. The estate must end exactly as the spec says, with one order per purchase, no
 * PATCH committed twice and no journal row left unsettled.
 *
 * Concurrency 1 keeps the order of the mutating requests fixed, so index n names the same call
 * in every scenario (the order of a clean run is asserted first).
 */
const MUTATING_CALLS = 10;
const CASES = Array.from({ length: MUTATING_CALLS }, (_, i) => i + 1).flatMap((index) =>
  (['before', 'after'] as const).map((moment) => ({ index, moment })),
);
const tally = { points: 0, duplicates: 0, lost: 0 };

async function scenario(index: number | undefined, moment: KillMoment) {
  const sandbox = await startSandbox({ seed: mixedSeed() });
  const proxy = await KillProxy.start(sandbox.url);
  const ws = new QmWorkspace('qm-kill-');
  ws.writeConfig({ endpoint: proxy.url, concurrency: 1 });
  ws.writeSpec('litware', MIXED_SPEC);
  try {
    let killedAt: string | undefined;
    if (index !== undefined) {
      const trap = proxy.arm(index, moment);
      const first = ws.start(['apply', '--auto-approve']);
      const sprung = await Promise.race([
        trap,
        first.done.then((r) =>
          Promise.reject(
            new Error(`apply ended (${r.code}) before request ${index}:\n${r.stdout}${r.stderr}`),
          ),
        ),
      ]);
      killedAt = `${sprung.method} ${sprung.path}`;
      first.child.kill('SIGKILL');
      const killed = await first.done;
      expect(killed.signal).toBe('SIGKILL');
      proxy.disarm();
    }
    const resumed = await ws.run(['apply', '--auto-approve']);
    expect(resumed.code, resumed.stdout + resumed.stderr).toBe(0);
    const replan = await ws.run(['plan', '--detailed-exitcode']);
    expect(replan.code, replan.stdout + replan.stderr).toBe(0);
    const store = ws.openState();
    const unsettled = store.journal.listInFlight();
    store.close();
    return {
      killedAt,
      convergence: checkConvergence(sandbox),
      unsettled,
      mutating: proxy.mutating,
    };
  } finally {
    await proxy.close();
    await sandbox.close();
    ws.remove();
  }
}

describe('kill points: SIGKILL at every mutating request, then apply again', () => {
  beforeAll(async () => {
    const clean = await scenario(undefined, 'before');
    expect(clean.convergence).toEqual({ duplicates: [], lost: [] });
    expect(
      clean.mutating.map((m) => `${m.method} ${m.path.replace(/[0-9a-f-]{36}/g, '{id}')}`),
    ).toHaveLength(MUTATING_CALLS);
  });

  afterAll(() => {
    console.log(
      `kill points: ${tally.points}, duplicates: ${tally.duplicates}, lost: ${tally.lost}`,
    );
  });

  it.each(CASES)('request $index, killed $moment the server commits', async ({ index, moment }) => {
    const result = await scenario(index, moment);
    tally.points += 1;
    tally.duplicates += result.convergence.duplicates.length;
    tally.lost += result.convergence.lost.length;
    expect(result.killedAt).toBeDefined();
    expect(result.convergence, `killed at ${result.killedAt}`).toEqual({
      duplicates: [],
      lost: [],
    });
    expect(result.unsettled).toEqual([]);
  });
});
