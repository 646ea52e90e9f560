import {
  emptyPriceBook,
  PRICESHEET_VIEWS,
  type PriceBook,
  type PriceRow,
  type PriceSource,
} from '../../model/index.js';
import { createPriceBook, type SourcedPriceRow } from '../../planner/index.js';
import type { StateWriter } from '../lease.js';
import type { AgentPorts } from '../ports.js';
import { refreshPriceSheets } from './refresh-price-sheets.js';

/** The note of a plan made without `partnerCenter.pricing`. */
export const PRICING_NOT_CONFIGURED =
  'partnerCenter.pricing is not configured: plans are unpriced (docs/pricing.md)';

/** What a plan needs prices for. */
export interface PriceBookRequest {
  /** Upper-case customer countries in scope. */
  readonly markets: readonly string[];
  readonly products: readonly { readonly productId: string; readonly skuId: string }[];
}

/**
 * The price book a plan is computed with: refreshes the sheets of `markets` (once a month,
 * `refreshPriceSheets`), then loads only the rows of `products` — from the download when a
 * sheet was fetched now, else from the cache — into `createPriceBook`. Memory holds those rows,
 * never a sheet. Without `ports.pricing` the book is empty and says so; with no products
 * nothing is fetched. Never throws for a sheet that cannot be read: see the book's notes.
 */
export async function loadPriceBook(
  ports: Pick<AgentPorts, 'clock' | 'pricing'>,
  request: PriceBookRequest,
  write: StateWriter,
): Promise<PriceBook> {
  const { pricing } = ports;
  if (pricing === undefined) return emptyPriceBook([PRICING_NOT_CONFIGURED]);
  const markets = [...new Set(request.markets.map((m) => m.toUpperCase()))].sort();
  const products = uniqueProducts(request.products);
  if (markets.length === 0 || products.length === 0) return createPriceBook([], []);
  const wanted = new Set(products.map((p) => `${p.productId}|${p.skuId}`));
  // Every sheet fetched is of a market in scope; its rows may name another Market column.
  const keep = (row: PriceRow): boolean => wanted.has(`${row.productId}|${row.skuId}`);
  const refresh = await refreshPriceSheets({ ...ports, pricing }, { markets, keep }, write);

  const rows: SourcedPriceRow[] = [];
  const fresh = new Set(refresh.fetched.map((f) => keyOf(f.source)));
  for (const { source, rows: kept } of refresh.fetched) {
    for (const row of kept) rows.push({ source, row });
  }
  const fromCache = new Set(refresh.sources.map(keyOf).filter((key) => !fresh.has(key)));
  if (fromCache.size > 0) {
    for (const market of markets) {
      for (const { productId, skuId } of products) {
        for (const hit of pricing.findRows(market, productId, skuId)) {
          if (fromCache.has(keyOf(hit.source))) rows.push(hit);
        }
      }
    }
  }
  // Views in their documented order, then each sheet's own order: deterministic ties.
  const rank = (view: string): number => PRICESHEET_VIEWS.indexOf(view as never);
  const ordered = rows
    .map((entry, i) => ({ entry, i }))
    .sort((a, b) => rank(a.entry.source.view) - rank(b.entry.source.view) || a.i - b.i)
    .map(({ entry }) => entry);
  return createPriceBook(ordered, refresh.notes);
}

function uniqueProducts(
  products: PriceBookRequest['products'],
): { productId: string; skuId: string }[] {
  const seen = new Map<string, { productId: string; skuId: string }>();
  for (const p of products) {
    const productId = p.productId.toUpperCase();
    const skuId = p.skuId.toUpperCase();
    seen.set(`${productId}|${skuId}`, { productId, skuId });
  }
  return [...seen.values()].sort((a, b) =>
    `${a.productId}|${a.skuId}`.localeCompare(`${b.productId}|${b.skuId}`),
  );
}

function keyOf(source: PriceSource): string {
  return `${source.market}|${source.view}|${source.timeline}|${source.month}`;
}
