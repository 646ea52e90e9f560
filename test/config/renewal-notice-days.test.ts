import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_RENEWAL_NOTICE_DAYS, loadConfig } from '../../src/config/index.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function load(yaml: string) {
  const dir = mkdtempSync(join(tmpdir(), 'qm-config-'));
  dirs.push(dir);
  const file = join(dir, 'agent.config.yaml');
  writeFileSync(file, yaml);
  return { file, ...loadConfig({ flagPath: file, env: {}, cwd: dir }) };
}

describe('daemon.renewalNoticeDays', () => {
  it('is absent unless set: the daemon then uses [30, 7, 1]', () => {
    const { config, diagnostics } = load('schedule: "*/30 * * * *"\n');
    expect(diagnostics).toEqual([]);
    expect(config.daemon).toBeUndefined();
    expect(DEFAULT_RENEWAL_NOTICE_DAYS).toEqual([30, 7, 1]);
  });

  it.each([
    ['daemon:\n  renewalNoticeDays: [1, 30, 7]\n', [30, 7, 1]],
    ['daemon:\n  renewalNoticeDays:\n    - 14\n    - 14\n    - 90\n', [90, 14]],
    ['daemon:\n  renewalNoticeDays: []\n', []],
  ])('resolves %j, largest first without duplicates', (yaml, days) => {
    const { config, diagnostics } = load(yaml);
    expect(diagnostics).toEqual([]);
    expect(config.daemon).toEqual({ renewalNoticeDays: days });
  });

  it('names the file, line, column and entry of a day that is not a positive whole number', () => {
    const { file, diagnostics, config } = load(
      'daemon:\n  webhookUrl: http://127.0.0.1:9/hook\n  renewalNoticeDays: [30, 0, 7.5, 2000]\n',
    );
    expect(diagnostics).toEqual([
      {
        file,
        line: 3,
        col: 27,
        path: 'daemon.renewalNoticeDays.1',
        message: '`renewalNoticeDays[1]` must be at least 1; got `0`',
        severity: 'error',
      },
      {
        file,
        line: 3,
        col: 30,
        path: 'daemon.renewalNoticeDays.2',
        message: '`renewalNoticeDays[2]` must be a whole number, got `7.5`',
        severity: 'error',
      },
      {
        file,
        line: 3,
        col: 35,
        path: 'daemon.renewalNoticeDays.3',
        message: expect.stringContaining('`renewalNoticeDays[3]` must be at most 1095') as string,
        severity: 'error',
      },
    ]);
    // A best effort (never acted on with errors): the bad list is dropped, the rest stays.
    expect(config.daemon).toEqual({ webhookUrl: 'http://127.0.0.1:9/hook' });
  });

  it('refuses a single number: it must be a list', () => {
    const { file, diagnostics } = load('daemon:\n  renewalNoticeDays: 30\n');
    expect(diagnostics).toEqual([
      {
        file,
        line: 2,
        col: 22,
        path: 'daemon.renewalNoticeDays',
        message: '`renewalNoticeDays` must be a list, got `30`',
        severity: 'error',
      },
    ]);
  });
});
