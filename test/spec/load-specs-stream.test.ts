import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSpecs, openSpecSource } from '../../src/spec/index.js';
import { useTempSpecs } from './temp-specs.js';

// loadSpecs checks one file at a time; the rule across files must still see every earlier file.

const tempSpecs = useTempSpecs('qm-specs-stream-');
const ID = '6f1c2a9e-4a7b-4c1e-9a53-0d8e2b7f5c11';
const doc = (id: string, name: string, extra = ''): string =>
  `version: 1\ncustomer:\n  id: ${id}\n  name: ${name}\n  country: US\n${extra}`;

describe('a customer id declared in two files', () => {
  it('is reported on the later document, naming the first file, and the later is left out', () => {
    const dir = tempSpecs({
      'a-first.yaml': doc(ID, 'First'),
      'm-other.yaml': doc('7f1c2a9e-4a7b-4c1e-9a53-0d8e2b7f5c11', 'Other'),
      'nested/z-later.yaml': doc(ID.toUpperCase(), 'Later'),
      'z-third.yaml':
        doc('8f1c2a9e-4a7b-4c1e-9a53-0d8e2b7f5c11', 'Third') + `---\n${doc(ID, 'Again')}`,
    });
    const result = loadSpecs(dir, { cwd: dir });

    expect(result.desired.customers.map((c) => c.name)).toEqual(['First', 'Other', 'Third']);
    const duplicate = (file: string, line: number) => ({
      file: join(dir, file),
      line,
      col: 7,
      path: 'customer.id',
      message: `duplicate customer id ${ID}: already declared in a-first.yaml; each customer must be declared once`,
      severity: 'error',
    });
    expect(result.diagnostics).toEqual([
      duplicate('nested/z-later.yaml', 3),
      duplicate('z-third.yaml', 9),
    ]);
    expect(openSpecSource(dir, { cwd: dir }).diagnostics).toEqual(result.diagnostics);
  });

  it('rejects the later one even when the first is invalid (neither is loaded)', () => {
    const dir = tempSpecs({
      'a.yaml': doc(ID, 'First', 'surprise: 1\n'),
      'b.yaml': doc(ID, 'Later'),
    });
    const result = loadSpecs(dir, { cwd: dir });

    expect(result.desired.customers).toEqual([]);
    expect(result.diagnostics).toEqual([
      expect.objectContaining({
        file: join(dir, 'a.yaml'),
        line: 6,
        message: expect.stringContaining('unknown key `surprise`'),
      }),
      expect.objectContaining({
        file: join(dir, 'b.yaml'),
        line: 3,
        message: expect.stringContaining(`duplicate customer id ${ID}: already declared in a.yaml`),
      }),
    ]);
  });
});
