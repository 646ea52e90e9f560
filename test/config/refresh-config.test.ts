import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { parseDuration } from '../../src/config/resolve-refresh.js';
import { hasErrors } from '../../src/support/index.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function load(refresh: string) {
  const dir = mkdtempSync(join(tmpdir(), 'qm-config-'));
  dirs.push(dir);
  const file = join(dir, 'agent.config.yaml');
  writeFileSync(file, `partnerCenter:\n  endpoint: sandbox\n${refresh}`);
  return { file, ...loadConfig({ flagPath: file, env: {}, cwd: dir }) };
}

const H = 3_600_000;

describe('partnerCenter.refresh', () => {
  it('is absent unless set: every cycle reads every customer', () => {
    const { config, diagnostics } = load('');
    expect(diagnostics).toEqual([]);
    expect(config.partnerCenter.refresh).toBeUndefined();
  });

  it.each([
    [
      '  refresh: { mode: incremental }\n',
      { mode: 'incremental', fullEveryMs: 24 * H, overlapMs: 15 * 60_000 },
    ],
    [
      '  refresh:\n    mode: incremental\n    fullEvery: 1d12h\n    overlap: 1h\n',
      { mode: 'incremental', fullEveryMs: 36 * H, overlapMs: H },
    ],
    ['  refresh: { mode: full }\n', { mode: 'full', fullEveryMs: 24 * H, overlapMs: 15 * 60_000 }],
  ])('resolves %j', (yaml, refresh) => {
    const { config, diagnostics } = load(yaml);
    expect(diagnostics).toEqual([]);
    expect(config.partnerCenter.refresh).toEqual(refresh);
  });

  it('names the file, line and column of a duration outside its bounds', () => {
    const { file, diagnostics, config } = load(
      '  refresh:\n    mode: incremental\n    fullEvery: 91d\n    overlap: 30s\n',
    );
    expect(diagnostics).toEqual([
      {
        file,
        line: 5,
        col: 16,
        path: 'partnerCenter.refresh.fullEvery',
        message:
          'fullEvery must be from 5m to 90d (Partner Center keeps audit records 90 days); got `91d`',
        severity: 'error',
      },
      {
        file,
        line: 6,
        col: 14,
        path: 'partnerCenter.refresh.overlap',
        message: 'overlap must be from 1m to 24h; got `30s`',
        severity: 'error',
      },
    ]);
    expect(config.partnerCenter.refresh?.fullEveryMs).toBe(24 * H);
  });

  it('refuses a duration that is not one, and a mode it does not know, through the schema', () => {
    const { file, diagnostics } = load('  refresh: { mode: delta, fullEvery: one day }\n');
    expect(hasErrors(diagnostics)).toBe(true);
    const at = diagnostics.map((d) => [d.file, d.line, d.path]);
    expect(at).toContainEqual([file, 3, 'partnerCenter.refresh.mode']);
    expect(at).toContainEqual([file, 3, 'partnerCenter.refresh.fullEvery']);
    expect(diagnostics.map((d) => d.message).join('\n')).toMatch(/24h, 90m, 7d/);
  });

  it('warns that fullEvery and overlap do nothing without mode: incremental (never silently ignored)', () => {
    const { diagnostics, config } = load('  refresh:\n    fullEvery: 12h\n');
    expect(config.partnerCenter.refresh?.mode).toBe('full');
    expect(diagnostics).toEqual([
      expect.objectContaining({
        line: 4,
        path: 'partnerCenter.refresh.fullEvery',
        severity: 'warning',
        message: expect.stringContaining('applies only to `mode: incremental`'),
      }),
    ]);
  });

  it.each([
    ['90m', 90 * 60_000],
    ['24h', 24 * H],
    ['1d12h', 36 * H],
    ['45s', 45_000],
    ['', undefined],
    ['1.5h', undefined],
    ['h', undefined],
  ])('parseDuration(%j) = %j', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });
});
