import {
  availabilityOffers,
  normaliseBilling,
  type CatalogAvailability,
  type CatalogSku,
  type CatalogView,
} from '../model/index.js';

/** What to look up: a product + SKU, and the term/billing it must be sold with. */
export interface CatalogQuery {
  readonly country: string;
  readonly productId: string;
  readonly skuId: string;
  /** Absent for perpetual software: any term with the billing cycle will do. */
  readonly term?: string;
  readonly billing: string;
}

/**
 * A resolved purchasable shape, or why there is none: `unknown` when the catalog has no such
 * product/SKU for the country (`productKnown` when another SKU of the product is there, so the
 * SKU id is the likelier typo), `unavailable` when the SKU exists but is not sold with the term
 * and billing.
 */
export type CatalogResolution =
  | {
      readonly kind: 'resolved';
      readonly sku: CatalogSku;
      readonly availability: CatalogAvailability;
    }
  | { readonly kind: 'unknown'; readonly reason: string; readonly productKnown: boolean }
  | { readonly kind: 'unavailable'; readonly reason: string };

interface CountryIndex {
  readonly skus: ReadonlyMap<string, CatalogSku>;
  readonly availabilities: ReadonlyMap<string, readonly CatalogAvailability[]>;
}

const pair = (productId: string, skuId: string): string => `${productId}:${skuId}`;

/**
 * Indexes the catalog views (one per country) once per plan so each lookup is a map hit.
 * Availabilities are tried in id order, so the choice is deterministic when several fit.
 */
export class CatalogIndex {
  readonly #views: ReadonlyMap<string, CatalogView>;
  readonly #countries = new Map<string, CountryIndex>();

  constructor(views: ReadonlyMap<string, CatalogView>) {
    this.#views = views;
  }

  /** The SKU as the catalog describes it for `country`, if it was fetched. */
  sku(country: string, productId: string, skuId: string): CatalogSku | undefined {
    return this.#country(country)?.skus.get(pair(productId, skuId));
  }

  /** Resolves an availability whose terms include the wanted term and billing cycle. */
  resolve(query: CatalogQuery): CatalogResolution {
    const what = `${query.productId}:${query.skuId}`;
    const index = this.#country(query.country);
    const sku = index?.skus.get(pair(query.productId, query.skuId));
    if (index === undefined || sku === undefined) {
      const productKnown = [...(index?.skus.values() ?? [])].some(
        (s) => s.productId === query.productId,
      );
      return {
        kind: 'unknown',
        reason: productKnown
          ? `the catalog has no SKU ${query.skuId} of product ${query.productId} for country ${query.country}`
          : `the catalog has no product ${query.productId} (SKU ${query.skuId}) for country ${query.country}`,
        productKnown,
      };
    }
    const billing = normaliseBilling(query.billing);
    const candidates = index.availabilities.get(pair(query.productId, query.skuId)) ?? [];
    const fits = candidates.find((a) => availabilityOffers(a, sku, query.term, billing));
    if (fits === undefined) {
      const shape = query.term === undefined ? billing : `${query.term}/${billing}`;
      return {
        kind: 'unavailable',
        reason: `${what} is not sold as ${shape} in ${query.country} (no matching availability)`,
      };
    }
    return { kind: 'resolved', sku, availability: fits };
  }

  #country(country: string): CountryIndex | undefined {
    const cached = this.#countries.get(country);
    if (cached !== undefined) return cached;
    const view = this.#views.get(country);
    if (view === undefined) return undefined;
    const skus = new Map<string, CatalogSku>();
    for (const sku of view.skus) skus.set(pair(sku.productId, sku.skuId), sku);
    const availabilities = new Map<string, CatalogAvailability[]>();
    const sorted = [...view.availabilities]
      .filter((a) => a.country.toUpperCase() === country.toUpperCase())
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    for (const availability of sorted) {
      const key = pair(availability.productId, availability.skuId);
      const list = availabilities.get(key) ?? [];
      list.push(availability);
      availabilities.set(key, list);
    }
    const index = { skus, availabilities };
    this.#countries.set(country, index);
    return index;
  }
}

/** True when the SKU lists `name` among its purchase prerequisites (case-insensitive). */
export function hasPrerequisite(sku: CatalogSku, name: string): boolean {
  const wanted = name.toLowerCase();
  return sku.purchasePrerequisites.some((p) => p.toLowerCase() === wanted);
}
