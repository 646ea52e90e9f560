import type { AvailabilityEntry, CatalogIndex } from '../engine/catalog-index.js';
import type { SeedProduct, SeedSku } from '../seed/seed-types.js';
import type { CustomerRecord } from '../store/records.js';
import { link, type JsonObject } from '../wire.js';
import { productTypeOf } from './render-subscription.js';

/** A Product (partner-center-api.md §2.3). */
export function renderProduct(product: SeedProduct, country: string): JsonObject {
  return {
    id: product.id,
    title: product.title,
    description: product.description ?? product.title,
    productType: productTypeOf(product.kind),
    isMicrosoftProduct: product.kind !== 'saas',
    publisherName: product.publisherName ?? 'Microsoft Corporation',
    links: {
      skus: link(`/products/${product.id}/skus?country=${country}`),
      self: link(`/products/${product.id}?country=${country}`),
    },
    attributes: { objectType: 'Product' },
  };
}

/**
 * A Sku. Add-on relations are exposed as `dynamicAttributes.isAddon` and
 * `dynamicAttributes.prerequisiteSkus` (`productId:skuId` of the bases), as Partner Center's
 * catalog does; reservations carry `armSkuName`/`armRegionName` there.
 */
export function renderSku(catalog: CatalogIndex, sku: SeedSku, country: string): JsonObject {
  const addOn = (sku.addOnOf ?? []).length > 0;
  return {
    id: sku.id,
    productId: sku.productId,
    title: sku.title,
    description: sku.description ?? sku.title,
    minimumQuantity: sku.minimumQuantity,
    maximumQuantity: sku.maximumQuantity,
    isTrial: sku.isTrial ?? false,
    supportedBillingCycles: catalog.billingCycles(sku),
    purchasePrerequisites: sku.purchasePrerequisites ?? [],
    inventoryVariables: sku.inventoryVariables ?? [],
    provisioningVariables: sku.provisioningVariables ?? [],
    dynamicAttributes: {
      ...(sku.dynamicAttributes ?? {}),
      isAddon: addOn,
      ...(addOn ? { prerequisiteSkus: sku.addOnOf } : {}),
    },
    links: {
      availabilities: link(
        `/products/${sku.productId}/skus/${sku.id}/availabilities?country=${country}`,
      ),
      self: link(`/products/${sku.productId}/skus/${sku.id}?country=${country}`),
    },
    attributes: { objectType: 'Sku' },
  };
}

const TERM_TEXT: Readonly<Record<string, string>> = {
  P1M: 'One-Month commitment',
  P1Y: 'One-Year commitment',
  P3Y: 'Three-Year commitment',
};

/** An Availability with one `terms[]` entry per allowed term + billing pair. */
export function renderAvailability(catalog: CatalogIndex, entry: AvailabilityEntry): JsonObject {
  const currency = catalog.currency(entry.country);
  return {
    id: entry.id,
    productId: entry.product.id,
    skuId: entry.sku.id,
    catalogItemId: entry.catalogItemId,
    defaultCurrency: currency,
    segment: 'commercial',
    country: entry.country,
    isPurchasable: true,
    isRenewable: entry.terms.length > 0 && entry.product.kind !== 'azure-reservation',
    terms: entry.terms.map((term, index) => ({
      id: `${entry.id}-T${index}`,
      duration: term.duration,
      description: `${TERM_TEXT[term.duration ?? ''] ?? 'Commitment'} billed ${term.billingCycle}`,
      billingCycle: term.billingCycle,
      cancellationPolicies: [],
    })),
    product: renderProduct(entry.product, entry.country),
    sku: renderSku(catalog, entry.sku, entry.country),
    links: {
      self: link(
        `/products/${entry.product.id}/skus/${entry.sku.id}/availabilities/${entry.id}?country=${entry.country}`,
      ),
    },
    attributes: { objectType: 'Availability' },
  };
}

/** A Customer (only the fields the agent reads). */
export function renderCustomer(customer: CustomerRecord): JsonObject {
  return {
    id: customer.id,
    companyProfile: { tenantId: customer.id, domain: customer.domain, companyName: customer.name },
    billingProfile: { companyName: customer.name, defaultAddress: { country: customer.country } },
    relationshipToPartner: 'reseller',
    links: { self: link(`/customers/${customer.id}`) },
    attributes: { objectType: 'Customer' },
  };
}
