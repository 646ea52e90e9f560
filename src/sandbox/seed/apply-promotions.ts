import type { CatalogIndex } from '../engine/catalog-index.js';
import { DAY_MS, iso } from '../engine/dates.js';
import type { SandboxStore } from '../store/sandbox-store.js';
import type { PromotionRecord } from '../store/records.js';
import { SandboxSeedError } from './apply-seed.js';
import type { SeedPromotion } from './seed-types.js';

/** A promotion without an `endDate` runs this long after its start. */
export const DEFAULT_PROMOTION_DAYS = 90;

/** Promotions are global: stored under this customer id. */
export const PROMOTION_OWNER = '';

/**
 * Stores the seed's promotions with their defaults resolved (dates relative to `now`, markets
 * from the catalog). @throws SandboxSeedError for a SKU the catalog lacks, a discount outside
 * 0–100 or an end before the start.
 */
export function seedPromotions(
  store: SandboxStore,
  catalog: CatalogIndex,
  promotions: readonly SeedPromotion[],
  now: Date,
): void {
  for (const promotion of promotions) {
    const record = resolvePromotion(catalog, promotion, now);
    store.put('promotion', PROMOTION_OWNER, record.id.toLowerCase(), record);
  }
}

function resolvePromotion(
  catalog: CatalogIndex,
  promotion: SeedPromotion,
  now: Date,
): PromotionRecord {
  const where = `promotion ${promotion.id}`;
  if (promotion.id.trim() === '' || promotion.products.length === 0)
    throw new SandboxSeedError(`${where}: needs an id and at least one product`);
  const markets = new Set<string>();
  for (const product of promotion.products) {
    const sku = catalog.sku(product.productId, product.skuId);
    if (sku === undefined)
      throw new SandboxSeedError(
        `${where}: ${product.productId}:${product.skuId} is not in the catalog`,
      );
    if (!(product.percentDiscount >= 0 && product.percentDiscount <= 100))
      throw new SandboxSeedError(`${where}: percentDiscount must be between 0 and 100`);
    for (const market of sku.markets ?? catalog.catalog.markets) markets.add(market.toUpperCase());
  }
  const start = promotion.startDate === undefined ? now : new Date(promotion.startDate);
  const end =
    promotion.endDate === undefined
      ? new Date(start.getTime() + DEFAULT_PROMOTION_DAYS * DAY_MS)
      : new Date(promotion.endDate);
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime()) || end <= start)
    throw new SandboxSeedError(`${where}: startDate/endDate must be ISO instants, start first`);
  return {
    id: promotion.id.trim(),
    name: promotion.name,
    description: promotion.description ?? promotion.name,
    markets: (promotion.markets ?? [...markets]).map((m) => m.toUpperCase()),
    segment: (promotion.segment ?? 'commercial').toLowerCase(),
    startDate: iso(start),
    endDate: iso(end),
    isAutoApplicable: promotion.isAutoApplicable ?? false,
    products: promotion.products,
    ...(promotion.minimumSeats === undefined ? {} : { minimumSeats: promotion.minimumSeats }),
    ...(promotion.maximumSeats === undefined ? {} : { maximumSeats: promotion.maximumSeats }),
    firstPurchaseOnly: promotion.firstPurchaseOnly ?? false,
  };
}
