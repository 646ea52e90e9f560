import type { DesiredState } from '../model/index.js';

/** One catalog SKU the agent must fetch (SKU + availabilities) for a country before planning. */
export interface CatalogEntryRef {
  readonly country: string;
  readonly productId: string;
  readonly skuId: string;
}

/**
 * Every (country, product, SKU) the plan may need: all present subscription items and all
 * one-time items, deduplicated and sorted. Tombstones need no catalog. The agent fetches these
 * (cached) and passes them in `PlanInput.catalog`, keyed by country.
 */
export function requiredCatalogEntries(desired: DesiredState): CatalogEntryRef[] {
  const seen = new Map<string, CatalogEntryRef>();
  const add = (country: string, productId: string, skuId: string): void => {
    const key = `${country}\u0000${productId}\u0000${skuId}`;
    if (!seen.has(key)) seen.set(key, { country, productId, skuId });
  };
  for (const customer of desired.customers) {
    for (const item of customer.subscriptions) {
      if (item.ensure === 'present') add(customer.country, item.product, item.sku);
    }
    for (const item of customer.purchases) add(customer.country, item.product, item.sku);
  }
  return [...seen.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, ref]) => ref);
}
