import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/index.js';
import { QmWorkspace, type QmResult } from '../support/qm-workspace.js';
import { CUSTOMER, MIXED_SPEC, mixedSeed } from './mixed-world.js';

/**
 * Inputs the spec validator never sees: a saved plan that was tampered with, a state file that
 * is damaged or cannot be opened, an endpoint nobody answers, a token Partner Center refuses.
 * Each must stop `qm apply` with exit 1 and a message naming the problem, before anything is
 * written: no mutating request reaches the sandbox, no journal row is recorded.
 */
let sandbox: RunningSandbox;
let ws: QmWorkspace;

beforeEach(async () => {
  sandbox = await startSandbox({ seed: mixedSeed() });
  ws = new QmWorkspace('qm-bad-');
  ws.writeConfig({ endpoint: sandbox.url });
  ws.writeSpec('litware', MIXED_SPEC);
});

afterEach(async () => {
  await sandbox.close();
  ws.remove();
});

/** Exit 1, the message on stderr, and not one write anywhere. */
function expectRefused(result: QmResult, message: RegExp): void {
  expect(result.code, result.stdout + result.stderr).toBe(1);
  expect(result.stderr).toMatch(message);
  expect(sandbox.state.requests().filter((r) => r.method !== 'GET')).toEqual([]);
  expect(sandbox.state.orders(CUSTOMER)).toEqual([]);
  if (existsSync(ws.statePath) && !/state-(corrupt|unreadable)/.test(result.stderr)) {
    const store = ws.openState();
    const rows = store.journal.list();
    store.close();
    expect(rows).toEqual([]);
  }
}

async function savedPlan(): Promise<
  Record<string, unknown> & { actions: { after?: { quantity?: number } }[] }
> {
  const planned = await ws.run(['plan', '--out', 'plan.json']);
  expect(planned.code, planned.stderr).toBe(0);
  return JSON.parse(readFileSync(join(ws.dir, 'plan.json'), 'utf8')) as never;
}

describe('bad inputs beyond specs: exit 1, a clear message, nothing written', () => {
  it('a saved plan whose JSON was edited is refused as stale', async () => {
    const plan = await savedPlan();
    const first = plan.actions.find((a) => a.after?.quantity !== undefined);
    if (first?.after === undefined) throw new Error('the mixed plan has a quantity action');
    first.after.quantity = 99;
    writeFileSync(join(ws.dir, 'edited.json'), JSON.stringify(plan));
    expectRefused(await ws.run(['apply', 'edited.json']), /plan-stale.*edited/);
  });

  it('a saved plan with another formatVersion is refused, naming the version', async () => {
    const plan = await savedPlan();
    writeFileSync(join(ws.dir, 'v99.json'), JSON.stringify({ ...plan, formatVersion: 99 }));
    expectRefused(await ws.run(['apply', 'v99.json']), /plan-format-unsupported.*formatVersion 99/);
  });

  it('a saved plan that is not JSON is refused', async () => {
    writeFileSync(join(ws.dir, 'broken.json'), '{"formatVersion": 1, "actions": [');
    expectRefused(await ws.run(['apply', 'broken.json']), /plan-file-invalid.*not JSON/);
  });

  it("another config's plan (other specs, other state) is refused as stale", async () => {
    const other = new QmWorkspace('qm-bad-other-');
    try {
      other.writeConfig({ endpoint: sandbox.url });
      other.writeSpec('litware', MIXED_SPEC.replace('quantity: 15', 'quantity: 18'));
      expect((await other.run(['plan', '--out', 'plan.json'])).code).toBe(0);
      writeFileSync(join(ws.dir, 'foreign.json'), readFileSync(join(other.dir, 'plan.json')));
      expectRefused(await ws.run(['apply', 'foreign.json']), /plan-stale/);
    } finally {
      other.remove();
    }
  });

  it('a corrupted state file is refused, naming the file, and left as it was', async () => {
    mkdirSync(join(ws.dir, 'state'));
    const garbage = 'not a database '.repeat(300);
    writeFileSync(ws.statePath, garbage);
    expectRefused(await ws.run(['apply', '--auto-approve']), /state-corrupt.*qm\.db/);
    expect(readFileSync(ws.statePath, 'utf8')).toBe(garbage);
  });

  it('a state path that cannot be opened as a file is refused', async () => {
    mkdirSync(ws.statePath, { recursive: true });
    expectRefused(await ws.run(['apply', '--auto-approve']), /state-(unreadable|corrupt).*qm\.db/);
  });

  // Root ignores file modes, so a read-only file only refuses writes for other users.
  it.skipIf(process.getuid?.() === 0)('a read-only state file is refused', async () => {
    expect((await ws.run(['plan'])).code).toBe(0);
    const { chmodSync } = await import('node:fs');
    chmodSync(ws.statePath, 0o444);
    chmodSync(join(ws.dir, 'state'), 0o555);
    const result = await ws.run(['apply', '--auto-approve']);
    chmodSync(join(ws.dir, 'state'), 0o755);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/state/);
    expect(sandbox.state.orders(CUSTOMER)).toEqual([]);
  });

  it('an unreachable endpoint is refused, naming the endpoint', async () => {
    ws.writeConfig({ endpoint: 'http://127.0.0.1:9' });
    expectRefused(
      await ws.run(['apply', '--auto-approve']),
      /refresh-failed.*127\.0\.0\.1:9.*ECONNREFUSED/,
    );
  });

  it('a wrong or expired token (sandbox 401) is refused, naming the auth settings', async () => {
    ws.writeConfig({
      endpoint: sandbox.url,
      auth: ['mode: access-token', 'tokenEnv: QM_TEST_TOKEN'],
    });
    const result = await ws.run(['apply', '--auto-approve'], { QM_TEST_TOKEN: 'expired-or-wrong' });
    expectRefused(result, /HTTP 401.*token is not valid.*partnerCenter\.auth/);
    expect(result.stderr).not.toContain('expired-or-wrong');
  });
});
