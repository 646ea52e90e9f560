import type { App } from '../app/index.js';
import type { CatalogAvailability, CatalogSku, CatalogView, DesiredState } from '../model/index.js';
import { requiredCatalogEntries } from '../planner/index.js';

/** How long catalog facts are reused across runs. Availability ids rotate, so not forever. */
export const CATALOG_TTL_MS = 15 * 60_000;

interface CachedFacts {
  readonly skus: readonly CatalogSku[];
  readonly availabilities: readonly CatalogAvailability[];
}

/**
 * The catalog views the planner needs, keyed by country: what `requiredCatalogEntries` lists,
 * read from the state store's cache when fresh, otherwise fetched (one SKU and one
 * availabilities call per entry) and cached. Purchases re-resolve their catalog item at apply.
 */
export async function loadCatalog(
  app: App,
  desired: DesiredState,
): Promise<Map<string, CatalogView>> {
  const views = new Map<string, { skus: CatalogSku[]; availabilities: CatalogAvailability[] }>();
  const missing = [];
  for (const ref of requiredCatalogEntries(desired)) {
    const cached = app.store.catalog.get(ref)?.value as CachedFacts | undefined;
    if (cached === undefined) missing.push(ref);
    else add(views, ref.country, cached);
  }
  if (missing.length > 0) {
    const fetched = await app.client.catalog.buildView(missing);
    for (const ref of missing) {
      const facts: CachedFacts = {
        skus: fetched.skus.filter((s) => s.productId === ref.productId && s.skuId === ref.skuId),
        availabilities: fetched.availabilities.filter(
          (a) =>
            a.productId === ref.productId &&
            a.skuId === ref.skuId &&
            a.country.toUpperCase() === ref.country,
        ),
      };
      app.store.catalog.put(ref, facts, CATALOG_TTL_MS);
      add(views, ref.country, facts);
    }
  }
  return new Map([...views].map(([country, view]) => [country, view satisfies CatalogView]));
}

function add(
  views: Map<string, { skus: CatalogSku[]; availabilities: CatalogAvailability[] }>,
  country: string,
  facts: CachedFacts,
): void {
  const view = views.get(country) ?? { skus: [], availabilities: [] };
  view.skus.push(...facts.skus);
  view.availabilities.push(...facts.availabilities);
  views.set(country, view);
}
