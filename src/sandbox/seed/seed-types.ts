/**
 * The shape of a sandbox seed: a catalog and the customers (with their pre-existing
 * subscriptions) a new sandbox database starts with. A seed file (`qm sandbox serve --seed`)
 * is this shape as JSON or YAML; `catalog` may be left out to keep the default catalog.
 */

/** How a product is bought and what a purchase creates. */
export type SeedProductKind = 'license' | 'saas' | 'azure-plan' | 'azure-reservation' | 'software';

export interface SeedProduct {
  readonly id: string;
  readonly title: string;
  readonly description?: string;
  readonly kind: SeedProductKind;
  readonly publisherName?: string;
  /**
   * Cart lines for this product need `partnerOnRecordAttestationAccepted: true` on the cart, else
   * 400 `900203`. @default true for `license` (NCE), false otherwise
   */
  readonly requiresAttestation?: boolean;
}

/**
 * One allowed term of an availability. Licence and SaaS terms pair a duration with a billing
 * cycle (`terms[].billingCycle` on the wire); Azure reservation terms carry only a duration,
 * and the SKU's `supportedBillingCycles` say how any term may be billed, as in
 * https://learn.microsoft.com/en-us/partner-center/developer/get-a-list-of-availabilities-for-a-sku.
 * Perpetual software and the Azure plan have no terms at all.
 */
export interface SeedTerm {
  readonly duration?: 'P1M' | 'P1Y' | 'P3Y';
  /** Absent: any of the SKU's `supportedBillingCycles`. */
  readonly billingCycle?: 'monthly' | 'annual' | 'triennial' | 'one_time';
  /** `terms[].description`; default derived from duration and cycle. */
  readonly description?: string;
}

export interface SeedSku {
  readonly productId: string;
  readonly id: string;
  readonly title: string;
  readonly description?: string;
  readonly minimumQuantity: number;
  readonly maximumQuantity: number;
  /** Term and billing pairs of the SKU's availability (`terms[]` on the wire). */
  readonly terms: readonly SeedTerm[];
  /** Billing cycles of terms without one (reservations) or of a SKU without terms (software, Azure plan). */
  readonly supportedBillingCycles?: readonly string[];
  readonly purchasePrerequisites?: readonly string[];
  readonly provisioningVariables?: readonly string[];
  readonly inventoryVariables?: readonly string[];
  readonly dynamicAttributes?: Readonly<Record<string, unknown>>;
  /** Base SKUs (`productId:skuId`) this add-on needs; exposed as `dynamicAttributes.prerequisiteSkus`. */
  readonly addOnOf?: readonly string[];
  /** Inventory check reports this SKU as restricted and cart lines for it get `10003`. */
  readonly inventoryRestricted?: boolean;
  readonly isTrial?: boolean;
  /** Monthly list price of one unit in USD (billing); absent: the sandbox price list. */
  readonly listPriceUsd?: number;
  /** Markets (ISO2) that have an availability; default: every catalog market. */
  readonly markets?: readonly string[];
}

export interface SeedCatalog {
  /** Markets (ISO 3166-1 alpha-2) that have availabilities. */
  readonly markets: readonly string[];
  /** Currency per market; unknown markets use USD. */
  readonly currencies: Readonly<Record<string, { readonly code: string; readonly symbol: string }>>;
  readonly products: readonly SeedProduct[];
  readonly skus: readonly SeedSku[];
}

export interface SeedSubscription {
  readonly id: string;
  readonly productId: string;
  readonly skuId: string;
  readonly termDuration?: 'P1M' | 'P1Y' | 'P3Y';
  readonly billingCycle?: string;
  readonly quantity: number;
  /** @default true */
  readonly autoRenewEnabled?: boolean;
  readonly friendlyName?: string;
  /** Purchase date relative to the seeding instant. @default 0 */
  readonly purchasedDaysAgo?: number;
}

export interface SeedCustomer {
  readonly id: string;
  readonly name: string;
  /** ISO 3166-1 alpha-2 billing country. */
  readonly country: string;
  readonly domain?: string;
  readonly subscriptions?: readonly SeedSubscription[];
  /** Azure subscription ids already registered for reservations. */
  readonly registeredAzureSubscriptions?: readonly string[];
}

export interface SandboxSeed {
  /** @default the default catalog */
  readonly catalog?: SeedCatalog;
  readonly customers: readonly SeedCustomer[];
}
