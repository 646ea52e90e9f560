import type { BillingCycle, Term } from './terms.js';

/**
 * The slice of the Partner Center catalog the planner needs, for one country.
 * Catalog item and availability ids rotate: they are resolved at plan time and used once.
 */

/** `productType.id` in Partner Center, normalised; unknown values kept as strings. */
export type ProductKind = 'license' | 'saas' | 'azure-reservation' | 'software' | (string & {});

export interface CatalogSku {
  readonly productId: string;
  readonly skuId: string;
  readonly title: string;
  readonly productKind: ProductKind;
  readonly minimumQuantity: number;
  readonly maximumQuantity: number;
  /** e.g. `InventoryCheck`, `AzureSubscriptionRegistration`. */
  readonly purchasePrerequisites: readonly string[];
  /** Keys the cart line's `provisioningContext` must carry (e.g. `subscriptionId`, `scope`). */
  readonly provisioningVariables: readonly string[];
  readonly isTrial: boolean;
  /**
   * Billing cycles the SKU accepts (`supportedBillingCycles`, lower snake_case). What an
   * availability with no `terms` (perpetual software) is sold with.
   */
  readonly supportedBillingCycles?: readonly string[];
  /** Product ids this SKU is an add-on to: the base must be bought first. */
  readonly addOnOf?: readonly string[];
}

export interface CatalogTerm {
  readonly duration: Term | (string & {});
  readonly billingCycle: BillingCycle | (string & {});
}

export interface CatalogAvailability {
  readonly id: string;
  readonly productId: string;
  readonly skuId: string;
  readonly catalogItemId: string;
  readonly country: string;
  readonly terms: readonly CatalogTerm[];
}

/** Catalog entries per country. A SKU with no availability for a country is not sold there. */
export interface CatalogView {
  readonly skus: readonly CatalogSku[];
  readonly availabilities: readonly CatalogAvailability[];
}
