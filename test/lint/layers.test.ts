import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

/**
 * Lints `code` as if it were the content of the existing file `path` (a layer's index.ts, so the
 * type-aware parser knows it; nothing is written) and returns what was reported.
 */
async function rulesHit(path: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: ROOT });
  const [result] = await eslint.lintText(code, { filePath: resolve(ROOT, path) });
  return (result?.messages ?? []).map((m) => `${m.ruleId ?? 'parse'}: ${m.message}`);
}

/** STYLE §4: folders are layers; the planner and model are pure. ESLint is what enforces it. */
describe('layer rules (eslint.config.js)', () => {
  it.each([
    [
      'src/planner/index.ts',
      "import { readFileSync } from 'node:fs';\nexport const f = readFileSync;\n",
      'planner/ is pure: no I/O',
    ],
    [
      'src/model/index.ts',
      "import Database from 'better-sqlite3';\nexport const d = Database;\n",
      'model/ is pure: no I/O',
    ],
    [
      'src/planner/index.ts',
      'export const now = (): number => Date.now();\n',
      'Pure layer: take `now` as an input',
    ],
    [
      'src/model/index.ts',
      'export const now = (): Date => new Date();\n',
      'Pure layer: take `now` as an input',
    ],
    [
      'src/planner/index.ts',
      "import { ExitCode } from '../cli/exit-codes.js';\nexport const c = ExitCode;\n",
      'planner/ may not import cli/',
    ],
    [
      'src/state/index.ts',
      "import { main } from '../cli/main.js';\nexport const m = main;\n",
      'state/ may not import cli/',
    ],
    [
      'src/app/index.ts',
      "import { withLease } from '../agent/lease.js';\nexport const w = withLease;\n",
      'app/ may not import agent/',
    ],
    [
      'src/applier/index.ts',
      "import { openStateStore } from '../state/index.js';\nexport const o = openStateStore;\n",
      'applier/ may not import state/',
    ],
    [
      'src/agent/index.ts',
      "import { openStateStore } from '../state/index.js';\nexport const o = openStateStore;\n",
      'agent/ may import state/ for types only',
    ],
    [
      'src/agent/daemon/index.ts',
      "import { PartnerCenterError } from '../../partnercenter/index.js';\nexport const e = PartnerCenterError;\n",
      'agent/ may import partnercenter/ for types only',
    ],
  ])('%s: %s', async (path, code, message) => {
    expect((await rulesHit(path, code)).join('\n')).toContain(message);
  });

  it('lets agent/ import state/ and partnercenter/ types', async () => {
    const code =
      "import type { StateStore } from '../state/index.js';\nimport type { CallEvent } from '../partnercenter/index.js';\nexport type S = [StateStore, CallEvent];\n";
    expect(await rulesHit('src/agent/index.ts', code)).toEqual([]);
  });

  it('lets the planner import model/ and support/', async () => {
    const code =
      "import type { Plan } from '../model/index.js';\nimport { digestOf } from '../support/index.js';\nexport const d = (p: Plan): string => digestOf(p);\n";
    expect(await rulesHit('src/planner/index.ts', code)).toEqual([]);
  });
});
