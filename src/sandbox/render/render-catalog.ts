import type { AvailabilityEntry, CatalogIndex } from '../engine/catalog-index.js';
import { refundWindowMs } from '../engine/subscription-factory.js';
import type { SandboxDialect } from '../options.js';
import type { SeedProduct, SeedSku, SeedTerm } from '../seed/seed-types.js';
import type { CustomerRecord } from '../store/records.js';
import { link, type JsonObject } from '../wire.js';
import { pascalEnum } from './enum-case.js';
import { productTypeOf } from './product-type.js';

/**
 * `attributes: { objectType }`, which the `documented` dialect leaves out of products, SKUs and
 * availabilities: their documented examples have none (docs/partner-center-api.md §0.10).
 */
function objectType(name: string, dialect: SandboxDialect): JsonObject {
  return dialect === 'extended' ? { attributes: { objectType: name } } : {};
}

/** A Product (https://learn.microsoft.com/en-us/partner-center/developer/get-a-product-by-id). */
export function renderProduct(
  product: SeedProduct,
  country: string,
  dialect: SandboxDialect = 'extended',
): JsonObject {
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
    ...objectType('Product', dialect),
  };
}

/**
 * A Sku. Add-on relations are exposed as `dynamicAttributes.isAddon` and
 * `dynamicAttributes.prerequisiteSkus` (`productId:skuId` of the bases), as Partner Center's
 * catalog does; reservations carry `armSkuName`/`armRegionName` there.
 */
export function renderSku(
  catalog: CatalogIndex,
  sku: SeedSku,
  country: string,
  dialect: SandboxDialect = 'extended',
): JsonObject {
  const addOn = (sku.addOnOf ?? []).length > 0;
  const kind = catalog.product(sku.productId)?.kind ?? '';
  return {
    id: sku.id,
    productId: sku.productId,
    title: sku.title,
    description: sku.description ?? sku.title,
    minimumQuantity: sku.minimumQuantity,
    maximumQuantity: sku.maximumQuantity,
    isTrial: sku.isTrial ?? false,
    supportedBillingCycles: catalog.billingCycles(sku),
    purchasePrerequisites: sku.purchasePrerequisites ?? DEFAULT_PREREQUISITES[kind] ?? [],
    inventoryVariables: sku.inventoryVariables ?? [],
    provisioningVariables: sku.provisioningVariables ?? [],
    ...(REFUNDABLE_KINDS.has(kind) ? { actions: ['Refund'] } : {}),
    dynamicAttributes: {
      ...(kind === 'azure-reservation' ? {} : { isMicrosoftProduct: kind !== 'saas' }),
      ...(kind === 'license'
        ? {
            hasConstraints: false,
            isSoftwareAssuranceApplicable: false,
            upgradeTargetOffers: [],
            internal: false,
          }
        : {}),
      ...(sku.dynamicAttributes ?? {}),
      isAddon: addOn,
      ...(kind === 'azure-reservation' && !addOn ? {} : { prerequisiteSkus: sku.addOnOf ?? [] }),
    },
    links: {
      availabilities: link(
        `/products/${sku.productId}/skus/${sku.id}/availabilities?country=${country}`,
      ),
      self: link(`/products/${sku.productId}/skus/${sku.id}?country=${country}`),
    },
    ...objectType('Sku', dialect),
  };
}

/**
 * `purchasePrerequisites` when the seed gives none: NCE licences `MicrosoftCloudAgreement`
 * (get-a-sku-by-id, NCE example), the Azure plan `MicrosoftCustomerAgreement`
 * (get-a-list-of-products-by-customer, Azure example).
 */
const DEFAULT_PREREQUISITES: Readonly<Record<string, readonly string[]>> = {
  license: ['MicrosoftCloudAgreement'],
  'azure-plan': ['MicrosoftCustomerAgreement'],
};

/** Kinds whose SKUs print `actions: ["Refund"]` (get-a-sku-by-id NCE example; the Azure plan SKU). */
const REFUNDABLE_KINDS: ReadonlySet<string> = new Set(['license', 'saas', 'azure-plan']);

