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
  /**
   * Absent when the term names none: documented Azure reservation availabilities carry
   * `{duration, description}` only, and the SKU's `supportedBillingCycles` say how the term is
   * billed (docs/partner-center-api.md, "Reservation terms").
   */
  readonly billingCycle?: BillingCycle | (string & {});
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

/** Billing cycles compare case- and spelling-insensitively: `OneTime`, `onetime`, `one_time`. */
export function normaliseBilling(value: string): string {
  const lower = value.toLowerCase();
  return lower === 'onetime' ? 'one_time' : lower;
}

/** The billing cycles a term is sold with: its own, else the SKU's `supportedBillingCycles`. */
export function termBillingCycles(term: CatalogTerm, sku: CatalogSku | undefined): string[] {
  if (term.billingCycle !== undefined) return [normaliseBilling(term.billingCycle)];
  return (sku?.supportedBillingCycles ?? []).map(normaliseBilling);
}

/**
 * The one rule for "does this availability sell `term` (any, when absent) billed `billing`",
 * used by the planner and by purchase-time resolution alike. Perpetual software is sold by
 * availabilities with no terms, billed as the SKU's `supportedBillingCycles` say; reservation
 * terms carry a duration but no cycle, which the SKU supplies too.
 */
export function availabilityOffers(
  availability: CatalogAvailability,
  sku: CatalogSku | undefined,
  term: string | undefined,
  billing: string,
): boolean {
  const wanted = normaliseBilling(billing);
  if (availability.terms.length === 0) {
    return (
      term === undefined &&
      (sku?.supportedBillingCycles ?? []).map(normaliseBilling).includes(wanted)
    );
  }
  return availability.terms.some(
    (t) =>
      (term === undefined || t.duration === term) && termBillingCycles(t, sku).includes(wanted),
  );
}
