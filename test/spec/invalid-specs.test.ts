import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSpecs } from '../../src/spec/index.js';
import { hasErrors } from '../../src/support/index.js';
import { INVALID_CASES } from './invalid-cases.js';

const ROOT = join(import.meta.dirname, '../..');

describe('loadSpecs on invalid spec folders', () => {
  it.each(INVALID_CASES.filter((c) => c.kind === 'spec'))('$name', (c) => {
    const result = loadSpecs(join(ROOT, c.fixture), { cwd: ROOT });
    const shown = result.diagnostics.map((d) => ({ ...d, file: relative(ROOT, d.file) }));

    expect(hasErrors(result.diagnostics)).toBe(true); // → exit code 1
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
    // Fail closed: a document with an error contributes no customer (multi-document files
    // keep their valid first document; see below).
    if (!c.name.includes('document') && !c.name.includes('same-file')) {
      for (const customer of result.desired.customers) {
        expect(join(c.fixture, customer.file)).not.toBe(c.file);
      }
    }
  });

  it('reports every problem in a file, not just the first, in line order', () => {
    const result = loadSpecs(join(ROOT, 'test/fixtures/specs/second-document-invalid'), {
      cwd: ROOT,
    });
    expect(result.desired.customers.map((c) => c.name)).toEqual(['Tailspin Toys']);

    const many = loadSpecs(join(ROOT, 'test/fixtures/specs/duplicate-key-across-sections'), {
      cwd: ROOT,
    });
    expect(many.diagnostics).toHaveLength(1);
  });
});
