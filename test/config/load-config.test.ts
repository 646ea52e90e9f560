import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_AUTHORITY, loadConfig } from '../../src/config/index.js';
import { ACTION_KINDS, DEFAULT_POLICY } from '../../src/model/index.js';

const ROOT = join(import.meta.dirname, '../..');
const FIXTURES = join(ROOT, 'test/fixtures/config');
const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'qm-config-'));
  temps.push(dir);
  return dir;
}

describe('loadConfig', () => {
  it('resolves a config: paths against its folder, policy merged with defaults', () => {
    const result = loadConfig({ flagPath: 'test/fixtures/config/valid.yaml', env: {}, cwd: ROOT });
    expect(result.diagnostics).toEqual([]);
    expect(result.config).toEqual({
      file: join(FIXTURES, 'valid.yaml'),
      specs: join(ROOT, 'test/fixtures/specs/valid'),
      state: join(FIXTURES, 'state/test.db'),
      partnerCenter: { endpoint: { kind: 'sandbox' }, auth: { mode: 'none' }, concurrency: 4 },
      schedule: '*/30 * * * *',
      policy: {
        autoApply: ['increase-quantity', 'set-autorenew'],
        limits: { ...DEFAULT_POLICY.limits, maxShrinkingItems: { kind: 'count', value: 3 } },
      },
    });
  });

  it('loads the shipped agent.config.yaml from the working directory by default', () => {
    const { config, diagnostics } = loadConfig({ env: {}, cwd: ROOT });
    expect(diagnostics).toEqual([]);
    expect(config.file).toBe(join(ROOT, 'agent.config.yaml'));
    expect(config.specs).toBe(join(ROOT, 'specs'));
    expect(config.state).toBe(join(ROOT, 'state/quartermaster.db'));
    expect(config.policy.limits.maxShrinkingItems).toEqual({ kind: 'share', percent: 25 });
    expect(
      config.policy.autoApply.every((k) => (ACTION_KINDS as readonly string[]).includes(k)),
    ).toBe(true);
  });

  it('uses built-in defaults, relative to cwd, when no config file exists', () => {
    const cwd = tempDir();
    const { config, diagnostics } = loadConfig({ env: {}, cwd });
    expect(diagnostics).toEqual([]);
    expect(config).toEqual({
      specs: join(cwd, 'specs'),
      state: join(cwd, 'state/quartermaster.db'),
      partnerCenter: { endpoint: { kind: 'sandbox' }, auth: { mode: 'none' }, concurrency: 8 },
      schedule: '*/30 * * * *',
      policy: DEFAULT_POLICY,
    });
  });

  it('applies precedence flag > env > file > default; env/flag paths resolve against cwd', () => {
    const cwd = tempDir();
    const env = {
      QM_CONFIG: join(FIXTURES, 'valid.yaml'),
      QM_SPECS: 'my-specs',
      QM_STATE: '/var/lib/qm/state.db',
      QM_CONCURRENCY: '16',
      QM_ENDPOINT: 'http://127.0.0.1:4100/',
      QM_SCHEDULE: '0 * * * *',
    };
    const fromEnv = loadConfig({ env, cwd });
    expect(fromEnv.diagnostics).toEqual([]);
    expect(fromEnv.config).toMatchObject({
      file: join(FIXTURES, 'valid.yaml'),
      specs: join(cwd, 'my-specs'),
      state: '/var/lib/qm/state.db',
      schedule: '0 * * * *',
      partnerCenter: {
        endpoint: { kind: 'url', baseUrl: 'http://127.0.0.1:4100' },
        concurrency: 16,
      },
    });
    const fromFlags = loadConfig({
      flagPath: join(FIXTURES, 'client-secret.yaml'),
      env: { ...env, QM_TEST_SECRET: 's3cret' },
      cwd,
      overrides: { concurrency: 2, specs: 'flag-specs' },
    });
    expect(fromFlags.diagnostics).toEqual([]);
    expect(fromFlags.config).toMatchObject({
      file: join(FIXTURES, 'client-secret.yaml'),
      specs: join(cwd, 'flag-specs'),
      partnerCenter: {
        concurrency: 2,
        endpoint: { kind: 'url', baseUrl: 'http://127.0.0.1:4100' },
        auth: {
          mode: 'client-secret',
          tenantId: 'contoso.onmicrosoft.com',
          clientId: '0e5d8c3a-1b2c-4d3e-8f9a-0b1c2d3e4f5a',
          clientSecretEnv: 'QM_TEST_SECRET',
          authority: 'https://login.example.test',
        },
      },
    });
    expect(JSON.stringify(fromFlags.config)).not.toContain('s3cret');
  });

  it('reports bad env overrides at the variable', () => {
    const { diagnostics } = loadConfig({
      env: { QM_CONCURRENCY: 'lots', QM_ENDPOINT: 'https://api.partnercenter.microsoft.com/v1' },
      cwd: tempDir(),
    });
    expect(diagnostics.map((d) => [d.file, d.message])).toEqual([
      ['$QM_CONCURRENCY', 'concurrency must be a whole number from 1 to 64; got `lots`'],
      ['$QM_ENDPOINT', expect.stringContaining('without /v1')],
    ]);
    // auth none against a real endpoint is refused, reported where the endpoint came from
    const real = loadConfig({
      env: { QM_ENDPOINT: 'https://api.partnercenter.microsoft.com' },
      cwd: tempDir(),
    });
    expect(real.diagnostics.map((d) => [d.file, d.message])).toEqual([
      ['$QM_ENDPOINT', expect.stringContaining('auth mode none works only with the sandbox')],
    ]);
  });

  it('resolves certificate mode paths against the config folder and defaults the authority', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'cert.pem'), '-----BEGIN CERTIFICATE-----\n');
    const file = join(dir, 'qm.yaml');
    writeFileSync(
      file,
      [
        'partnerCenter:',
        '  endpoint: https://api.partnercenter.microsoft.com',
        '  auth:',
        '    mode: certificate',
        '    tenantId: 7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
        '    clientId: 0e5d8c3a-1b2c-4d3e-8f9a-0b1c2d3e4f5a',
        '    certificatePath: cert.pem',
        '    tokenEnv: UNUSED',
        '',
      ].join('\n'),
    );
    const { config, diagnostics } = loadConfig({ flagPath: file, env: {}, cwd: ROOT });
    expect(config.partnerCenter.auth).toEqual({
      mode: 'certificate',
      tenantId: '7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
      clientId: '0e5d8c3a-1b2c-4d3e-8f9a-0b1c2d3e4f5a',
      certificatePath: join(dir, 'cert.pem'),
      authority: DEFAULT_AUTHORITY,
    });
    expect(diagnostics).toEqual([
      expect.objectContaining({
        severity: 'warning',
        line: 8,
        message: '`tokenEnv` is ignored in auth mode certificate',
      }),
    ]);
  });
});
