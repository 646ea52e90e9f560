import type { Migration } from './migration.js';

/**
 * Schema 4: the price sheet cache (docs/pricing.md). `price_sheet` is one downloaded sheet per
 * market, view, timeline and month; a sheet being downloaded is staged with `complete = 0`
 * and becomes the cached copy (`complete = 1`, at most one per key) in one short transaction
 * once its last row is in, so a failed download never replaces the copy before it.
 * `price_row` holds the rows in sheet order (`seq`), clustered by sheet so a sheet is dropped
 * as one range, and indexed by the sheet's market, product and SKU for lookups (`row_market`
 * is the row's own Market column, which may differ: the documented example answers a request
 * for market AD with rows that say US). Ids and markets are upper-case, billing plans
 * normalised (model/pricing.ts `PriceRow`).
 */
export const migration004PriceCache: Migration = {
  version: 4,
  name: 'price-cache',
  up(db) {
    db.exec(`
      CREATE TABLE price_sheet (
        id         INTEGER PRIMARY KEY AUTOINCREMENT,
        market     TEXT NOT NULL,
        view       TEXT NOT NULL,
        timeline   TEXT NOT NULL,
        month      TEXT NOT NULL,
        fetched_at TEXT NOT NULL,
        rows       INTEGER NOT NULL DEFAULT 0,
        complete   INTEGER NOT NULL DEFAULT 0 CHECK (complete IN (0, 1))
      ) STRICT;
      CREATE UNIQUE INDEX price_sheet_key ON price_sheet (market, view, timeline, month)
        WHERE complete = 1;

      CREATE TABLE price_row (
        sheet_id        INTEGER NOT NULL REFERENCES price_sheet (id),
        seq             INTEGER NOT NULL,
        market          TEXT NOT NULL,
        row_market      TEXT NOT NULL,
        product_id      TEXT NOT NULL,
        sku_id          TEXT NOT NULL,
        term_duration   TEXT NOT NULL,
        billing_plan    TEXT NOT NULL,
        currency        TEXT NOT NULL,
        unit_price      REAL NOT NULL,
        erp_price       REAL,
        tier_min        REAL,
        tier_max        REAL,
        effective_start TEXT,
        effective_end   TEXT,
        product_title   TEXT,
        sku_title       TEXT,
        unit_of_measure TEXT,
        segment         TEXT,
        PRIMARY KEY (sheet_id, seq)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX price_row_lookup ON price_row (market, product_id, sku_id);
    `);
  },
};
