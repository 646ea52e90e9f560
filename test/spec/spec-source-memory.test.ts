import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Flat memory (issue 19): the spec source keeps an index, not the estate. Measured in a child
// process with `--expose-gc`: heap still used after a full GC, which only what is retained is.

const CUSTOMERS = 3_000;
let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'qm-spec-memory-'));
  writeEstate(join(dir, 'specs'), CUSTOMERS);
  writeEstate(join(dir, 'warm-up'), 300);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `count` spec files like an adopted estate: a comment header and 10 subscriptions each. */
function writeEstate(folder: string, count: number): void {
  mkdirSync(folder, { recursive: true });
  const guid = (a: number, b: number): string =>
    `${String(a).padStart(8, '0')}-0000-4000-8000-${String(b).padStart(12, '0')}`;
  for (let c = 0; c < count; c++) {
    const items = Array.from(
      { length: 10 },
      (_, i) =>
        `  item-${i}:\n    product: CFQ7TTC0LCHC\n    sku: "0002"\n    term: P1Y\n    billing: monthly\n` +
        `    quantity: ${i + 1}\n    subscriptionId: ${guid(c, i + 1)}\n`,
    );
    const header = Array.from(
      { length: 8 },
      () => `# ${'owned by the licensing team; '.repeat(3)}\n`,
    );
    writeFileSync(
      join(folder, `customer-${c}.yaml`),
      `${header.join('')}version: 1\ncustomer:\n  id: ${guid(c, 0)}\n  name: Memory Customer ${c}\n` +
        `  country: US\nsubscriptions:\n${items.join('')}`,
    );
  }
}

interface Measured {
  readonly customers: number;
  readonly loaded: number;
  readonly index: number;
  readonly afterLoads: number;
  readonly loadSpecs: number;
}

describe('openSpecSource memory', () => {
  it('retains an index of a few hundred bytes per customer, and nothing after a load', () => {
    const child = spawnSync(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', join(import.meta.dirname, 'children/spec-memory.ts'), dir],
      { encoding: 'utf8', timeout: 60_000 },
    );
    expect(child.stderr).toBe('');
    const measured = JSON.parse(child.stdout.trim()) as Measured;
    expect(measured).toMatchObject({ customers: CUSTOMERS, loaded: CUSTOMERS });

    // Measured with the heap and the Buffers outside it: the index (id, name, country, file,
    // the files list) and each customer's deflated JSON. A file's text kept alive through a
    // string sliced from it would add ~2 KB; the customers as objects ~9 KB.
    expect(measured.index / CUSTOMERS).toBeLessThan(1_500);
    // Loading every customer in batches of 500 keeps none of them: one batch is ~4 MB.
    expect(measured.afterLoads - measured.index).toBeLessThan(512 * 1024);
    // The measurement sees what is retained: loadSpecs holds every customer's items as objects
    // (~7 KB for these small specs, against ~1.2 KB in the source).
    expect(measured.loadSpecs).toBeGreaterThan(4 * measured.index);
  }, 60_000);
});
