import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadSpecs } from '../../src/spec/index.js';

// Issue 14, "refuse, don't guess": a spec the user wrote never vanishes without a word.

const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'qm-refuse-specs-'));
  temps.push(dir);
  return dir;
}
function write(dir: string, name: string, text: string): string {
  mkdirSync(join(dir, name, '..'), { recursive: true });
  writeFileSync(join(dir, name), text);
  return join(dir, name);
}
const customer = (n: number, name: string): string =>
  `version: 1\ncustomer:\n  id: 00000000-0000-4000-8000-00000000000${n}\n  name: ${name}\n  country: US\n`;

describe('YAML aliases beyond the limit', () => {
  it('are an error at the alias, not an empty file whose customer vanishes', () => {
    const dir = tempDir();
    const file = write(
      dir,
      'many.yaml',
      `${customer(1, 'Many')}subscriptions:\n  a:\n    product: &p CFQ7TTC0LCHC\n    sku: "0001"\n    quantity: 1\n    notes:\n${Array.from({ length: 101 }, () => '      - *p').join('\n')}\n`,
    );
    const result = loadSpecs(dir);
    expect(result.diagnostics).toEqual([
      expect.objectContaining({
        file,
        line: 112,
        col: 9,
        severity: 'error',
        message: expect.stringMatching(/aliases .*limit of 100.*write the repeated values out/),
      }),
    ]);
    expect(result.desired.customers).toEqual([]);
  });
});

describe('an alias without its anchor', () => {
  it('is an error at the alias', () => {
    const dir = tempDir();
    const file = write(dir, 'a.yaml', `${customer(1, 'A')}subscriptions:\n  a: *missing\n`);
    expect(loadSpecs(dir).diagnostics).toEqual([
      expect.objectContaining({
        file,
        line: 7,
        col: 6,
        severity: 'error',
        message: expect.stringContaining('Unresolved alias'),
      }),
    ]);
  });
});

describe('symlinks in the specs folder', () => {
  it('are followed to files and folders', () => {
    const outside = tempDir();
    write(outside, 'shared/b.yaml', customer(2, 'Linked folder'));
    const target = write(outside, 'c.yaml', customer(3, 'Linked file'));
    const dir = tempDir();
    write(dir, 'a.yaml', customer(1, 'Plain'));
    symlinkSync(join(outside, 'shared'), join(dir, 'shared'));
    symlinkSync(target, join(dir, 'c.yaml'));
    const result = loadSpecs(dir);
    expect(result.diagnostics).toEqual([]);
    expect(result.desired.customers.map((c) => [c.name, c.file])).toEqual([
      ['Plain', 'a.yaml'],
      ['Linked file', 'c.yaml'],
      ['Linked folder', 'shared/b.yaml'],
    ]);
  });

  it('a cycle is an error naming the link, and the rest still loads', () => {
    const dir = tempDir();
    write(dir, 'team/a.yaml', customer(1, 'A'));
    const link = join(dir, 'team/loop');
    symlinkSync(dir, link);
    const result = loadSpecs(dir);
    expect(result.desired.customers.map((c) => c.name)).toEqual(['A']);
    expect(result.diagnostics).toEqual([
      expect.objectContaining({
        file: link,
        line: 1,
        col: 1,
        severity: 'error',
        message: expect.stringMatching(/^symlink .*team\/loop loops back to .*: remove it/),
      }),
    ]);
  });

  it('a dangling link is an error naming it', () => {
    const dir = tempDir();
    write(dir, 'a.yaml', customer(1, 'A'));
    const link = join(dir, 'gone.yaml');
    symlinkSync(join(dir, 'moved-away.yaml'), link);
    symlinkSync(join(dir, 'x'), join(dir, '.#a.yaml')); // an editor lock file: not a spec
    const result = loadSpecs(dir);
    expect(result.diagnostics).toEqual([
      expect.objectContaining({
        file: link,
        severity: 'error',
        message: expect.stringMatching(
          /^symlink .*gone\.yaml points to .*moved-away\.yaml, which does not exist/,
        ),
      }),
    ]);
  });
});
