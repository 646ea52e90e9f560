import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { formatDiagnostic, hasErrors } from '../../src/support/index.js';

// Issue 14, "refuse, don't guess": a config the user pointed at is never replaced by defaults,
// never echoed when it is not a config, and never sends a token in clear.

const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function tempFile(name: string, text: string): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'qm-refuse-'));
  temps.push(dir);
  writeFileSync(join(dir, name), text);
  return { dir, file: join(dir, name) };
}
const lines = (list: readonly string[]): string => `${list.join('\n')}\n`;

describe('an empty config file is an error, never the built-in defaults', () => {
  it.each([
    ['empty', ''],
    ['comments only', '# TODO: fill in\n# later\n'],
    ['a null document', '~\n'],
    ['a bare document marker', '---\n'],
  ])('%s, named by --config', (_name, text) => {
    const { dir, file } = tempFile('qm.yaml', text);
    const { diagnostics } = loadConfig({ flagPath: file, env: {}, cwd: dir });
    expect(diagnostics).toEqual([
      {
        file,
        line: 1,
        col: 1,
        path: '',
        severity: 'error',
        message: expect.stringMatching(
          /^config file .*qm\.yaml \(from --config\) is empty: .*specs:.*partnerCenter:.*docs\/config-reference\.md/,
        ),
      },
    ]);
  });

  it('named by QM_CONFIG, or the implicit ./agent.config.yaml', () => {
    const { dir, file } = tempFile('agent.config.yaml', '# nothing\n');
    const cases = [
      [{ QM_CONFIG: file }, `config file ${file} (from QM_CONFIG) is empty`],
      [{}, `config file ${file} is empty`],
    ] as const;
    for (const [env, says] of cases) {
      const { diagnostics } = loadConfig({ env, cwd: dir });
      expect(diagnostics.map((d) => [d.file, d.severity, d.message.split(':')[0]])).toEqual([
        [file, 'error', says],
      ]);
    }
  });
});

describe('YAML aliases beyond the limit are an error at the alias', () => {
  it('an alias bomb', () => {
    const { dir, file } = tempFile(
      'bomb.yaml',
      lines([
        'specs: ./specs',
        'x: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]',
        'y: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]',
        'z: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]',
        'w: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]',
      ]),
    );
    const { diagnostics } = loadConfig({ flagPath: file, env: {}, cwd: dir });
    expect(diagnostics).toEqual([
      expect.objectContaining({
        file,
        line: 3,
        col: 8,
        severity: 'error',
        message: expect.stringMatching(/aliases .*limit of 100.*write .* out/),
      }),
    ]);
  });

  it('more than 100 aliases', () => {
    const text = lines([
      'specs: &s ./specs',
      'policy:',
      '  autoApply:',
      ...Array.from({ length: 101 }, () => '    - *s'),
    ]);
    const { dir, file } = tempFile('many.yaml', text);
    const { diagnostics } = loadConfig({ flagPath: file, env: {}, cwd: dir });
    expect(diagnostics).toEqual([
      expect.objectContaining({ file, line: 104, col: 7, message: expect.stringContaining('100') }),
    ]);
  });
});

describe('a file that is not a config is named, never echoed', () => {
  const notConfig =
    /is not a Quartermaster config \(expected keys such as specs:, state:, partnerCenter:\)/;
  it.each([
    ['a passwd-like file', 'root:x:0:0:hunter2:/root:/bin/bash\nsecret-line: hunter2\n'],
    ['a spec file', 'version: 1\ncustomer:\n  id: x\n  name: hunter2\n'],
    ['plain text', 'hunter2 is the password\n'],
    ['a list', '- hunter2\n'],
    ['broken YAML', 'hunter2: [unclosed\n  - {x\n'],
  ])('%s', (_name, text) => {
    const { dir, file } = tempFile('not-config', text);
    const { diagnostics } = loadConfig({ flagPath: file, env: {}, cwd: dir });
    expect(hasErrors(diagnostics)).toBe(true);
    const shown = diagnostics.map(formatDiagnostic).join('\n');
    expect(shown).toMatch(notConfig);
    expect(shown).not.toContain('hunter2');
    expect(diagnostics).toHaveLength(1);
  });

  it('a config with one known key still gets every diagnostic', () => {
    const { dir, file } = tempFile('qm.yaml', 'specs: ./specs\nspecz: ./x\n');
    const { diagnostics } = loadConfig({ flagPath: file, env: {}, cwd: dir });
    expect(diagnostics.map((d) => [d.line, d.message])).toEqual([
      [2, expect.stringContaining('unknown key `specz`')],
    ]);
  });
});

describe('plain http is refused unless the host is loopback', () => {
  const config = (endpoint: string, extra: readonly string[] = []): string =>
    lines([
      'partnerCenter:',
      `  endpoint: ${endpoint}`,
      '  auth:',
      '    mode: access-token',
      ...extra,
    ]);

  it.each([
    'http://127.0.0.1:4100',
    'http://127.8.9.1',
    'http://localhost:4100',
    'http://[::1]:4100',
    'https://pc.example.com',
  ])('accepts %s', (endpoint) => {
    const { dir, file } = tempFile('qm.yaml', config(endpoint));
    const { diagnostics } = loadConfig({ flagPath: file, env: { QM_ACCESS_TOKEN: 't' }, cwd: dir });
    expect(diagnostics).toEqual([]);
  });

  it.each([
    'http://pc.example.com',
    'http://10.0.0.5:4100',
    'http://localhost.evil.com',
    'http://127.0.0.1.nip.io',
  ])('refuses endpoint %s at the value', (endpoint) => {
    const { dir, file } = tempFile('qm.yaml', config(endpoint));
    const { diagnostics } = loadConfig({
      flagPath: file,
      env: { QM_ACCESS_TOKEN: 't' },
      cwd: dir,
    });
    expect(diagnostics).toEqual([
      expect.objectContaining({
        line: 2,
        col: 13,
        path: 'partnerCenter.endpoint',
        message: expect.stringMatching(/endpoint .* plain http.*use https/),
      }),
    ]);
  });

  it('refuses QM_ENDPOINT, the authority and the webhook URL over http to another host', () => {
    const { dir, file } = tempFile(
      'qm.yaml',
      lines([
        'partnerCenter:',
        '  endpoint: https://pc.example.com',
        '  auth:',
        '    mode: client-secret',
        '    tenantId: contoso.onmicrosoft.com',
        '    clientId: 0e5d8c3a-1b2c-4d3e-8f9a-0b1c2d3e4f5a',
        '    authority: http://login.example.com',
        'daemon:',
        '  webhookUrl: http://hooks.example.com/T000/B000/hunter2',
      ]),
    );
    const { diagnostics } = loadConfig({
      flagPath: file,
      env: { QM_CLIENT_SECRET: 's', QM_ENDPOINT: 'http://pc.example.com' },
      cwd: dir,
    });
    expect(diagnostics.map((d) => [d.file, d.path, d.message])).toEqual([
      [file, 'partnerCenter.auth.authority', expect.stringContaining('use https')],
      [file, 'daemon.webhookUrl', expect.stringContaining('use https')],
      ['$QM_ENDPOINT', 'partnerCenter.endpoint', expect.stringContaining('use https')],
    ]);
    expect(diagnostics.map((d) => d.message).join('\n')).not.toContain('hunter2');
  });
});
