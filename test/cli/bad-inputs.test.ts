import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';

// Issue 14, "refuse, don't guess", at the built CLI (child process in a temp workspace).
const ROOT = join(import.meta.dirname, '../..');
const QM = join(ROOT, 'bin/qm.js');

beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist/cli/main.js')))
    throw new Error('dist/ is missing: run `npm run build` (npm test does)');
});

const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A workspace with one valid spec and `agent.config.yaml` holding `config`. */
function workspace(config = 'specs: ./specs\nstate: ./state/qm.db\n'): string {
  const dir = mkdtempSync(join(tmpdir(), 'qm-bad-inputs-'));
  temps.push(dir);
  mkdirSync(join(dir, 'specs'));
  cpSync(join(ROOT, 'test/fixtures/specs/valid/customer.yaml'), join(dir, 'specs/customer.yaml'));
  writeFileSync(join(dir, 'agent.config.yaml'), config);
  return dir;
}

function qm(
  cwd: string,
  args: readonly string[],
): { code: number | null; out: string; err: string } {
  const run = spawnSync(process.execPath, [QM, ...args], {
    cwd,
    encoding: 'utf8',
    env: { PATH: process.env['PATH'] ?? '' },
  });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

describe('qm refuses what it cannot trust', () => {
  it('an empty --config is an error naming the file, not the built-in sandbox defaults', () => {
    const dir = workspace();
    writeFileSync(join(dir, 'empty.yaml'), '# fill me in\n');
    const run = qm(dir, ['--config', 'empty.yaml', 'validate']);
    expect(run.code).toBe(1);
    expect(run.err).toContain(
      `empty.yaml:1:1: config file ${join(dir, 'empty.yaml')} (from --config) is empty`,
    );
    expect(run.out).toBe('');
  });

  it('a file that is not a config is named and never echoed', () => {
    const dir = workspace();
    writeFileSync(join(dir, 'shadow'), 'root:$6$hunter2$xyz:19000:0:99999:7:::\n');
    const run = qm(dir, ['--config', 'shadow', 'validate']);
    expect(run.code).toBe(1);
    expect(run.err).toContain('is not a Quartermaster config');
    expect(run.err).not.toContain('hunter2');
  });

  it.each(['history', 'status'])('%s stops on config errors like the other commands', (command) => {
    const dir = workspace('specs: ./specs\nstate: ./state/qm.db\nstat: ./typo.db\n');
    const run = qm(dir, [command]);
    expect(run.code).toBe(1);
    expect(run.err).toContain('agent.config.yaml:3:1: unknown key `stat`');
    expect(run.err).toContain('error [invalid-input]');
    expect(run.out).toBe('');
    expect(existsSync(join(dir, 'state/qm.db'))).toBe(false);
  });
});

describe('a reader that goes away (qm … | head -1)', () => {
  it.each([['validate'], ['status'], ['--help']])(
    'qm %s exits quietly with code 0',
    async (command) => {
      const dir = workspace();
      const child = spawn(process.execPath, [QM, command], {
        cwd: dir,
        env: { PATH: process.env['PATH'] ?? '' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout.destroy(); // the reader is gone before the first line is written
      let err = '';
      child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
      const code = await new Promise<number | null>((done) => child.on('close', done));
      expect(err).not.toMatch(/EPIPE|Error|\n\s+at /);
      expect(code).toBe(0);
    },
  );
});
