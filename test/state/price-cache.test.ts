import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { PriceRow, PriceSource } from '../../src/model/index.js';
import { LATEST_SCHEMA_VERSION, openStateStore, type StateStore } from '../../src/state/index.js';
import { ManualClock } from '../../src/support/index.js';
import { makeTempDirs } from './builders.js';

const temps = makeTempDirs();
const opened: StateStore[] = [];
afterEach(() => {
  opened.splice(0).forEach((s) => s.close());
  temps.cleanup();
});

function open(path = temps.dbPath()): StateStore {
  const store = openStateStore(path, { clock: new ManualClock('2026-03-10T00:00:00Z') });
  opened.push(store);
  return store;
}

const march: PriceSource = { market: 'US', view: 'updatedlicensebased', timeline: 'current', month: '2026-03' };

function row(n: number, price: number, extra: Partial<PriceRow> = {}): PriceRow {
  return {
    productId: `P${n % 3}`,
    skuId: '0001',
    termDuration: 'P1Y',
    billingPlan: 'annual',
    market: 'US',
    currency: 'USD',
    unitPrice: price,
    ...extra,
  };
}

async function* rows(count: number, price: number): AsyncGenerator<PriceRow> {
  for (let i = 0; i < count; i++) {
    await Promise.resolve();
    yield row(i, price + i);
  }
}

