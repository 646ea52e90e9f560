import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';

const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function configWith(limits: string): ReturnType<typeof loadConfig> {
  const dir = mkdtempSync(join(tmpdir(), 'qm-money-'));
  temps.push(dir);
  writeFileSync(join(dir, 'agent.config.yaml'), `policy:\n  limits:\n${limits}`);
  return loadConfig({ env: {}, cwd: dir });
}

describe('policy.limits money guard rails', () => {
  it('reads amounts per currency, codes upper-cased', () => {
    const { config, diagnostics } = configWith(
      '    maxMonthlyIncrease: { usd: 5000, EUR: 4000.5 }\n    maxCommitment: { USD: 50000 }\n',
    );
    expect(diagnostics).toEqual([]);
    expect(config.policy.limits.maxMonthlyIncrease).toEqual({ USD: 5000, EUR: 4000.5 });
    expect(config.policy.limits.maxCommitment).toEqual({ USD: 50000 });
  });

  it('are absent unless set', () => {
    const { config } = configWith('    maxNewPurchases: 3\n');
    expect(config.policy.limits.maxMonthlyIncrease).toBeUndefined();
    expect(config.policy.limits.maxCommitment).toBeUndefined();
  });

  it('refuses a negative amount and a key that is not a currency code, naming line and field', () => {
    const negative = configWith('    maxMonthlyIncrease: { USD: -1 }\n');
    expect(negative.diagnostics).toMatchObject([
      { line: 3, path: 'policy.limits.maxMonthlyIncrease.USD', severity: 'error' },
    ]);
    expect(negative.diagnostics[0]?.message).toBe('`USD` must be at least 0; got `-1`');
    const notCode = configWith('    maxCommitment: { dollars: 5 }\n');
    expect(notCode.diagnostics).toMatchObject([
      { line: 3, path: 'policy.limits.maxCommitment.dollars', severity: 'error' },
    ]);
    expect(notCode.diagnostics[0]?.message).toContain('a three-letter currency code (e.g. USD)');
  });
});
