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

/**
 * A price change from a month on (docs/sandbox.md, Prices): the product's (or one SKU's) monthly
 * USD price is multiplied by `factor`, or set to `monthlyUsd`, from 00:00 UTC on the first day
 * of `from`. Give exactly one of `factor` and `monthlyUsd`. Changes apply in `from` order (list
 * order for the same month), each on the price in effect before it; price sheets of a month and
 * charges at an instant of that month use the result.
 */
export interface SeedPriceChange {
  readonly productId: string;
  /** Absent: every SKU of the product. */
  readonly skuId?: string;
  /** `YYYY-MM`, the first month at the new price. */
  readonly from: string;
  /** Multiplies the monthly USD price (1.1 = 10 % up). */
  readonly factor?: number;
  /** The new monthly USD price of one unit. */
  readonly monthlyUsd?: number;
}

export interface SeedCatalog {
  /** Markets (ISO 3166-1 alpha-2) that have availabilities. */
  readonly markets: readonly string[];
  /** Currency per market; unknown markets use USD. */
  readonly currencies: Readonly<Record<string, { readonly code: string; readonly symbol: string }>>;
  readonly products: readonly SeedProduct[];
  readonly skus: readonly SeedSku[];
  /** Price changes over time (`SeedPriceChange`). @default none */
  readonly priceChanges?: readonly SeedPriceChange[];
  /**
   * Upgrade paths transitions may take (`transitionEligibilities`, scheduled SKU changes).
   * @default DEFAULT_UPGRADE_PATHS (Business Basic → Standard → Premium, Office 365 E3 →
   * Microsoft 365 E3), keeping those whose SKUs the catalog has
   */
  readonly upgradePaths?: readonly SeedUpgradePath[];
}

/** A SKU that may be upgraded to another (`productId:skuId` each), in the same market. */
export interface SeedUpgradePath {
  readonly from: string;
  readonly to: string;
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

/** One product/SKU/term/billing a promotion discounts (`requiredProducts[]` on the wire). */
export interface SeedPromotionProduct {
  readonly productId: string;
  readonly skuId: string;
  readonly termDuration: 'P1M' | 'P1Y' | 'P3Y';
  readonly billingCycle: 'monthly' | 'annual' | 'triennial';
  /** Percent off the unit price (0–100); rendered as a `PercentDiscount` fraction (`"0.05"`). */
  readonly percentDiscount: number;
}

/** A new-commerce promotion the sandbox lists and checks eligibility for (docs/sandbox.md). */
export interface SeedPromotion {
  /** Opaque; the docs print `39NFJQT1PJQB:0001:39NFJQT1Q5KN`. */
  readonly id: string;
  readonly name: string;
  readonly description?: string;
  /** Markets (ISO2) it runs in. @default every market one of its SKUs is sold in */
  readonly markets?: readonly string[];
  /** @default 'commercial' */
  readonly segment?: string;
  /** ISO instant. @default the seeding instant */
  readonly startDate?: string;
  /** ISO instant. @default 90 days after the start */
  readonly endDate?: string;
  /** `properties.isAutoApplicable`. @default false */
  readonly isAutoApplicable?: boolean;
  readonly products: readonly SeedPromotionProduct[];
  /** Seats a line must have at least / at most (`SeatCount` otherwise). */
  readonly minimumSeats?: number;
  readonly maximumSeats?: number;
  /**
   * Only for a customer that never had a subscription of the product (`FirstPurchase`
   * otherwise). @default false
   */
  readonly firstPurchaseOnly?: boolean;
}

export interface SandboxSeed {
  /** @default the default catalog */
  readonly catalog?: SeedCatalog;
  readonly customers: readonly SeedCustomer[];
  /** Promotions (`GET /v1/productpromotions`). @default none */
  readonly promotions?: readonly SeedPromotion[];
  /**
   * Price changes over time, added after the catalog's own `priceChanges` (so a seed that keeps
   * the default catalog can still raise a price). @default none
   */
  readonly priceChanges?: readonly SeedPriceChange[];
}
