/**
 * The `coterm` rule through the real loader (files on disk): `month-end` or the key of another
 * subscription item of the same customer; anything else is an error at the `coterm` value that
 * says what is allowed, and the customer is left out of the desired state.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadSpecs } from '../../src/spec/index.js';

const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A spec whose `new-seats` item (line 13) carries `coterm: <value>` on line 19, col 13. */
function specWith(coterm: string, options: { premiumTerm?: string; ensure?: string } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'qm-coterm-'));
  temps.push(dir);
  const text = [
    'version: 1', // 1
    'customer:',
    '  id: 1d2e3f40-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
    '  name: Tailspin Toys',
    '  country: US', // 5
    'subscriptions:',
    '  m365-business-premium:',
    '    product: CFQ7TTC0LCHC',
    '    sku: "0002"',
    `    term: ${options.premiumTerm ?? 'P1Y'}`, // 10
    '    billing: monthly',
    `    quantity: ${options.ensure === undefined ? '25' : `25\n    ensure: ${options.ensure}`}`,
    '  new-seats:',
    '    product: CFQ7TTC0LF8Q',
    '    sku: "0001"',
    '    term: P1Y',
    '    billing: monthly',
    '    quantity: 5',
    `    coterm: ${coterm}`,
    'purchases:',
    '  d2s-v3-eastus:',
    '    kind: azure-reservation',
    '    product: DZH318Z0BQ4T',
    '    sku: "0059"',
    '    quantity: 2',
    '    term: P1Y',
    '    billing: one_time',
    '    azureSubscriptionId: 8e7c0d2b-5a4f-4e3d-9c1b-2a0f6e5d4c3b',
    '',
  ].join('\n');
  writeFileSync(join(dir, 'customer.yaml'), text);
  return { dir, file: join(dir, 'customer.yaml') };
}

describe('coterm', () => {
  it.each(['month-end', 'm365-business-premium'])('accepts `%s`', (coterm) => {
    const { dir } = specWith(coterm);
    const result = loadSpecs(dir);
    expect(result.diagnostics).toEqual([]);
    const item = result.desired.customers[0]?.subscriptions.find((s) => s.key === 'new-seats');
    expect(item?.coterm).toBe(coterm);
  });

  it.each([
    [
      'new-seats',
      '`coterm: new-seats` names this item itself: co-term with month-end or another subscription item of this customer (allowed: month-end, `m365-business-premium`)',
    ],
    [
      'd2s-v3-eastus',
      '`coterm: d2s-v3-eastus` names a one-time purchase, which has no term to end with: co-term with month-end or a subscription item of this customer (allowed: month-end, `m365-business-premium`)',
    ],
    [
      'month_end',
      '`coterm: month_end` is neither month-end nor a subscription item of this customer (allowed: month-end, `m365-business-premium`)',
    ],
  ])('refuses `%s` at the coterm value, saying what is allowed', (coterm, message) => {
    const { dir, file } = specWith(coterm);
    const result = loadSpecs(dir);
    expect(result.diagnostics).toEqual([
      {
        file,
        line: 19,
        col: 13,
        path: 'subscriptions.new-seats.coterm',
        message,
        severity: 'error',
      },
    ]);
    expect(result.desired.customers).toEqual([]);
  });

  it('refuses a tombstoned target and a monthly target for an annual term', () => {
    const cancelled = loadSpecs(specWith('m365-business-premium', { ensure: 'cancelled' }).dir);
    expect(cancelled.diagnostics.map((d) => [d.line, d.col, d.message])).toEqual([
      [
        20,
        13,
        '`coterm: m365-business-premium` names an item marked `ensure: cancelled`: it will not be live to co-term with; co-term with month-end or another subscription item (allowed: month-end, `m365-business-premium`)',
      ],
    ]);
    const monthly = loadSpecs(specWith('m365-business-premium', { premiumTerm: 'P1M' }).dir);
    expect(monthly.diagnostics.map((d) => [d.line, d.path, d.message])).toEqual([
      [
        19,
        'subscriptions.new-seats.coterm',
        '`coterm: m365-business-premium` names a monthly-term item, and a P1Y term cannot co-term with a monthly one (Partner Center: align-subscription-end-dates); co-term with month-end or an item with a P1Y or P3Y term',
      ],
    ]);
    expect(monthly.desired.customers).toEqual([]);
  });
});
