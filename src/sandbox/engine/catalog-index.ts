import { createHash } from 'node:crypto';
import { BLOCKED_MARKETS, isMarketRestrictedKind } from '../seed/market-block-list.js';
import type { SeedCatalog, SeedProduct, SeedSku, SeedTerm } from '../seed/seed-types.js';

/** A SKU's availability in one market (one per SKU and market, carrying every term). */
export interface AvailabilityEntry {
  readonly id: string;
  readonly product: SeedProduct;
  readonly sku: SeedSku;
  readonly country: string;
  readonly catalogItemId: string;
  readonly terms: readonly SeedTerm[];
}

/**
 * Read-only lookups over the seed catalog. Availability ids are derived from product, SKU and
 * market, so they are stable for one catalog but differ per market, like the real ones.
 */
export class CatalogIndex {
  readonly #products = new Map<string, SeedProduct>();
  readonly #skus = new Map<string, SeedSku>();
  readonly #byCatalogItem = new Map<string, AvailabilityEntry>();
  readonly #byMarket = new Map<string, AvailabilityEntry>();

  constructor(readonly catalog: SeedCatalog) {
    for (const product of catalog.products) this.#products.set(product.id.toUpperCase(), product);
    for (const sku of catalog.skus) {
      this.#skus.set(skuKey(sku.productId, sku.id), sku);
      const product = this.#products.get(sku.productId.toUpperCase());
      if (product === undefined) continue;
      for (const country of sku.markets ?? catalog.markets) {
        const entry = this.#entry(product, sku, country.toUpperCase());
        this.#byCatalogItem.set(entry.catalogItemId.toUpperCase(), entry);
        this.#byMarket.set(`${skuKey(product.id, sku.id)}@${entry.country}`, entry);
      }
    }
  }

  products(): SeedProduct[] {
    return [...this.#products.values()];
  }

  product(productId: string): SeedProduct | undefined {
    return this.#products.get(productId.toUpperCase());
  }

  skusOf(productId: string): SeedSku[] {
    const id = productId.toUpperCase();
    return this.catalog.skus.filter((sku) => sku.productId.toUpperCase() === id);
  }

  sku(productId: string, skuId: string): SeedSku | undefined {
    return this.#skus.get(skuKey(productId, skuId));
  }

  /** Cart lines for it need the cart's attestation: the seed says so, else NCE licences. */
  requiresAttestation(product: SeedProduct): boolean {
    return product.requiresAttestation ?? product.kind === 'license';
  }

  /** True when the market block list (§8) forbids this product in `country`. */
  isBlocked(product: SeedProduct, country: string): boolean {
    return isMarketRestrictedKind(product.kind) && BLOCKED_MARKETS.has(country.toUpperCase());
  }

  /** The SKU's availability for `country`, or `undefined` when it is not sold there. */
  availability(productId: string, skuId: string, country: string): AvailabilityEntry | undefined {
    const entry = this.#byMarket.get(`${skuKey(productId, skuId)}@${country.toUpperCase()}`);
    if (entry === undefined || this.isBlocked(entry.product, entry.country)) return undefined;
    return entry;
  }

  /** Resolves a `productId:skuId:availabilityId` catalog item id (any market). */
  byCatalogItemId(catalogItemId: string): AvailabilityEntry | undefined {
    return this.#byCatalogItem.get(catalogItemId.toUpperCase());
  }

  currency(country: string): { code: string; symbol: string } {
    return this.catalog.currencies[country.toUpperCase()] ?? { code: 'USD', symbol: '$' };
  }

  /**
   * The billing cycles a SKU accepts (`supportedBillingCycles` on the wire): the cycles of its
   * terms, plus the seed's `supportedBillingCycles` when a term has no cycle (reservations) or
   * the SKU has no terms (software, Azure plan).
   */
  billingCycles(sku: SeedSku): string[] {
    const cycles: string[] = [];
    for (const term of sku.terms)
      if (term.billingCycle !== undefined) cycles.push(term.billingCycle);
    if (sku.terms.length === 0 || sku.terms.some((term) => term.billingCycle === undefined))
      cycles.push(...(sku.supportedBillingCycles ?? []));
    return [...new Set(cycles)];
  }

  /** True when the SKU sells `termDuration` (absent: no term) billed `billingCycle`. */
  supportsTerm(sku: SeedSku, termDuration: string | undefined, billingCycle: string): boolean {
    if (sku.terms.length === 0) return this.billingCycles(sku).includes(billingCycle);
    return sku.terms.some(
      (term) =>
        term.duration === termDuration &&
        (term.billingCycle === undefined
          ? (sku.supportedBillingCycles ?? []).includes(billingCycle)
          : term.billingCycle === billingCycle),
    );
  }

  #entry(product: SeedProduct, sku: SeedSku, country: string): AvailabilityEntry {
    const id = availabilityIdFor(product.id, sku.id, country);
    return {
      id,
      product,
      sku,
      country,
      catalogItemId: `${product.id}:${sku.id}:${id}`,
      terms: sku.terms,
    };
  }
}

function skuKey(productId: string, skuId: string): string {
  return `${productId}:${skuId}`.toUpperCase();
}

/** A 12-character availability id in Partner Center's style, stable per product/SKU/market. */
export function availabilityIdFor(productId: string, skuId: string, country: string): string {
  const hash = createHash('sha256').update(`${productId}:${skuId}:${country}`).digest('hex');
  return `${productId.slice(0, 6)}${hash.slice(0, 6)}`.toUpperCase();
}
