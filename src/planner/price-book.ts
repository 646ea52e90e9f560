import type {
  PriceBook,
  PriceQuery,
  PriceQuote,
  PriceRow,
  PriceSource,
  PriceTimeline,
} from '../model/index.js';

/** One row as loaded, with the sheet it came from. */
export interface SourcedPriceRow {
  readonly source: PriceSource;
  readonly row: PriceRow;
}

interface Entry {
  readonly source: PriceSource;
  readonly row: PriceRow;
  readonly term: string;
  readonly billing: string;
  readonly start: number;
  readonly end: number;
  readonly order: number;
}

/**
 * The in-memory price book a plan is priced with (docs/pricing.md "Quotes"). Pure and
 * deterministic. A row answers a query when, compared case-insensitively:
 * - the sheet's market (the country asked for: a sheet's rows may name another Market, as the
 *   documented example does), product id and SKU id are equal, and the sheet is of the asked
 *   `timeline`;
 * - its term equals the query's (a query or a row without a term matches any);
 * - its billing plan equals the query's billing cycle, both normalised to
 *   `monthly|annual|triennial|one_time` (a row without one matches any);
 * - it is effective at `at`: EffectiveStartDate ≤ at < EffectiveEndDate, each when present;
 * - when it has a tier and the query a quantity, the tier holds it (min ≤ q ≤ max).
 * Among several, the latest EffectiveStartDate wins, then the first in `rows` order.
 */
export function createPriceBook(
  rows: readonly SourcedPriceRow[],
  notes: readonly string[],
): PriceBook {
  const index = new Map<string, Entry[]>();
  rows.forEach(({ source, row }, order) => {
    const key = keyOf(source.market || row.market, row.productId, row.skuId);
    const list = index.get(key) ?? [];
    list.push({
      source,
      row,
      term: row.termDuration.trim().toUpperCase(),
      billing: normaliseBillingPlan(row.billingPlan),
      start: instant(row.effectiveStartDate, Number.NEGATIVE_INFINITY),
      end: instant(row.effectiveEndDate, Number.POSITIVE_INFINITY),
      order,
    });
    index.set(key, list);
  });
  return {
    notes: [...notes],
    quote(query: PriceQuery, timeline: PriceTimeline, at: Date): PriceQuote | undefined {
      const candidates = index.get(keyOf(query.market, query.productId, query.skuId));
      if (candidates === undefined) return undefined;
      const term = query.termDuration?.trim().toUpperCase() ?? '';
      const billing = normaliseBillingPlan(query.billingCycle);
      const t = at.getTime();
      let best: Entry | undefined;
      for (const entry of candidates) {
        if (entry.source.timeline !== timeline) continue;
        if (term !== '' && entry.term !== '' && entry.term !== term) continue;
        if (entry.billing !== '' && entry.billing !== billing) continue;
        if (!(entry.start <= t && t < entry.end)) continue;
        if (!inTier(entry.row, query.quantity)) continue;
        if (best === undefined || entry.start > best.start) best = entry;
      }
      if (best === undefined) return undefined;
      return {
        currency: best.row.currency.toUpperCase(),
        unitPrice: best.row.unitPrice,
        ...(best.row.erpPrice === undefined ? {} : { erpPrice: best.row.erpPrice }),
        source: best.source,
      };
    },
  };
}

/** `Monthly`, `OneTime`, `one_time`, `One Time` → `monthly`, `one_time`. */
export function normaliseBillingPlan(value: string): string {
  const compact = value.replace(/[\s_-]/g, '').toLowerCase();
  return compact === 'onetime' ? 'one_time' : compact;
}

function keyOf(market: string, productId: string, skuId: string): string {
  return `${market.trim().toUpperCase()}|${productId.trim().toUpperCase()}|${skuId.trim().toUpperCase()}`;
}

function instant(text: string | undefined, fallback: number): number {
  if (text === undefined || text === '') return fallback;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? fallback : ms;
}

function inTier(row: PriceRow, quantity: number | undefined): boolean {
  if (quantity === undefined) return true;
  if (row.tierMin !== undefined && quantity < row.tierMin) return false;
  if (row.tierMax !== undefined && quantity > row.tierMax) return false;
  return true;
}
