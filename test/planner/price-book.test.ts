import { describe, expect, it } from 'vitest';
import type { PriceQuery, PriceRow, PriceSource } from '../../src/model/index.js';
import { createPriceBook, type SourcedPriceRow } from '../../src/planner/index.js';

const current: PriceSource = {
  market: 'US',
  view: 'updatedlicensebased',
  timeline: 'current',
  month: '2026-03',
};
const future: PriceSource = { ...current, timeline: 'future', month: '2026-04' };
const AT = new Date('2026-03-15T12:00:00Z');

function aRow(unitPrice: number, extra: Partial<PriceRow> = {}): PriceRow {
  return {
    productId: 'CFQ7TTC0LH18',
    skuId: '0001',
    termDuration: 'P1Y',
    billingPlan: 'annual',
    market: 'US',
    currency: 'USD',
    unitPrice,
    ...extra,
  };
}

const query: PriceQuery = {
  market: 'US',
  productId: 'CFQ7TTC0LH18',
  skuId: '0001',
  termDuration: 'P1Y',
  billingCycle: 'annual',
};

function priceOf(
  rows: SourcedPriceRow[],
  q: Partial<PriceQuery> = {},
  at = AT,
  timeline: 'current' | 'future' = 'current',
) {
  return createPriceBook(rows, []).quote({ ...query, ...q }, timeline, at)?.unitPrice;
}

describe('createPriceBook', () => {
  it('quotes currency, unit price, ERP price and the source sheet', () => {
    const book = createPriceBook(
      [{ source: current, row: aRow(264, { erpPrice: 330 }) }],
      ['a note'],
    );
    expect(book.quote(query, 'current', AT)).toEqual({
      currency: 'USD',
      unitPrice: 264,
      erpPrice: 330,
      source: current,
    });
    expect(book.notes).toEqual(['a note']);
  });

  it('matches market, product and SKU case-insensitively', () => {
    const rows = [{ source: current, row: aRow(10) }];
    expect(priceOf(rows, { market: 'us', productId: 'cfq7ttc0lh18', skuId: '0001' })).toBe(10);
    expect(priceOf(rows, { market: 'DE' })).toBeUndefined();
    expect(priceOf(rows, { skuId: '0002' })).toBeUndefined();
  });

  it.each([
    ['the same term and billing', {}, {}, 10],
    ['another term', {}, { termDuration: 'P1M' }, undefined],
    ['a row without a term', { termDuration: '' }, { termDuration: 'P3Y' }, 10],
    ['billing spelled Annual', {}, { billingCycle: 'Annual' }, 10],
    ['another billing', {}, { billingCycle: 'monthly' }, undefined],
    ['a row without a billing plan', { billingPlan: '' }, { billingCycle: 'monthly' }, 10],
    ['OneTime against one_time', { billingPlan: 'OneTime' }, { billingCycle: 'one_time' }, 10],
    ['one_time against onetime', { billingPlan: 'one_time' }, { billingCycle: 'OneTime' }, 10],
  ] as const)('%s', (_, row: Partial<PriceRow>, q: Partial<PriceQuery>, expected) => {
    expect(priceOf([{ source: current, row: aRow(10, row) }], q)).toBe(expected);
  });

  it('a query without a term matches any term', () => {
    const { termDuration: _, ...noTerm } = query;
    const book = createPriceBook([{ source: current, row: aRow(10, { termDuration: 'P1M' }) }], []);
    expect(book.quote(noTerm, 'current', AT)?.unitPrice).toBe(10);
  });

  it('quotes only rows of the asked timeline', () => {
    const rows = [
      { source: current, row: aRow(10) },
      { source: future, row: aRow(12) },
    ];
    expect(priceOf(rows, {}, AT, 'current')).toBe(10);
    expect(priceOf(rows, {}, AT, 'future')).toBe(12);
    expect(priceOf([{ source: current, row: aRow(10) }], {}, AT, 'future')).toBeUndefined();
  });

  it('quotes only rows effective at `at` (start inclusive, end exclusive)', () => {
    const rows = [
      {
        source: current,
        row: aRow(9, {
          effectiveStartDate: '2026-01-01T00:00:00.000Z',
          effectiveEndDate: '2026-03-01T00:00:00.000Z',
        }),
      },
      {
        source: current,
        row: aRow(10, {
          effectiveStartDate: '2026-03-01T00:00:00.000Z',
          effectiveEndDate: '2026-04-01T00:00:00.000Z',
        }),
      },
    ];
    expect(priceOf(rows, {}, new Date('2026-02-28T23:59:59Z'))).toBe(9);
    expect(priceOf(rows, {}, new Date('2026-03-01T00:00:00Z'))).toBe(10);
    expect(priceOf(rows, {}, new Date('2026-04-01T00:00:00Z'))).toBeUndefined();
  });

  it('picks the tier holding the quantity; without a quantity any tier', () => {
    const rows = [
      { source: current, row: aRow(10, { tierMin: 1, tierMax: 300 }) },
      { source: current, row: aRow(8, { tierMin: 301 }) },
    ];
    expect(priceOf(rows, { quantity: 300 })).toBe(10);
    expect(priceOf(rows, { quantity: 301 })).toBe(8);
    expect(priceOf(rows, { quantity: 0 })).toBeUndefined();
    expect(priceOf(rows)).toBe(10);
  });

  it('among several, the latest EffectiveStartDate wins, then the first in order', () => {
    const older = aRow(10, { effectiveStartDate: '2025-01-01T00:00:00.000Z' });
    const newer = aRow(11, { effectiveStartDate: '2026-02-01T00:00:00.000Z' });
    expect(
      priceOf([
        { source: current, row: older },
        { source: current, row: newer },
      ]),
    ).toBe(11);
    expect(
      priceOf([
        { source: current, row: newer },
        { source: current, row: older },
      ]),
    ).toBe(11);
    expect(
      priceOf([
        { source: current, row: aRow(1) },
        { source: current, row: aRow(2) },
      ]),
    ).toBe(1);
  });

  it('keys rows by the market of their sheet, whatever Market column they carry', () => {
    const ad = { ...current, market: 'AD' };
    expect(priceOf([{ source: ad, row: aRow(15, { market: 'US' }) }], { market: 'ad' })).toBe(15);
    expect(
      priceOf([{ source: ad, row: aRow(15, { market: 'US' }) }], { market: 'US' }),
    ).toBeUndefined();
  });

  it('uses the source market for a row without one', () => {
    expect(
      priceOf([{ source: { ...current, market: 'DE' }, row: aRow(7, { market: '' }) }], {
        market: 'de',
      }),
    ).toBe(7);
  });
});
