import type { WireEnum } from './common-dto.js';

/** Product, wire names (docs/partner-center-api.md §2.3). */
export interface ProductDto {
  readonly id?: string;
  readonly title?: string;
  readonly productType?: {
    readonly id?: string;
    readonly displayName?: string;
    readonly subType?: { readonly id?: string } | string;
  };
}

/** Sku, wire names (docs/partner-center-api.md §2.3). */
export interface SkuDto {
  readonly id?: string;
  readonly productId?: string;
  readonly title?: string;
  readonly minimumQuantity?: number;
  readonly maximumQuantity?: number;
  readonly isTrial?: boolean;
  /** BillingCycleType names (§2.3); the only billing facts of a term-less availability. */
  readonly supportedBillingCycles?: readonly unknown[];
  readonly purchasePrerequisites?: readonly string[];
  readonly provisioningVariables?: readonly string[];
  readonly inventoryVariables?: readonly string[];
  /** Free-form; keys may change without notice (§2.3). Add-ons list `prerequisiteSkus` here. */
  readonly dynamicAttributes?: Readonly<Record<string, unknown>>;
}

/** Availability, wire names (docs/partner-center-api.md §2.2–2.3). */
export interface AvailabilityDto {
  readonly id?: string;
  readonly productId?: string;
  readonly skuId?: string;
  readonly catalogItemId?: string;
  readonly country?: string;
  readonly isPurchasable?: boolean;
  readonly terms?: readonly {
    readonly duration?: string;
    readonly billingCycle?: WireEnum;
    readonly description?: string;
  }[];
}

/** InventoryItem of a check-inventory answer, a bare array (docs/partner-center-api.md §2.4). */
export interface InventoryItemDto {
  readonly productId?: string;
  readonly skuId?: string;
  readonly isRestricted?: boolean;
  readonly restrictions?: readonly {
    readonly reasonCode?: string;
    readonly description?: string;
  }[];
}
