import type { CatalogAvailability, CatalogSku, CatalogView, CustomerId } from '../model/index.js';
import type { Clock } from '../support/index.js';
import type { CatalogApi } from './endpoints/catalog.js';
import { PartnerCenterError } from './errors.js';

/** One (country, product, sku) the planner needs catalog facts for. */
export interface CatalogViewItem {
  readonly country: string;
  readonly productId: string;
  readonly skuId: string;
  readonly customerId?: CustomerId;
}

/** Builds planner-ready {@link CatalogView}s, caching each SKU's facts for `ttlMs`. */
export type CatalogViewBuilder = (
  items: readonly CatalogViewItem[],
  options?: { readonly signal?: AbortSignal },
) => Promise<CatalogView>;

interface Entry {
  readonly expiresAt: number;
  readonly facts: Promise<{ sku?: CatalogSku; availabilities: readonly CatalogAvailability[] }>;
}

/**
 * Catalog reads are cached (docs/scale.md) but not forever: availability ids rotate
 * (docs/partner-center-api.md §2.1), so entries expire after `ttlMs` of clock time and purchases
 * resolve their catalog item fresh with `resolveCatalogItem`. A product or SKU that does not
 * exist (404) yields no entries — the planner reports it as `unknown-product` (a spec error).
 */
export function createCatalogViewBuilder(
  catalog: CatalogApi,
  clock: Clock,
  ttlMs: number,
): CatalogViewBuilder {
  const cache = new Map<string, Entry>();

  const load = (item: CatalogViewItem, signal?: AbortSignal): Entry['facts'] => {
    const key = `${item.country.toUpperCase()}|${item.productId}|${item.skuId}|${item.customerId ?? ''}`;
    const now = clock.now().getTime();
    const hit = cache.get(key);
    if (hit !== undefined && hit.expiresAt > now) return hit.facts;
    const read = signal === undefined ? {} : { signal };
    const facts = (async () => {
      try {
        const sku = await catalog.sku(item.productId, item.skuId, item.country, read);
        const availabilities = await catalog.availabilities(item.productId, item.skuId, {
          country: item.country,
          ...(item.customerId === undefined ? {} : { customerId: item.customerId }),
          ...read,
        });
        return { sku, availabilities };
      } catch (error) {
        if (error instanceof PartnerCenterError && error.status === 404)
          return { availabilities: [] };
        throw error;
      }
    })();
    facts.catch(() => cache.delete(key));
    cache.set(key, { expiresAt: now + ttlMs, facts });
    return facts;
  };

  return async (items, options) => {
    const all = await Promise.all(items.map((item) => load(item, options?.signal)));
    const skus = new Map<string, CatalogSku>();
    const availabilities = new Map<string, CatalogAvailability>();
    for (const facts of all) {
      if (facts.sku !== undefined) skus.set(`${facts.sku.productId}|${facts.sku.skuId}`, facts.sku);
      for (const availability of facts.availabilities) {
        availabilities.set(`${availability.country}|${availability.catalogItemId}`, availability);
      }
    }
    return { skus: [...skus.values()], availabilities: [...availabilities.values()] };
  };
}
