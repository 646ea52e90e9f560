import type { CatalogAvailability, CatalogSku, ProductKind } from '../../model/index.js';
import type { AvailabilityDto, InventoryItemDto, ProductDto, SkuDto } from '../dto/catalog-dto.js';
import { BILLING_CYCLE_VALUES, enumText } from './enum-text.js';
import {
  arrayOf,
  asRecord,
  compact,
  optBoolean,
  optNumber,
  optString,
  reqString,
  stringList,
} from './wire-read.js';

/** A catalog product, mapped (docs/partner-center-api.md §2.3). */
export interface CatalogProduct {
  readonly id: string;
  readonly title: string;
  readonly productKind: ProductKind;
}

/** One answer line of check-inventory (docs/partner-center-api.md §2.4). */
export interface InventoryItem {
  readonly productId: string;
  readonly skuId: string;
  readonly isRestricted: boolean;
  readonly restrictions: readonly { readonly reasonCode: string; readonly description: string }[];
}

/**
 * `productType.id` (and `subType.id`) → model kind (docs/partner-center-api.md, "Product types"):
 * NCE licences are `OnlineServicesNCE`, legacy ones `OnlineServices`; `Azure` with subtype
 * `Azure`/`AzurePlan` is the Azure plan, with `SaaS` marketplace SaaS, with any other subtype
 * (`VirtualMachines`, `ReservedInstance`, …) a reservation. Unknown types are kept, lower-cased.
 */
const PRODUCT_KINDS: Readonly<Record<string, ProductKind>> = {
  onlineservices: 'license',
  onlineservicesnce: 'license',
  azurereservations: 'azure-reservation',
  azurereservationsvm: 'azure-reservation',
  reservedinstance: 'azure-reservation',
  software: 'software',
  saas: 'saas',
  azureplan: 'azure-plan',
};

export function mapProduct(body: unknown): CatalogProduct {
  const dto = asRecord(body, 'product') as ProductDto;
  return {
    id: reqString(dto.id, 'product.id'),
    title: optString(dto.title) ?? '',
    productKind: productKindOf(dto),
  };
}

/** Reads the product kind from `productType` (and its `subType`). */
export function productKindOf(dto: ProductDto): ProductKind {
  const type = dto.productType;
  const id = type?.id?.toLowerCase();
  const rawSub = typeof type?.subType === 'string' ? type.subType : type?.subType?.id;
  const sub = rawSub?.toLowerCase();
  if (id === undefined) return 'license';
  if (id === 'azure') {
    if (sub === undefined || sub === '') return 'azure';
    if (sub === 'azure' || sub === 'azureplan') return 'azure-plan';
    // Marketplace SaaS is `Azure`/`SaaS`; every other Azure subtype is a reservation family.
    return PRODUCT_KINDS[sub] ?? 'azure-reservation';
  }
  return PRODUCT_KINDS[id] ?? (sub === undefined ? undefined : PRODUCT_KINDS[sub]) ?? id;
}

export function mapSku(body: unknown, productId: string, productKind: ProductKind): CatalogSku {
  const dto = asRecord(body, 'sku') as SkuDto;
  return {
    productId: optString(dto.productId) ?? productId,
    skuId: reqString(dto.id, 'sku.id'),
    title: optString(dto.title) ?? '',
    productKind,
    minimumQuantity: optNumber(dto.minimumQuantity) ?? 1,
    maximumQuantity: optNumber(dto.maximumQuantity) ?? Number.MAX_SAFE_INTEGER,
    purchasePrerequisites: stringList(dto.purchasePrerequisites),
    provisioningVariables: stringList(dto.provisioningVariables),
    isTrial: optBoolean(dto.isTrial) ?? false,
    ...compact({ addOnOf: addOnBases(dto), supportedBillingCycles: billingCycles(dto) }),
  };
}

/**
 * Base product ids of an add-on SKU, from `dynamicAttributes.prerequisiteSkus`
 * (`productId:skuId` entries). Dynamic attributes are not a stable contract (§2.3), so an
 * absent or odd value simply means "not known to be an add-on".
 */
function addOnBases(dto: SkuDto): string[] | undefined {
  const bases = stringList(dto.dynamicAttributes?.['prerequisiteSkus'])
    .map((entry) => entry.split(':')[0] ?? '')
    .filter((product) => product !== '');
  return bases.length === 0 ? undefined : [...new Set(bases)];
}

/** `supportedBillingCycles` as lower snake_case names (numeric enums decoded). */
function billingCycles(dto: SkuDto): string[] | undefined {
  const cycles = arrayOf(dto.supportedBillingCycles)
    .map((value) => enumText(value, BILLING_CYCLE_VALUES))
    .filter((value): value is string => value !== undefined);
  return cycles.length === 0 ? undefined : cycles;
}

/** Maps an Availability; `isPurchasable: false` ones are reported by the caller's filter. */
export function mapAvailability(
  body: unknown,
  productId: string,
  skuId: string,
  country: string,
): CatalogAvailability & { readonly isPurchasable: boolean } {
  const dto = asRecord(body, 'availability') as AvailabilityDto;
  const id = reqString(dto.id, 'availability.id');
  const product = optString(dto.productId) ?? productId;
  const sku = optString(dto.skuId) ?? skuId;
  const terms = arrayOf(dto.terms);
  return {
    id,
    productId: product,
    skuId: sku,
    catalogItemId: optString(dto.catalogItemId) ?? `${product}:${sku}:${id}`,
    country: (optString(dto.country) ?? country).toUpperCase(),
    // Reservation terms carry `{duration, description}` only: the cycle stays absent and the
    // SKU's supportedBillingCycles supply it (model `availabilityOffers`).
    terms: terms.map((term) =>
      compact({
        duration: optString(term.duration) ?? '',
        billingCycle: enumText(term.billingCycle, BILLING_CYCLE_VALUES),
      }),
    ),
    isPurchasable: optBoolean(dto.isPurchasable) ?? true,
  };
}

export function mapInventoryItem(body: unknown): InventoryItem {
  const dto = asRecord(body, 'inventory item') as InventoryItemDto;
  const restrictions = arrayOf(dto.restrictions);
  return {
    productId: reqString(dto.productId, 'inventory.productId'),
    skuId: optString(dto.skuId) ?? '',
    isRestricted: optBoolean(dto.isRestricted) ?? restrictions.length > 0,
    restrictions: restrictions.map((r) => ({
      reasonCode: optString(r.reasonCode) ?? '',
      description: optString(r.description) ?? '',
    })),
  };
}
