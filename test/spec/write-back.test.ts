import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CustomerId, DriftEntry, ItemKey, SubscriptionId } from '../../src/model/index.js';
import { loadSpecs, patchSpecQuantities, writeBackDrift } from '../../src/spec/index.js';

const CONTOSO = '6f1c2a9e-4a7b-4c1e-9a53-0d8e2b7f5c11';
const FABRIKAM = '2b8d4c7e-1f3a-4e5b-8c9d-0a1b2c3d4e5f';

/** A spec with comments, odd spacing, a flow map and a quantity followed by a comment. */
const SPEC = `# yaml-language-server: $schema=./schema.json
version: 1   # the format
customer:
  id: ${CONTOSO.toUpperCase()}
  name: "Contoso Ltd"
  country: US

drift: keep-higher # seats added in the portal stay
subscriptions:
  # the main licence
  m365-business-premium:
    product: CFQ7TTC0LCHC
    sku: '0002'
    term: P1Y
    billing: monthly
    quantity:   25    # raised by hand in March
    autoRenew: true
  exchange: { product: CFQ7TTC0LH16, sku: "0001", term: P1M, billing: monthly, quantity: 10 }
purchases: {}
`;

describe('patchSpecQuantities', () => {
  it('changes only the quantity scalars; every other byte stays', () => {
    const { text, outcomes } = patchSpecQuantities(SPEC, [
      { customerId: CONTOSO, item: 'm365-business-premium', from: 25, value: 30 },
      { customerId: CONTOSO, item: 'exchange', from: 10, value: 120 },
    ]);
    expect(text).toBe(
      SPEC.replace('quantity:   25    #', 'quantity:   30    #').replace(
        'quantity: 10 }',
        'quantity: 120 }',
      ),
    );
    expect(outcomes.map((o) => [o.item, o.outcome, o.line, o.col])).toEqual([
      ['m365-business-premium', 'written', 16, 17],
      ['exchange', 'written', 18, 90],
    ]);
  });

  it('patches the document of the right customer in a multi-document file', () => {
    const other = SPEC.replace(CONTOSO.toUpperCase(), FABRIKAM).replace('Contoso Ltd', 'Fabrikam');
    const file = `${other}---\n${SPEC}`;
    const { text } = patchSpecQuantities(file, [
      { customerId: CONTOSO, item: 'exchange', from: 10, value: 11 },
    ]);
    expect(text).toBe(`${other}---\n${SPEC.replace('quantity: 10 }', 'quantity: 11 }')}`);
  });

  it.each([
    [
      'the spec changed since the plan',
      { customerId: CONTOSO, item: 'exchange', from: 9, value: 11 },
      /quantity says 10, not 9 as when planned: the spec changed since; run qm plan again/,
    ],
    [
      'an unknown customer',
      { customerId: FABRIKAM, item: 'exchange', from: 10, value: 11 },
      /no document declares customer 2b8d4c7e/,
    ],
    [
      'an item that is not there',
      { customerId: CONTOSO, item: 'gone', from: 10, value: 11 },
      /subscriptions\.gone\.quantity is not written as a plain number here; set it to 11 by hand/,
    ],
  ])('refuses a patch for %s and leaves the text alone', (_name, patch, reason) => {
    const { text, outcomes } = patchSpecQuantities(SPEC, [patch]);
    expect(text).toBe(SPEC);
    expect(outcomes[0]?.outcome).toBe('refused');
    expect(outcomes[0]?.reason).toMatch(reason);
  });

  it('says `already` when the spec already holds the value', () => {
    const { text, outcomes } = patchSpecQuantities(SPEC, [
      { customerId: CONTOSO, item: 'exchange', from: 8, value: 10 },
    ]);
    expect(text).toBe(SPEC);
    expect(outcomes[0]?.outcome).toBe('already');
  });
});

describe('writeBackDrift', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
  const specsDir = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'qm-write-back-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'contoso.yaml'), SPEC);
    return dir;
  };
  const entry = (file: string | undefined, item: string, from: number, value: number) =>
    ({
      customerId: CONTOSO as CustomerId,
      item: item as ItemKey,
      subscriptionId: '3a1f9e8d-7c6b-4a5e-9d4c-3b2a1f0e9d8c' as SubscriptionId,
      policy: 'keep-higher',
      specQuantity: from,
      liveQuantity: value,
      patch: {
        ...(file === undefined ? {} : { file }),
        path: ['subscriptions', item, 'quantity'],
        value,
      },
    }) satisfies DriftEntry;

  it('writes the patches into the file, which then loads with the new quantity', () => {
    const dir = specsDir();
    const outcomes = writeBackDrift(dir, [entry('contoso.yaml', 'm365-business-premium', 25, 30)]);
    expect(outcomes).toMatchObject([{ file: 'contoso.yaml', outcome: 'written', line: 16 }]);
    const written = readFileSync(join(dir, 'contoso.yaml'), 'utf8');
    expect(written).toBe(SPEC.replace('quantity:   25 ', 'quantity:   30 '));
    const loaded = loadSpecs(dir);
    expect(loaded.diagnostics).toEqual([]);
    const item = loaded.desired.customers[0]?.subscriptions[0];
    expect([item?.quantity, item?.drift]).toEqual([30, 'keep-higher']);
  });

  it('refuses files it cannot use, with what to do, and changes nothing', () => {
    const dir = specsDir();
    const outcomes = writeBackDrift(dir, [
      entry(undefined, 'exchange', 10, 11),
      entry('../elsewhere.yaml', 'exchange', 10, 11),
      entry('missing.yaml', 'exchange', 10, 11),
    ]);
    expect(outcomes.map((o) => o.outcome)).toEqual(['refused', 'refused', 'refused']);
    expect(outcomes.map((o) => o.reason)).toEqual([
      'the plan names no spec file for this item; set its quantity by hand',
      expect.stringMatching(/^\.\.\/elsewhere\.yaml is not inside the specs folder .*by hand$/),
      expect.stringMatching(/^cannot read .*missing\.yaml: .*ENOENT/),
    ]);
    expect(readFileSync(join(dir, 'contoso.yaml'), 'utf8')).toBe(SPEC);
  });
});
