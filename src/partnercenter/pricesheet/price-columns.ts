import type { PriceRow } from '../../model/index.js';
import { CsvFormatError } from './csv-records.js';

/**
 * Price sheet columns by name (get-a-price-sheet, docs/partner-center-api.md "Price sheets"):
 * matched case-insensitively with everything but letters and digits dropped, so `ERP Price`,
 * ` erpprice `, a BOM or the stray `“` of the documented `Tags“` header all match. Unknown
 * columns are ignored; order does not matter.
 */
const FIELDS = {
  producttitle: 'productTitle',
  productid: 'productId',
  skuid: 'skuId',
  skutitle: 'skuTitle',
  unitofmeasure: 'unitOfMeasure',
  termduration: 'termDuration',
  billingplan: 'billingPlan',
  market: 'market',
  currency: 'currency',
  unitprice: 'unitPrice',
  pricingtierrangemin: 'tierMin',
  pricingtierrangemax: 'tierMax',
  effectivestartdate: 'effectiveStartDate',
  effectiveenddate: 'effectiveEndDate',
  erpprice: 'erpPrice',
  segment: 'segment',
} as const;

type Field = (typeof FIELDS)[keyof typeof FIELDS];
/** Where each known column is in a record (`-1`: the sheet has none). */
export type ColumnIndex = Readonly<Record<Field, number>>;

const REQUIRED: readonly Field[] = ['productId', 'skuId', 'unitPrice'];

/** Maps the header record; @throws CsvFormatError when ProductId, SkuId or UnitPrice is missing. */
export function indexColumns(header: readonly string[]): ColumnIndex {
  const index = Object.fromEntries(Object.values(FIELDS).map((f) => [f, -1])) as Record<
    Field,
    number
  >;
  header.forEach((name, at) => {
    const key = name.replace(/[^A-Za-z0-9]/g, '').toLowerCase() as keyof typeof FIELDS;
    const field = FIELDS[key] as Field | undefined;
    if (field !== undefined && index[field] === -1) index[field] = at;
  });
  const missing = REQUIRED.filter((f) => index[f] === -1);
  if (missing.length > 0) {
    const names = missing.map((f) => f.charAt(0).toUpperCase() + f.slice(1)).join(', ');
    throw new CsvFormatError(
      `the header has no ${names} column (found: ${header.slice(0, 20).join(', ')}); this is not a price sheet`,
    );
  }
  return index;
}

/**
 * One record as a {@link PriceRow}: ids, market and currency upper-case, the billing plan
 * normalised (`monthly|annual|triennial|one_time`), dates as ISO instants (UTC). `undefined`
 * for a record without a product, SKU or numeric unit price (a truncation marker, a note line).
 * `market` stands in when the sheet has no Market column.
 */
export function toPriceRow(
  record: readonly string[],
  columns: ColumnIndex,
  market: string,
): PriceRow | undefined {
  const at = (field: Field): string => {
    const i = columns[field];
    return i < 0 ? '' : (record[i] ?? '').trim();
  };
  const productId = at('productId').toUpperCase();
  const skuId = at('skuId').toUpperCase();
  const unitPrice = parseDecimal(at('unitPrice'));
  if (productId === '' || skuId === '' || unitPrice === undefined) return undefined;
  const row: Record<string, unknown> = {
    productId,
    skuId,
    termDuration: at('termDuration').toUpperCase(),
    billingPlan: normaliseBillingPlan(at('billingPlan')),
    market: (at('market') || market).toUpperCase(),
    currency: at('currency').toUpperCase(),
    unitPrice,
  };
  const text = (field: Field): void => {
    const value = at(field);
    if (value !== '') row[field] = value;
  };
  const number = (field: Field): void => {
    const value = parseDecimal(at(field));
    if (value !== undefined) row[field] = value;
  };
  const date = (field: Field): void => {
    const value = memoDate(at(field));
    if (value !== undefined) row[field] = value;
  };
  text('productTitle');
  text('skuTitle');
  number('erpPrice');
  text('unitOfMeasure');
  number('tierMin');
  number('tierMax');
  date('effectiveStartDate');
  date('effectiveEndDate');
  text('segment');
  return row as unknown as PriceRow;
}

/** A sheet repeats a handful of dates on every row: parse each once (bounded). */
const dates = new Map<string, string | undefined>();
function memoDate(text: string): string | undefined {
  if (dates.has(text)) return dates.get(text);
  if (dates.size >= 1024) dates.clear();
  const parsed = parseSheetDate(text);
  dates.set(text, parsed);
  return parsed;
}

/** `Monthly`, `OneTime`, `one_time`, `One Time` → `monthly`, `one_time`; other text lower-cased. */
export function normaliseBillingPlan(text: string): string {
  const compact = text.replace(/[\s_-]/g, '').toLowerCase();
  return compact === 'onetime' ? 'one_time' : compact;
}

/** A decimal with `.` (`115.2`, `15`, `1e3`); `undefined` when empty or not a number. */
export function parseDecimal(text: string): number | undefined {
  if (text === '' || !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return undefined;
  return Number(text);
}

const US_DATE =
  /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?)?$/;

/**
 * `3/1/2018 12:00:00 AM` (the documented form, UTC) or ISO 8601 (a time without an offset is
 * UTC) → an ISO instant; `undefined` when neither.
 */
export function parseSheetDate(text: string): string | undefined {
  if (text === '') return undefined;
  const us = US_DATE.exec(text);
  if (us !== null) {
    const [, month, day, year, hour = '0', minute = '0', second = '0', half] = us;
    let h = Number(hour);
    if (half !== undefined) {
      if (h < 1 || h > 12) return undefined;
      h = (h % 12) + (half.toUpperCase() === 'PM' ? 12 : 0);
    }
    const ms = Date.UTC(
      Number(year),
      Number(month) - 1,
      Number(day),
      h,
      Number(minute),
      Number(second),
    );
    const date = new Date(ms);
    // Refuse 2/30/2026 and the like instead of rolling them over.
    if (date.getUTCMonth() !== Number(month) - 1 || date.getUTCDate() !== Number(day))
      return undefined;
    return date.toISOString();
  }
  if (!/^\d{4}-\d{2}-\d{2}/.test(text)) return undefined;
  const zoned = /T[\d:.]+$/.test(text) ? `${text}Z` : text;
  const ms = Date.parse(zoned);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}
