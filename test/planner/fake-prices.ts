import type { PriceBook, PriceQuery, PriceTimeline } from '../../src/model/index.js';

export interface PriceRowFixture {
  productId: string;
  skuId: string;
  /** Empty: any term (as a sheet row without one). */
  term: string;
  billing: string;
  unitPrice: number;
  timeline?: PriceTimeline;
  currency?: string;
  /** Only this market (upper-case); any when absent. */
  market?: string;
}

/** A price book over literal rows (the real one is tested in price-book.test.ts). */
export function book(rows: readonly PriceRowFixture[], notes: string[] = []): PriceBook {
  return {
    notes,
    quote(query: PriceQuery, timeline: PriceTimeline) {
      const row = rows.find(
        (r) =>
          (r.market ?? query.market) === query.market &&
          r.productId === query.productId &&
          r.skuId === query.skuId &&
          (r.term === '' || r.term === query.termDuration) &&
          r.billing === query.billingCycle &&
          (r.timeline ?? 'current') === timeline,
      );
      if (row === undefined) return undefined;
      return {
        currency: row.currency ?? 'USD',
        unitPrice: row.unitPrice,
        source: { market: query.market, view: 'updatedlicensebased', month: '2026-03', timeline },
      };
    },
  };
}
