import type { Database } from 'better-sqlite3';
import type { Clock } from '../support/index.js';

/** A catalog cache key: one SKU as sold in one country (country upper-cased on write and read). */
export interface CatalogCacheKey {
  readonly country: string;
  readonly productId: string;
  readonly skuId: string;
}

/** A cached value with its timing. `value` is whatever JSON the caller stored. */
export interface CatalogCacheEntry {
  readonly value: unknown;
  readonly fetchedAt: string;
  readonly expiresAt: string;
}

/**
 * Catalog reads cached with a time-to-live. Expiry is judged by the injected clock, so a test
 * moves a `ManualClock` past the TTL instead of waiting. The value is JSON the caller owns
 * (the partnercenter layer decides its shape and validates it on the way out).
 */
export interface CatalogCache {
  /** The fresh entry for `key`, or `undefined` when missing or expired. */
  get(key: CatalogCacheKey): CatalogCacheEntry | undefined;
  /** Stores `value` (JSON-serialisable) for `ttlMs` from now, replacing any entry. */
  put(key: CatalogCacheKey, value: unknown, ttlMs: number): CatalogCacheEntry;
  /** Deletes expired entries; returns how many. */
  purgeExpired(): number;
  /** Deletes every entry (e.g. `qm state refresh-catalog`); returns how many. */
  clear(): number;
}

interface CacheRow {
  value: string;
  fetched_at: string;
  expires_at: string;
}

/** Builds the SQLite catalog cache over an open, migrated database. */
export function createCatalogCache(db: Database, clock: Clock): CatalogCache {
  const select = db.prepare<[string, string, string], CacheRow>(`SELECT value, fetched_at, expires_at
    FROM catalog_cache WHERE country = ? AND product_id = ? AND sku_id = ?`);
  const upsert = db.prepare(`INSERT INTO catalog_cache
    (country, product_id, sku_id, value, fetched_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)
    ON CONFLICT (country, product_id, sku_id) DO UPDATE SET value = excluded.value,
      fetched_at = excluded.fetched_at, expires_at = excluded.expires_at`);
  const purge = db.prepare('DELETE FROM catalog_cache WHERE expires_at <= ?');
  const clear = db.prepare('DELETE FROM catalog_cache');

  return {
    get(key) {
      const row = select.get(key.country.toUpperCase(), key.productId, key.skuId);
      // ISO-8601 UTC strings of equal shape order like the instants they name.
      if (!row || row.expires_at <= clock.now().toISOString()) return undefined;
      return { value: JSON.parse(row.value), fetchedAt: row.fetched_at, expiresAt: row.expires_at };
    },
    put(key, value, ttlMs) {
      const now = clock.now();
      const entry = {
        value,
        fetchedAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + ttlMs).toISOString(),
      };
      const json = JSON.stringify(value);
      if (json === undefined) throw new TypeError('catalog cache values must be JSON-serialisable');
      upsert.run(key.country.toUpperCase(), key.productId, key.skuId, json, entry.fetchedAt, entry.expiresAt);
      return entry;
    },
    purgeExpired: () => purge.run(clock.now().toISOString()).changes,
    clear: () => clear.run().changes,
  };
}
