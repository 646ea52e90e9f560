import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSpecs } from '../../src/spec/index.js';
import { useTempSpecs } from './temp-specs.js';

const ROOT = join(import.meta.dirname, '../..');
const FIXTURES = join(ROOT, 'test/fixtures/specs');
const tempSpecs = useTempSpecs('qm-specs-');

describe('loadSpecs', () => {
  it('normalises a valid spec: defaults, case, positions', () => {
    const result = loadSpecs(join(FIXTURES, 'valid'), { cwd: ROOT });
    expect(result.diagnostics).toEqual([]);
    expect(result.files).toEqual([join(FIXTURES, 'valid/customer.yaml')]);
    expect(result.desired).toEqual({
      customers: [
        {
          id: '1d2e3f40-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
          name: 'Tailspin Toys',
          country: 'US',
          file: 'customer.yaml',
          subscriptions: [
            {
              key: 'm365-business-premium',
              product: 'CFQ7TTC0LCHC',
              sku: '0002',
              term: 'P1Y',
              billing: 'monthly',
              ensure: 'present',
              quantity: 25,
              autoRenew: true,
              source: {
                file: 'customer.yaml',
                line: 7,
                col: 3,
                fields: {
                  product: { line: 8, col: 14 },
                  sku: { line: 9, col: 10 },
                  term: { line: 10, col: 11 },
                  billing: { line: 11, col: 14 },
                  quantity: { line: 12, col: 15 },
                },
              },
            },
          ],
          purchases: [
            {
              key: 'd2s-v3-eastus',
              kind: 'azure-reservation',
              product: 'DZH318Z0BQ4T',
              sku: '0059',
              quantity: 2,
              term: 'P1Y',
              billing: 'one_time',
              azureSubscriptionId: '8e7c0d2b-5a4f-4e3d-9c1b-2a0f6e5d4c3b',
              scope: 'shared',
              region: 'eastus',
              source: {
                file: 'customer.yaml',
                line: 14,
                col: 3,
                fields: {
                  product: { line: 16, col: 14 },
                  sku: { line: 17, col: 10 },
                  quantity: { line: 18, col: 15 },
                  term: { line: 19, col: 11 },
                  billing: { line: 20, col: 14 },
                },
              },
            },
          ],
        },
      ],
    });
  });

  it('accepts a tombstone without quantity and upper-cases the country', () => {
    const result = loadSpecs(join(FIXTURES, 'valid-tombstone'), { cwd: ROOT });
    expect(result.diagnostics).toEqual([]);
    const customer = result.desired.customers[0]!;
    expect(customer.country).toBe('US');
    expect(customer.purchases).toEqual([]);
    expect(customer.subscriptions[0]).toEqual({
      key: 'old-visio',
      product: 'CFQ7TTC0HD33',
      sku: '0001',
      term: 'P1M',
      billing: 'monthly',
      ensure: 'cancelled',
      autoRenew: true,
      source: {
        file: 'customer.yaml',
        line: 7,
        col: 3,
        fields: {
          product: { line: 8, col: 14 },
          sku: { line: 9, col: 10 },
          term: { line: 10, col: 11 },
          billing: { line: 11, col: 14 },
        },
      },
    });
  });

  it('loads the shipped example estate cleanly', () => {
    const result = loadSpecs(join(ROOT, 'specs'), { cwd: ROOT });
    expect(result.diagnostics).toEqual([]);
    expect(
      result.desired.customers.map((c) => [
        c.name,
        c.country,
        c.subscriptions.length,
        c.purchases.length,
      ]),
    ).toEqual([
      ['Contoso Ltd', 'US', 2, 1],
      ['Fabrikam GmbH', 'DE', 2, 1],
      ['Northwind Traders', 'GB', 2, 0],
    ]);
  });

  it('reads nested folders and .yml, in path order, several documents per file', () => {
    const doc = (id: string, name: string): string =>
      `version: 1\ncustomer:\n  id: ${id}\n  name: ${name}\n  country: de\nsubscriptions:\npurchases: {}\n`;
    const dir = tempSpecs({
      'b/z.yml': doc('00000000-0000-4000-8000-000000000003', 'Three'),
      'a.yaml': `${doc('00000000-0000-4000-8000-000000000001', 'One')}---\n${doc('00000000-0000-4000-8000-000000000002', 'Two')}`,
      'notes.txt': 'not a spec',
      '.hidden/x.yaml': 'not: loaded',
    });
    const result = loadSpecs(dir);
    expect(result.diagnostics).toEqual([]);
    expect(result.desired.customers.map((c) => [c.name, c.file])).toEqual([
      ['One', 'a.yaml'],
      ['Two', 'a.yaml'],
      ['Three', 'b/z.yml'],
    ]);
  });

  it('reports every problem across files, sorted by file and line', () => {
    const dir = tempSpecs({
      'b.yaml': 'version: 1\ncustomer:\n  id: x\n  name: B\n  country: US\n',
      'a.yaml':
        'version: 3\ncustomer:\n  id: 00000000-0000-4000-8000-000000000001\n  name: A\n  country: QQ\n',
    });
    const result = loadSpecs(dir);
    expect(result.diagnostics.map((d) => [d.file.slice(dir.length + 1), d.line, d.path])).toEqual([
      ['a.yaml', 1, 'version'],
      ['a.yaml', 5, 'customer.country'],
      ['b.yaml', 3, 'customer.id'],
    ]);
    expect(result.desired.customers).toEqual([]);
  });

  it('reports a missing folder and a folder of empty files as errors', () => {
    const missing = loadSpecs(join(tmpdir(), 'qm-no-such-folder-xyz'));
    expect(missing.diagnostics).toMatchObject([
      { severity: 'error', line: 1, message: expect.stringContaining('does not exist') },
    ]);
    const empty = loadSpecs(tempSpecs({ 'empty.yaml': '# nothing yet\n' }));
    expect(empty.diagnostics.map((d) => [d.severity, d.message])).toEqual([
      ['error', expect.stringContaining('every spec file is empty')],
      ['warning', 'file declares no customer (it is empty)'],
    ]);
  });
});
