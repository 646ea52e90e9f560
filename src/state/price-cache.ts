import type { Database } from 'better-sqlite3';
import type { CachedPriceSheet, PriceRow, PriceSource } from '../model/index.js';
import type { DurableCommit } from './durable-commit.js';
import { insertPriceRow, readPriceRow, type PriceRowDb } from './price-row-db.js';

/** A write that may be skipped (`undefined`): the agent's lease writer (agent/lease.ts). */
export type GuardedWrite = <T>(write: () => T) => T | undefined;

export interface ReplaceSheetOptions {
  /** Runs each write (staging, every batch, the swap); @default runs it at once */
  readonly write?: GuardedWrite;
  /** Rows per transaction (small batches keep rows from outliving the young generation: peak RSS). @default 500 */
  readonly batchSize?: number;
}

/** What `replaceSheet` did. */
export interface ReplaceSheetResult {
  /** True when the sheet is now the cached copy; false when a write was skipped. */
  readonly stored: boolean;
  /** Rows read from the iterable (all of them, even when not stored). */
  readonly rows: number;
}

/** A cached row with the sheet it came from. */
export interface PriceCacheHit {
  readonly source: PriceSource;
  readonly row: PriceRow;
}

/**
 * The price sheet cache (docs/pricing.md): one copy per market, view and timeline, the newest
 * month. Markets and ids compare upper-case.
 */
export interface PriceCache {
  /**
   * Streams `rows` into a staged copy of `source`, `batchSize` rows per transaction (never a
   * transaction across an await: the lease renewals and journal rows of this connection must
   * not join it), then in one transaction makes it the cached copy and drops the copy it
   * replaces and any older month of the same market/view/timeline. Memory holds one batch.
   * When `rows` fails, the staged rows are dropped and the old copy stays; the error is
   * rethrown. When a write is skipped (another writer holds the lease), nothing more is
   * written but `rows` is still read to its end (a caller may be collecting from it).
   */
  replaceSheet(
    source: PriceSource,
    fetchedAt: string,
    rows: AsyncIterable<PriceRow>,
    options?: ReplaceSheetOptions,
  ): Promise<ReplaceSheetResult>;
  /** The cached copy of exactly `source`, if any. */
  sheet(source: PriceSource): CachedPriceSheet | undefined;
  /** Every cached sheet, by market, view, timeline and month. */
  list(): CachedPriceSheet[];
  /**
   * Cached rows of one product/SKU in the sheets of a market (whatever Market column the rows
   * carry), in sheet order, each with its source.
   */
  find(market: string, productId: string, skuId: string): PriceCacheHit[];
}

interface SheetKeyDb {
  sheet_market: string;
  view: string;
  timeline: string;
  month: string;
}

interface SheetDb {
  id: number;
  market: string;
  view: string;
  timeline: string;
  month: string;
  fetched_at: string;
  rows: number;
}

/** Builds the cache over an open, migrated database; `commit` makes each write durable. */
export function createPriceCache(db: Database, commit: DurableCommit): PriceCache {
  const stage = db.prepare<[string, string, string, string, string], SheetDb>(`INSERT INTO
    price_sheet (market, view, timeline, month, fetched_at) VALUES (?, ?, ?, ?, ?) RETURNING *`);
  const dropRows = db.prepare<[number]>('DELETE FROM price_row WHERE sheet_id = ?');
  const dropSheet = db.prepare<[number]>('DELETE FROM price_sheet WHERE id = ?');
  const replaced = db.prepare<[string, string, string, number, string, number], { id: number }>(
    `SELECT id FROM price_sheet WHERE market = ? AND view = ? AND timeline = ? AND id <> ?
      AND ((complete = 1 AND month <= ?) OR (complete = 0 AND id < ?))`,
  );
  const promote = db.prepare<[number, number]>(
    'UPDATE price_sheet SET complete = 1, rows = ? WHERE id = ? AND complete = 0',
  );
  const bySource = db.prepare<[string, string, string, string], SheetDb>(`SELECT * FROM
    price_sheet WHERE market = ? AND view = ? AND timeline = ? AND month = ? AND complete = 1`);
  const all = db.prepare<[], SheetDb>(`SELECT * FROM price_sheet WHERE complete = 1
    ORDER BY market, view, timeline, month`);
  const hits = db.prepare<[string, string, string], PriceRowDb & SheetKeyDb>(`SELECT r.*,
      s.market AS sheet_market, s.view, s.timeline, s.month
    FROM price_row r JOIN price_sheet s ON s.id = r.sheet_id
    WHERE r.market = ? AND r.product_id = ? AND r.sku_id = ? AND s.complete = 1
    ORDER BY s.view, s.timeline, s.month, r.seq`);
  const addRow = insertPriceRow(db);
  const discard = (id: number): void => {
    dropRows.run(id);
    dropSheet.run(id);
  };

  return {
    async replaceSheet(source, fetchedAt, rows, options = {}) {
      const write: GuardedWrite = options.write ?? ((fn) => fn());
      const size = Math.max(1, options.batchSize ?? 500);
      const key = keyOf(source);
      const staged = write(() =>
        commit('a price sheet download', () => stage.get(...key, fetchedAt)),
      );
      let storing = staged !== undefined;
      let count = 0;
      let batch: PriceRow[] = [];
      const flush = (): void => {
        if (storing && staged !== undefined && batch.length > 0) {
          const first = count - batch.length;
          const rowsNow = batch;
          const done = write(() =>
            commit('price sheet rows', () => {
              rowsNow.forEach((row, i) => addRow(staged.id, key[0], first + i, row));
              return true;
            }),
          );
          if (done === undefined) storing = false;
        }
        batch = [];
      };
      try {
        for await (const row of rows) {
          count++;
          batch.push(row);
          if (batch.length >= size) flush();
        }
        flush();
      } catch (error) {
        if (staged !== undefined) {
          try {
            write(() => commit('dropping a failed price sheet download', () => discard(staged.id)));
          } catch {
            // The next replace of this sheet drops what is left; the download's error matters.
          }
        }
        throw error;
      }
      if (staged === undefined || !storing) return { stored: false, rows: count };
      const swapped = write(() =>
        commit('the new price sheet', () => {
          const [market, view, timeline, month] = key;
          for (const old of replaced.all(market, view, timeline, staged.id, month, staged.id)) {
            discard(old.id);
          }
          return promote.run(count, staged.id).changes === 1;
        }),
      );
      return { stored: swapped === true, rows: count };
    },
    sheet: (source) => {
      const found = bySource.get(...keyOf(source));
      return found === undefined ? undefined : toCached(found);
    },
    list: () => all.all().map(toCached),
    find: (market, productId, skuId) =>
      hits.all(market.toUpperCase(), productId.toUpperCase(), skuId.toUpperCase()).map((hit) => ({
        source: toSource({ ...hit, market: hit.sheet_market }),
        row: readPriceRow(hit),
      })),
  };
}

function keyOf(source: PriceSource): [string, string, string, string] {
  return [source.market.toUpperCase(), source.view, source.timeline, source.month];
}

function toSource(row: Pick<SheetDb, 'market' | 'view' | 'timeline' | 'month'>): PriceSource {
  return {
    market: row.market,
    view: row.view as PriceSource['view'],
    month: row.month,
    timeline: row.timeline as PriceSource['timeline'],
  };
}

function toCached(row: SheetDb): CachedPriceSheet {
  return { ...toSource(row), fetchedAt: row.fetched_at, rows: row.rows };
}
