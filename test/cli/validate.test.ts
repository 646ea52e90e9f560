import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { INVALID_CASES, type InvalidCase } from '../spec/invalid-cases.js';

// Runs the built CLI (`npm test` builds first) as a child process from the repository root.
const ROOT = join(import.meta.dirname, '../..');
const QM = join(ROOT, 'bin/qm.js');

function qm(
  args: readonly string[],
  env: Record<string, string> = {},
): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [QM, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { PATH: process.env['PATH'] ?? '', ...env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const CLI_SUBSET = [
  'malformed-yaml',
  'unknown-key-item',
  'sku-not-string',
  'quantity-zero',
  'billing-longer-than-term',
  'customer-id-not-guid',
  'country-unknown',
  'duplicate-item-key',
  'duplicate-customer',
  'empty-folder',
  'reservation-without-azure-subscription',
  'software-blocked-market',
  'reservation-blocked-market',
  'inline-secret',
  'endpoint-with-v1',
  'schedule-invalid',
  'policy-kind-unknown',
];

beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist/cli/main.js')))
    throw new Error('dist/ is missing: run `npm run build` (npm test does)');
});

describe('qm validate (built CLI, child process)', () => {
  it.each(INVALID_CASES.filter((c) => CLI_SUBSET.includes(c.name)))(
    '$kind $name → exit 1 at file:line:col',
    (c: InvalidCase) => {
      const run =
        c.kind === 'spec'
          ? qm(['validate', '--config', 'test/fixtures/config/valid.yaml'], { QM_SPECS: c.fixture })
          : qm(['--config', c.fixture, 'validate']);
      expect(run.code).toBe(1);
      const at = `${c.file}:${c.line}:${c.col}: `;
      const line = run.stderr.split('\n').find((l) => l.startsWith(at) && l.includes(c.message));
      expect(line, run.stderr).toBeDefined();
      if (c.path !== undefined) expect(line).toContain(`(at ${c.path})`);
      expect(run.stdout).toBe('');
    },
  );

  it('covers at least 25 invalid fixtures in the table', () => {
    expect(INVALID_CASES.length).toBeGreaterThanOrEqual(25);
    expect(CLI_SUBSET.every((name) => INVALID_CASES.some((c) => c.name === name))).toBe(true);
  });

  it('passes the shipped specs with one summary line per customer', () => {
    const run = qm(['validate']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout.trim().split('\n')).toEqual([
      'Contoso Ltd (6f1c2a9e-4a7b-4c1e-9a53-0d8e2b7f5c11, US): 2 subscriptions, 1 purchase in specs/contoso.yaml',
      'Fabrikam GmbH (2b8d4c7e-1f3a-4e5b-8c9d-0a1b2c3d4e5f, DE): 2 subscriptions, 1 purchase in specs/fabrikam.yaml',
      'Northwind Traders (9c3e5a71-8d2f-4b6a-a1c0-7e4d3f2b1a09, GB): 2 subscriptions, 0 purchases in specs/northwind.yaml',
    ]);
  });

  it('reports a missing config file with its path and what to do', () => {
    const run = qm(['validate', '--config', 'test/fixtures/config/nope.yaml']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      `error [config-not-found]: config file ${join(ROOT, 'test/fixtures/config/nope.yaml')} (from --config) does not exist`,
    );
    expect(run.stderr).toContain('point --config / QM_CONFIG at an existing file');
  });

  it('reports config and spec problems together, and every problem in a file', () => {
    const run = qm(['validate', '--config', 'test/fixtures/config/specs-folder-missing.yaml']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('test/fixtures/config/no-such-folder:1:1: specs folder');
    const many = qm(['validate', '--config', 'test/fixtures/config/valid.yaml'], {
      QM_SPECS: 'test/fixtures/specs/duplicate-customer',
    });
    expect(many.stderr).toContain('validation failed: 1 error');
  });

  it('prints a versioned JSON report with --json', () => {
    const run = qm(['validate', '--json', '--config', 'test/fixtures/config/valid.yaml'], {
      QM_SPECS: 'test/fixtures/specs/quantity-zero',
    });
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({
      formatVersion: 1,
      ok: false,
      config: 'test/fixtures/config/valid.yaml',
      customers: [],
    });
    expect(report.diagnostics).toEqual([
      {
        file: 'test/fixtures/specs/quantity-zero/customer.yaml',
        line: 12,
        col: 15,
        path: 'subscriptions.m365-business-premium.quantity',
        message: '`quantity` must be at least 1; got `0`',
        severity: 'error',
      },
    ]);
  });
});
