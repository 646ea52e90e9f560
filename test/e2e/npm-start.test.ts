import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawn } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { QM } from './harness.js';

const ROOT = resolve(import.meta.dirname, '../..');

function run(
  cwd: string,
  ...args: string[]
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [QM, ...args], {
    cwd,
    env: { ...process.env, NO_COLOR: '1' },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((done) => child.on('close', (code) => done({ code, stdout, stderr })));
}

/** `npm start` is `qm run --once` with the shipped config and specs, on the embedded sandbox. */
describe('npm start on the shipped example estate', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'qm-start-'));
    cpSync(join(ROOT, 'specs'), join(dir, 'specs'), { recursive: true });
    cpSync(join(ROOT, 'agent.config.yaml'), join(dir, 'agent.config.yaml'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('shows the plan and applies it; the second run has nothing left to do', async () => {
    const first = await run(dir, 'run', '--once');
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('Quartermaster plan');
    expect(first.stdout).toMatch(/Apply finished: 9 succeeded, 0 failed, 0 pending, 0 skipped\./);
    expect(first.stdout).toMatch(/ok +increase-quantity m365-business-premium .*quantity 20 → 25/);
    expect(first.stdout).toMatch(/ok +purchase d2s-v3-eastus/);
    expect(first.stdout).toMatch(/activate: https:\/\//);

    const second = await run(dir, 'run', '--once');
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain('No changes.');
    expect(second.stdout).toContain('No changes to apply.');

    const history = await run(dir, 'history');
    expect(history.stdout).toMatch(/#2 run .* no-changes/);
    expect(history.stdout).toMatch(/#1 run .* succeeded/);
  });
});
