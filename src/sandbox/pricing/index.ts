/**
 * sandbox/pricing — the sandbox's one price source and the price sheets that publish it. Every
 * price the sandbox bills and every `UnitPrice` its sheets show comes from `unitPriceIn`: the
 * list price of the month (seed `priceChanges` applied) for one unit and one billing charge, in
 * the market's currency. The route serves `GET /v1.0/sales/pricesheets(...)/$value` as a CSV
 * file (zipped for `Accept-Encoding: deflate`). See docs/sandbox.md (Price sheets) and
 * docs/partner-center-billing.md §5.
 *
 * May import: the rest of sandbox/. Invariants: prices depend only on the stored catalog and
 * the month, so a sheet and a charge of the same month always agree.
 */
export { PRICESHEET_ROUTES } from './pricesheet-route.js';
export { monthOf, monthlyUsdIn, shiftMonth } from './price-changes.js';
export { monthlyUsd, monthsCharged, roundMoney, usdRate } from './price-list.js';
export { SHEET_COLUMNS, renderSheet, sheetDate } from './sheet-csv.js';
export { SHEET_VIEWS, sellablePairs, sheetRows, viewOf, type SheetRow } from './sheet-rows.js';
export { unitPriceAt, unitPriceIn, type PricedItem } from './unit-price.js';
export { zipOne } from './zip-one.js';
