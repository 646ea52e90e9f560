import type { CatalogIndex } from '../engine/catalog-index.js';
import { productTypeOf } from '../render/product-type.js';
import type { SeedProduct, SeedSku } from '../seed/seed-types.js';
import { roundMoney } from './price-list.js';
import { unitPriceIn } from './unit-price.js';

/** Every view the route answers: the agent's four and the Azure plan's consumption meters. */
export const SHEET_VIEWS = [
  'updatedlicensebased',
  'software',
  'marketplace',
  'azure_reservations',
  'azure_consumption',
] as const;
export type SheetView = (typeof SHEET_VIEWS)[number];

/** One price sheet row (rendered by `renderSheet`). */
export interface SheetRow {
  readonly productTitle: string;
  readonly productId: string;
  readonly skuId: string;
  readonly skuTitle: string;
  readonly publisher: string;
  readonly skuDescription: string;
  readonly unitOfMeasure: string;
  /** `P1M`, `P1Y`, `P3Y`, or empty (perpetual software). */
  readonly termDuration: string;
  /** `monthly`, `annual`, `triennial`, `one_time`. */
  readonly billingCycle: string;
  readonly market: string;
  readonly currency: string;
  readonly unitPrice: number;
  readonly erpPrice: number;
  /** First instant of the month, and its last second. */
  readonly start: Date;
  readonly end: Date;
  readonly tags: string;
  readonly segment: string;
}

/**
 * The sheet a product is listed in, from its catalog product type (render/product-type.ts):
 * `OnlineServicesNCE` → `updatedlicensebased`, `Software` → `software`, Azure `SaaS` →
 * `marketplace`, Azure `VirtualMachines` → `azure_reservations`, the Azure plan →
 * `azure_consumption` (meters the sandbox does not price: that sheet has no rows).
 */
export function viewOf(product: SeedProduct): SheetView {
  const type = productTypeOf(product.kind);
  const subType = (type.subType as { id?: string } | undefined)?.id;
  if (type.id === 'OnlineServicesNCE') return 'updatedlicensebased';
  if (type.id === 'Software') return 'software';
  if (subType === 'SaaS') return 'marketplace';
  if (subType === 'VirtualMachines') return 'azure_reservations';
  return 'azure_consumption';
}

const UNITS: Readonly<Record<string, { unit: string; tags: string }>> = {
  license: { unit: '1 License', tags: 'License' },
  saas: { unit: '1 Seat', tags: 'SaaS' },
  'azure-reservation': { unit: '1 Instance', tags: 'Reservation' },
  software: { unit: '1 License Pack', tags: 'Software' },
};

/** The (term, billing cycle) pairs a SKU sells: as its availability's terms and cycles say. */
export function sellablePairs(
  catalog: CatalogIndex,
  sku: SeedSku,
): { termDuration?: string; billingCycle: string }[] {
  const pairs: { termDuration?: string; billingCycle: string }[] =
    sku.terms.length === 0
      ? catalog.billingCycles(sku).map((billingCycle) => ({ billingCycle }))
      : sku.terms.flatMap((term) =>
          (term.billingCycle === undefined
            ? (sku.supportedBillingCycles ?? [])
            : [term.billingCycle]
          ).map((billingCycle) => ({
            ...(term.duration === undefined ? {} : { termDuration: term.duration }),
            billingCycle,
          })),
        );
  const seen = new Set<string>();
  return pairs.filter((p) => {
    const key = `${p.termDuration ?? ''}/${p.billingCycle}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The rows of `market`'s `view` sheet for `month` (`YYYY-MM`): one per product × SKU × (term,
 * billing cycle) the catalog sells in that market, in catalog order, priced by `unitPriceIn`
 * (what the sandbox bills in that month) in the market's currency.
 */
export function sheetRows(
  catalog: CatalogIndex,
  market: string,
  view: SheetView,
  month: string,
): SheetRow[] {
  const country = market.toUpperCase();
  const currency = catalog.currency(country).code;
  const [year, m] = month.split('-').map(Number);
  const start = new Date(Date.UTC(year ?? 1970, (m ?? 1) - 1, 1));
  const end = new Date(Date.UTC(year ?? 1970, m ?? 1, 1) - 1000);
  const rows: SheetRow[] = [];
  for (const sku of catalog.catalog.skus) {
    const product = catalog.product(sku.productId);
    if (product === undefined || viewOf(product) !== view || view === 'azure_consumption') continue;
    if (catalog.availability(product.id, sku.id, country) === undefined) continue;
    const kind = UNITS[product.kind] ?? { unit: '1 Unit', tags: product.kind };
    for (const pair of sellablePairs(catalog, sku)) {
      const item = { productId: product.id, skuId: sku.id, ...pair };
      const unitPrice = unitPriceIn(catalog, item, currency, month);
      rows.push({
        productTitle: product.title,
        productId: product.id,
        skuId: sku.id,
        skuTitle: sku.title,
        publisher: product.publisherName ?? 'Microsoft Corporation',
        skuDescription: sku.description ?? sku.title,
        unitOfMeasure: kind.unit,
        termDuration: pair.termDuration ?? '',
        billingCycle: pair.billingCycle,
        market: country,
        currency,
        unitPrice,
        erpPrice: roundMoney(unitPrice / 0.8, currency),
        start,
        end,
        tags: kind.tags,
        segment: 'Commercial',
      });
    }
  }
  return rows;
}
