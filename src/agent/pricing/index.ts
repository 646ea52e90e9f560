/**
 * agent/pricing — the prices a plan is computed with (docs/pricing.md): price sheets refreshed
 * once a month per market, view and timeline through the `pricing` port, then the rows of the
 * products in scope loaded into the planner's pure `PriceBook`.
 */
export { loadPriceBook, PRICING_NOT_CONFIGURED, type PriceBookRequest } from './load-price-book.js';
export { monthOf, refreshPriceSheets, type PriceSheetRefresh } from './refresh-price-sheets.js';
export { BatchPrices } from './batch-prices.js';