const TERM_TEXT: Readonly<Record<string, string>> = {
  P1M: 'One-Month commitment',
  P1Y: 'One-Year commitment',
  P3Y: 'Three-Year commitment',
};

/**
 * An Availability with one `terms[]` entry per allowed term
 * (https://learn.microsoft.com/en-us/partner-center/developer/get-a-list-of-availabilities-for-a-sku):
 * licence and SaaS terms carry `billingCycle` (PascalCase in the `documented` dialect, as the
 * example's `"Annual"`) and a cancellation policy; reservation terms are only
 * `{ duration, description }`, the cycle coming from the SKU's `supportedBillingCycles`.
 */
export function renderAvailability(
  catalog: CatalogIndex,
  entry: AvailabilityEntry,
  dialect: SandboxDialect = 'extended',
): JsonObject {
  const currency = catalog.currency(entry.country);
  const renewable = entry.terms.length > 0 && entry.product.kind !== 'azure-reservation';
  const terms = entry.terms.map((term, index) => renderTerm(entry, term, index, dialect));
  // Renewal instructions name the terms that renew into the same SKU (get-an-availability-by-id).
  const termIds = terms.flatMap((term) => (typeof term.id === 'string' ? [term.id] : []));
  return {
    id: entry.id,
    productId: entry.product.id,
    skuId: entry.sku.id,
    catalogItemId: entry.catalogItemId,
    defaultCurrency: currency,
    segment: 'commercial',
    country: entry.country,
    isPurchasable: true,
    isRenewable: renewable,
    ...(renewable && termIds.length > 0
      ? {
          renewalInstructions: [
            {
              applicableTermIds: termIds,
              renewalOptions: [
                { renewToId: `${entry.product.id}:${entry.sku.id}`, isAutoRenewable: true },
              ],
            },
          ],
        }
      : {}),
    terms,
    product: renderProduct(entry.product, entry.country, dialect),
    sku: renderSku(catalog, entry.sku, entry.country, dialect),
    links: {
      self: link(
        `/products/${entry.product.id}/skus/${entry.sku.id}/availabilities/${entry.id}?country=${entry.country}`,
      ),
    },
    ...objectType('Availability', dialect),
  };
}

function renderTerm(
  entry: AvailabilityEntry,
  term: SeedTerm,
  index: number,
  dialect: SandboxDialect,
): JsonObject {
  const text = TERM_TEXT[term.duration ?? ''] ?? 'Commitment';
  if (term.billingCycle === undefined)
    return { duration: term.duration, description: term.description ?? text };
  const windowDays = refundWindowMs(entry.product.kind) / 86_400_000;
  return {
    id: `${entry.id}-T${index}`,
    duration: term.duration,
    description: term.description ?? `${text} billed ${term.billingCycle}`,
    billingCycle: dialect === 'documented' ? pascalEnum(term.billingCycle) : term.billingCycle,
    cancellationPolicies:
      windowDays > 0
        ? [{ refundOptions: [{ sequenceId: 0, type: 'Full', expiresAfter: `P${windowDays}D` }] }]
        : [],
  };
}

/**
 * A Customer in the shape of https://learn.microsoft.com/en-us/partner-center/developer/get-a-customer-by-id,
 * without the contact details and locale the seed does not hold (address lines, e-mail, names,
 * phone, culture, language). `commerceId` and the billing profile id reuse the tenant id.
 */
export function renderCustomer(customer: CustomerRecord): JsonObject {
  const base = `/customers/${customer.id}`;
  return {
    id: customer.id,
    commerceId: customer.id,
    companyProfile: {
      tenantId: customer.id,
      domain: customer.domain,
      companyName: customer.name,
      links: { self: link(`${base}/profiles/company`) },
      attributes: { objectType: 'CustomerCompanyProfile' },
    },
    billingProfile: {
      id: customer.id,
      companyName: customer.name,
      defaultAddress: { country: customer.country },
      links: { self: link(`${base}/profiles/billing`) },
      attributes: { objectType: 'CustomerBillingProfile' },
    },
    relationshipToPartner: 'reseller',
    allowDelegatedAccess: true,
    customDomains: [customer.domain],
    links: { self: link(`/customers/${customer.id}`) },
    attributes: { objectType: 'Customer' },
  };
}