function countRows(path: string): number {
  const db = new Database(path, { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM price_row').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('price cache (state store, schema 4)', () => {
  it('migrates to the schema with the price tables', () => {
    const store = open();
    expect(LATEST_SCHEMA_VERSION).toBeGreaterThanOrEqual(4);
    expect(store.migration.applied.map((m) => m.name)).toContain('price-cache');
  });

  it('stores a sheet in batches and finds rows by market/product/SKU, case-insensitively, in sheet order with their source', async () => {
    const store = open();
    const result = await store.prices.replaceSheet(march, '2026-03-10T00:00:00.000Z', rows(10, 100), {
      batchSize: 3,
    });
    expect(result).toEqual({ stored: true, rows: 10 });
    expect(store.prices.sheet(march)).toEqual({ ...march, fetchedAt: '2026-03-10T00:00:00.000Z', rows: 10 });
    expect(store.prices.list()).toHaveLength(1);
    const found = store.prices.find('us', 'p1', '0001');
    expect(found.map((h) => h.row.unitPrice)).toEqual([101, 104, 107]);
    expect(found[0]).toEqual({
      source: march,
      row: { productId: 'P1', skuId: '0001', termDuration: 'P1Y', billingPlan: 'annual', market: 'US', currency: 'USD', unitPrice: 101 },
    });
  });

  it('keeps optional fields (titles, ERP price, tiers, dates, segment) through the store', async () => {
    const store = open();
    const full = row(1, 5, {
      productTitle: 'Microsoft 365 E3',
      skuTitle: 'E3',
      erpPrice: 6.25,
      unitOfMeasure: 'Licenses',
      tierMin: 1,
      tierMax: 300,
      effectiveStartDate: '2026-03-01T00:00:00.000Z',
      effectiveEndDate: '9999-11-30T23:59:59.000Z',
      segment: 'Commercial',
    });
    async function* one(): AsyncGenerator<PriceRow> {
      await Promise.resolve();
      yield full;
    }
    await store.prices.replaceSheet(march, 'x', one());
    expect(store.prices.find('US', 'P1', '0001')[0]?.row).toEqual(full);
  });

  it('replaces atomically: readers see the old copy until the new one is complete', async () => {
    const path = temps.dbPath();
    const store = open(path);
    await store.prices.replaceSheet(march, 'first', rows(6, 100));
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let reached!: () => void;
    const halfway = new Promise<void>((resolve) => (reached = resolve));
    async function* slow(): AsyncGenerator<PriceRow> {
      for (let i = 0; i < 6; i++) {
        if (i === 4) {
          reached();
          await gate;
        }
        yield row(i, 500 + i);
      }
    }
    const replacing = store.prices.replaceSheet(march, 'second', slow(), { batchSize: 2 });
    await halfway;
    // Two batches of the new copy are committed, yet lookups and the sheet list show the old one.
    expect(store.prices.sheet(march)?.fetchedAt).toBe('first');
    expect(store.prices.find('US', 'P0', '0001').map((h) => h.row.unitPrice)).toEqual([100, 103]);
    expect(countRows(path)).toBe(10);
    release();
    await replacing;
    expect(store.prices.sheet(march)).toMatchObject({ fetchedAt: 'second', rows: 6 });
    expect(store.prices.find('US', 'P0', '0001').map((h) => h.row.unitPrice)).toEqual([500, 503]);
    expect(countRows(path)).toBe(6);
  });

  it('keeps the old copy and drops the staged rows when the download fails', async () => {
    const path = temps.dbPath();
    const store = open(path);
    await store.prices.replaceSheet(march, 'first', rows(4, 100));
    async function* broken(): AsyncGenerator<PriceRow> {
      yield* rows(5, 900);
      throw new Error('socket reset');
    }
    await expect(store.prices.replaceSheet(march, 'second', broken(), { batchSize: 2 })).rejects.toThrow(
      'socket reset',
    );
    expect(store.prices.sheet(march)).toMatchObject({ fetchedAt: 'first', rows: 4 });
    expect(store.prices.find('US', 'P0', '0001').map((h) => h.row.unitPrice)).toEqual([100, 103]);
    expect(countRows(path)).toBe(4);
  });

  it('keeps one month per market/view/timeline: a new month drops the older one, other keys stay', async () => {
    const store = open();
    const future = { ...march, timeline: 'future' as const, month: '2026-04' };
    const software = { ...march, view: 'software' as const };
    await store.prices.replaceSheet(march, 'a', rows(2, 1));
    await store.prices.replaceSheet(future, 'a', rows(2, 2));
    await store.prices.replaceSheet(software, 'a', rows(2, 3));
    await store.prices.replaceSheet({ ...march, month: '2026-04' }, 'b', rows(2, 4));
    expect(store.prices.list().map((s) => `${s.view}/${s.timeline}/${s.month}`)).toEqual([
      'software/current/2026-03',
      'updatedlicensebased/current/2026-04',
      'updatedlicensebased/future/2026-04',
    ]);
  });

  it('stores nothing when a write is skipped (lease held elsewhere) but still reads the rows to the end', async () => {
    const path = temps.dbPath();
    const store = open(path);
    await store.prices.replaceSheet(march, 'first', rows(3, 100));
    let writes = 0;
    const skipAfterTwo = <T>(fn: () => T): T | undefined => (++writes <= 2 ? fn() : undefined);
    let read = 0;
    async function* counted(): AsyncGenerator<PriceRow> {
      for await (const r of rows(9, 700)) {
        read++;
        yield r;
      }
    }
    const result = await store.prices.replaceSheet(march, 'second', counted(), {
      write: skipAfterTwo,
      batchSize: 2,
    });
    expect(result).toEqual({ stored: false, rows: 9 });
    expect(read).toBe(9);
    expect(store.prices.sheet(march)?.fetchedAt).toBe('first');
    // The staged rows it managed to write are dropped by the next replace of that sheet.
    await store.prices.replaceSheet(march, 'third', rows(3, 1));
    expect(countRows(path)).toBe(3);
  });

  it('finds rows by the market of their sheet, keeping the Market column they carry', async () => {
    const store = open();
    async function* foreign(): AsyncGenerator<PriceRow> {
      await Promise.resolve();
      yield row(1, 15, { market: 'US' });
    }
    const andorra = { ...march, market: 'ad' };
    await store.prices.replaceSheet(andorra, 'x', foreign());
    expect(store.prices.find('AD', 'P1', '0001')).toEqual([
      { source: { ...march, market: 'AD' }, row: row(1, 15, { market: 'US' }) },
    ]);
    expect(store.prices.find('US', 'P1', '0001')).toEqual([]);
  });

  it('survives closing and reopening the file', async () => {
    const path = temps.dbPath();
    const store = open(path);
    await store.prices.replaceSheet(march, 'first', rows(3, 100));
    store.close();
    opened.splice(opened.indexOf(store), 1);
    const again = open(path);
    expect(again.prices.list()).toEqual([{ ...march, fetchedAt: 'first', rows: 3 }]);
  });
});
