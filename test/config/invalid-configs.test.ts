import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigFileError, loadConfig } from '../../src/config/index.js';
import { hasErrors } from '../../src/support/index.js';
import { INVALID_CASES } from '../spec/invalid-cases.js';

const ROOT = join(import.meta.dirname, '../..');

describe('loadConfig on invalid config files', () => {
  it.each(INVALID_CASES.filter((c) => c.kind === 'config'))('$name', (c) => {
    const { diagnostics } = loadConfig({ flagPath: c.fixture, env: {}, cwd: ROOT });
    const shown = diagnostics.map((d) => ({ ...d, file: relative(ROOT, d.file) }));

    expect(hasErrors(diagnostics)).toBe(true); // → exit code 1
    expect(shown).toContainEqual(
      expect.objectContaining({
        file: c.file,
        line: c.line,
        col: c.col,
        severity: 'error',
        message: expect.stringContaining(c.message),
        ...(c.path === undefined ? {} : { path: c.path }),
      }),
    );
  });

  it('throws ConfigFileError naming the path when --config names a missing file', () => {
    const missing = join(ROOT, 'test/fixtures/config/does-not-exist.yaml');
    let thrown: unknown;
    try {
      loadConfig({ flagPath: 'test/fixtures/config/does-not-exist.yaml', env: {}, cwd: ROOT });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigFileError);
    expect(thrown).toMatchObject({ code: 'config-not-found', path: missing });
    expect((thrown as Error).message).toContain(
      `config file ${missing} (from --config) does not exist`,
    );
  });

  it('throws for a missing QM_CONFIG file too, naming the variable', () => {
    expect(() => loadConfig({ env: { QM_CONFIG: 'nope.yaml' }, cwd: ROOT })).toThrow(
      /nope\.yaml \(from QM_CONFIG\) does not exist/,
    );
  });

  it('never echoes a secret pasted into an *Env field', () => {
    const { diagnostics } = loadConfig({
      flagPath: `test/fixtures/config/token-value-in-env-field.yaml`,
      env: {},
      cwd: ROOT,
    });
    expect(diagnostics.map((d) => d.message).join('\n')).not.toContain('eyJ0eXAi');
  });
});
