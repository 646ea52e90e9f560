import type { SeedPriceChange } from '../seed/seed-types.js';

/** `YYYY-MM` (UTC) of an instant. */
export function monthOf(instant: Date | string): string {
  return new Date(instant).toISOString().slice(0, 7);
}

/** The month `offset` months from `month` (`YYYY-MM`). */
export function shiftMonth(month: string, offset: number): string {
  const [year, m] = month.split('-').map(Number);
  return new Date(Date.UTC(year ?? 1970, (m ?? 1) - 1 + offset, 1)).toISOString().slice(0, 7);
}

/**
 * The monthly USD price of one unit of `productId`/`skuId` in `month`: `base` with every change
 * for it from `month` or earlier applied, in `from` order (list order within a month).
 */
export function monthlyUsdIn(
  changes: readonly SeedPriceChange[] | undefined,
  productId: string,
  skuId: string,
  base: number,
  month: string,
): number {
  if (changes === undefined || changes.length === 0) return base;
  const product = productId.toUpperCase();
  const sku = skuId.toUpperCase();
  return changes
    .map((change, index) => ({ change, index }))
    .filter(
      ({ change }) =>
        change.productId.toUpperCase() === product &&
        (change.skuId === undefined || change.skuId.toUpperCase() === sku) &&
        change.from <= month,
    )
    .sort((a, b) => a.change.from.localeCompare(b.change.from) || a.index - b.index)
    .reduce(
      (price, { change }) =>
        change.monthlyUsd !== undefined ? change.monthlyUsd : price * (change.factor ?? 1),
      base,
    );
}
