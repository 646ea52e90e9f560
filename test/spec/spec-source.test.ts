import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { desiredSource, type CustomerId } from '../../src/model/index.js';
import { loadSpecs, openSpecSource } from '../../src/spec/index.js';
import { useTempSpecs, writeSpec } from './temp-specs.js';

const ROOT = join(import.meta.dirname, '../..');
const FIXTURES = join(ROOT, 'test/fixtures/specs');
const tempSpecs = useTempSpecs('qm-spec-source-');
const id = (n: number): CustomerId =>
  `00000000-0000-4000-8000-${String(n).padStart(12, '0')}` as CustomerId;
const customer = (n: number, seats = 5): string =>
  `version: 1\ncustomer:\n  id: ${id(n)}\n  name: Customer number ${n}\n  country: us\n` +
  `subscriptions:\n  m365:\n    product: CFQ7TTC0LCHC\n    sku: "0002"\n    term: P1Y\n    billing: monthly\n    quantity: ${seats}\n`;

/** Three files, one of them with three documents, and one file in a nested folder. */
const ESTATE = {
  'a.yaml': customer(1),
  'b.yaml': [customer(2), customer(3, 7), customer(4)].join('---\n'),
  'nested/c.yml': customer(5),
};

describe('openSpecSource', () => {
  it('indexes what loadSpecs loads: same customers, diagnostics and files', () => {
    for (const dir of [join(ROOT, 'specs'), tempSpecs(ESTATE)]) {
      const all = loadSpecs(dir, { cwd: ROOT });
      const opened = openSpecSource(dir, { cwd: ROOT });
      expect(opened.source.index).toEqual(
        all.desired.customers.map(({ id, name, country, file }) => ({ id, name, country, file })),
      );
      expect(opened.source.products).toEqual(desiredSource(all.desired).products);
      expect(opened.diagnostics).toEqual(all.diagnostics);
      expect(opened.files).toEqual(all.files);
    }
  });

  it('loads the customers asked for, in that order, equal to loadSpecs', () => {
    const dir = tempSpecs(ESTATE);
    const all = loadSpecs(dir).desired.customers;
    const { source } = openSpecSource(dir);
    expect(source.index.map((c) => c.file)).toEqual([
      'a.yaml',
      'b.yaml',
      'b.yaml',
      'b.yaml',
      'nested/c.yml',
    ]);
    const pick = (...n: number[]) => n.map((i) => all.find((c) => c.id === id(i)));
    expect(source.load([id(4), id(1), id(3)])).toEqual(pick(4, 1, 3));
    expect(source.load([id(5), id(2)])).toEqual(pick(5, 2));
    expect(source.load(all.map((c) => c.id))).toEqual(all);
    expect(source.load([])).toEqual([]);
  });

  it('serves the specs it validated: files edited, broken or deleted since are not read', () => {
    const dir = tempSpecs(ESTATE);
    const validated = loadSpecs(dir).desired.customers;
    const { source } = openSpecSource(dir);
    writeSpec(dir, 'b.yaml', [customer(4), customer(3, 12)].join('---\n')); // 2 gone, 3 changed
    writeSpec(dir, 'a.yaml', `${customer(1)}  bad: [\n`);
    rmSync(join(dir, 'nested'), { recursive: true });

    const loaded = source.load(validated.map((c) => c.id));
    expect(loaded).toEqual(validated);
    expect(loaded.find((c) => c.id === id(3))?.subscriptions[0]?.quantity).toBe(7);
  });

  it('throws for an id it never indexed', () => {
    const { source } = openSpecSource(tempSpecs(ESTATE));
    expect(() => source.load([id(9)])).toThrow(
      /customer 0+-0+-4000-8000-0+9 is not in the spec index/,
    );
  });

  it.each(readdirSync(FIXTURES))('reports what loadSpecs reports for %s', (name) => {
    const dir = join(FIXTURES, name);
    const all = loadSpecs(dir, { cwd: ROOT });
    const opened = openSpecSource(dir, { cwd: ROOT });
    expect(opened.diagnostics).toEqual(all.diagnostics);
    expect(opened.files).toEqual(all.files);
    expect(opened.source.index.map((c) => c.id)).toEqual(all.desired.customers.map((c) => c.id));
    expect(opened.source.load(opened.source.index.map((c) => c.id))).toEqual(all.desired.customers);
  });
});
