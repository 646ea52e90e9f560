import type { Database } from 'better-sqlite3';
import type { PriceRow } from '../model/index.js';

/** A `price_row` as SQLite returns it. */
export interface PriceRowDb {
  sheet_id: number;
  seq: number;
  /** The sheet's market (what lookups use). */
  market: string;
  /** The row's own Market column. */
  row_market: string;
  product_id: string;
  sku_id: string;
  term_duration: string;
  billing_plan: string;
  currency: string;
  unit_price: number;
  erp_price: number | null;
  tier_min: number | null;
  tier_max: number | null;
  effective_start: string | null;
  effective_end: string | null;
  product_title: string | null;
  sku_title: string | null;
  unit_of_measure: string | null;
  segment: string | null;
}

/**
 * The insert of one row of sheet `sheetId` (of `market`) at position `seq`; ids upper-cased.
 */
export function insertPriceRow(
  db: Database,
): (sheetId: number, market: string, seq: number, row: PriceRow) => void {
  const insert = db.prepare(`INSERT INTO price_row (sheet_id, seq, market, row_market,
      product_id, sku_id,
      term_duration, billing_plan, currency, unit_price, erp_price, tier_min, tier_max,
      effective_start, effective_end, product_title, sku_title, unit_of_measure, segment)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  return (sheetId, market, seq, row) => {
    insert.run(
      sheetId,
      seq,
      market,
      row.market.toUpperCase(),
      row.productId.toUpperCase(),
      row.skuId.toUpperCase(),
      row.termDuration,
      row.billingPlan,
      row.currency,
      row.unitPrice,
      row.erpPrice ?? null,
      row.tierMin ?? null,
      row.tierMax ?? null,
      row.effectiveStartDate ?? null,
      row.effectiveEndDate ?? null,
      row.productTitle ?? null,
      row.skuTitle ?? null,
      row.unitOfMeasure ?? null,
      row.segment ?? null,
    );
  };
}

/** A stored row back as a {@link PriceRow}; absent optional fields stay absent. */
export function readPriceRow(db: PriceRowDb): PriceRow {
  const optional = <K extends keyof PriceRow>(key: K, value: PriceRow[K] | null) =>
    value === null ? {} : { [key]: value };
  return {
    productId: db.product_id,
    skuId: db.sku_id,
    ...optional('productTitle', db.product_title),
    ...optional('skuTitle', db.sku_title),
    termDuration: db.term_duration,
    billingPlan: db.billing_plan,
    market: db.row_market,
    currency: db.currency,
    unitPrice: db.unit_price,
    ...optional('erpPrice', db.erp_price),
    ...optional('unitOfMeasure', db.unit_of_measure),
    ...optional('tierMin', db.tier_min),
    ...optional('tierMax', db.tier_max),
    ...optional('effectiveStartDate', db.effective_start),
    ...optional('effectiveEndDate', db.effective_end),
    ...optional('segment', db.segment),
  };
}
