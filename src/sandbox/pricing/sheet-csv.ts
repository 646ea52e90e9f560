import type { SheetRow } from './sheet-rows.js';

/**
 * The price sheet file: the NCE column set (docs/partner-center-api.md §14), every field quoted
 * (`"` doubled inside), CRLF line ends, dates as the documented example writes them.
 */
export const SHEET_COLUMNS = [
  'ProductTitle',
  'ProductId',
  'SkuId',
  'SkuTitle',
  'Publisher',
  'SkuDescription',
  'UnitOfMeasure',
  'TermDuration',
  'BillingPlan',
  'Market',
  'Currency',
  'UnitPrice',
  'PricingTierRangeMin',
  'PricingTierRangeMax',
  'EffectiveStartDate',
  'EffectiveEndDate',
  'Tags',
  'ERP Price',
  'Segment',
] as const;

const BILLING_PLANS: Readonly<Record<string, string>> = {
  monthly: 'Monthly',
  annual: 'Annual',
  triennial: 'Triennial',
  one_time: 'OneTime',
};

/** `M/D/YYYY h:mm:ss AM|PM` in UTC, as `3/1/2018 12:00:00 AM` (get-a-price-sheet). */
export function sheetDate(instant: Date): string {
  const hours = instant.getUTCHours();
  const pad = (n: number): string => String(n).padStart(2, '0');
  const clock = `${hours % 12 === 0 ? 12 : hours % 12}:${pad(instant.getUTCMinutes())}:${pad(instant.getUTCSeconds())}`;
  const date = `${instant.getUTCMonth() + 1}/${instant.getUTCDate()}/${instant.getUTCFullYear()}`;
  return `${date} ${clock} ${hours < 12 ? 'AM' : 'PM'}`;
}

/** One CSV line, every field quoted, CRLF-terminated. */
export function csvLine(fields: readonly (string | number)[]): string {
  return `${fields.map((f) => `"${String(f).replaceAll('"', '""')}"`).join(',')}\r\n`;
}

/** The whole file: the header, then one line per row. */
export function renderSheet(rows: readonly SheetRow[]): string {
  const lines = [csvLine(SHEET_COLUMNS)];
  for (const row of rows) {
    lines.push(
      csvLine([
        row.productTitle,
        row.productId,
        row.skuId,
        row.skuTitle,
        row.publisher,
        row.skuDescription,
        row.unitOfMeasure,
        row.termDuration,
        BILLING_PLANS[row.billingCycle] ?? row.billingCycle,
        row.market,
        row.currency,
        row.unitPrice,
        '',
        '',
        sheetDate(row.start),
        sheetDate(row.end),
        row.tags,
        row.erpPrice,
        row.segment,
      ]),
    );
  }
  return lines.join('');
}
