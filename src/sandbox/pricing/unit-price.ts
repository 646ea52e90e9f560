import type { CatalogIndex } from '../engine/catalog-index.js';
import { monthOf, monthlyUsdIn } from './price-changes.js';
import { monthlyUsd, monthsCharged, roundMoney, usdRate } from './price-list.js';

/** What is priced: one unit of a product/SKU on a term and billing cycle. */
export interface PricedItem {
  readonly productId: string;
  readonly skuId: string;
  readonly billingCycle: string;
  readonly termDuration?: string | undefined;
}

/**
 * THE sandbox price: one unit for one billing charge (the price sheet's `UnitPrice`), in
 * `currency`, effective in `month` (`YYYY-MM`): the monthly USD price of that month (price
 * changes applied) × the months one charge covers × the currency's rate, rounded to its minor
 * unit. Price sheets and charges both call this, so a sheet row is what the sandbox bills.
 */
export function unitPriceIn(
  catalog: CatalogIndex,
  item: PricedItem,
  currency: string,
  month: string,
): number {
  const sku = catalog.sku(item.productId, item.skuId);
  const usd = monthlyUsdIn(
    catalog.catalog.priceChanges,
    item.productId,
    item.skuId,
    monthlyUsd(item.productId, sku),
    month,
  );
  return roundMoney(
    usd * monthsCharged(item.billingCycle, item.termDuration) * usdRate(currency),
    currency,
  );
}

/** `unitPriceIn` for the month (UTC) of `at`: the price effective at that instant. */
export function unitPriceAt(
  catalog: CatalogIndex,
  item: PricedItem,
  currency: string,
  at: Date | string,
): number {
  return unitPriceIn(catalog, item, currency, monthOf(at));
}
