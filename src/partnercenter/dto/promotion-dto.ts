import type { AttributesDto, WireEnum } from './common-dto.js';

/**
 * Promotion wire shapes (docs/partner-center-api.md "Promotions"; examples in
 * test/wire/corpus/promotions). Names after key normalisation; every field optional because the
 * mappers check them. Where the documented example and the resource table disagree, both
 * spellings are listed.
 */

export interface PromotionPricingPolicyDto {
  /** The example's name. */
  readonly policyType?: string;
  /** The promotion-resources table's name. */
  readonly type?: string;
  /** A string in the example (`"0.05"`: a fraction, 5 %). */
  readonly value?: string | number;
}

export interface PromotionRequiredProductDto {
  readonly productId?: string;
  readonly skuId?: string;
  readonly term?: { readonly duration?: string; readonly billingCycle?: WireEnum };
  readonly pricingPolicies?: readonly PromotionPricingPolicyDto[];
}

/** ProductPromotion ([SDK:Source/PartnerSdk.Models/Products/ProductPromotion.cs]). */
export interface PromotionDto {
  readonly id?: string;
  readonly name?: string;
  readonly description?: string;
  readonly startDate?: string;
  readonly endDate?: string;
  readonly properties?: { readonly isAutoApplicable?: boolean | string };
  readonly requiredProducts?: readonly PromotionRequiredProductDto[];
  readonly attributes?: AttributesDto;
}

export interface PromotionEligibilityErrorDto {
  readonly type?: string;
  readonly description?: string;
  /** The example's spelling. */
  readonly minRequiredSeats?: number | null;
  readonly maxRequiredSeats?: number | null;
  /** The resource table's and the .NET SDK's spelling. */
  readonly minimumRequiredSeats?: number | null;
  readonly maximumRequiredSeats?: number | null;
  readonly eligibleTerms?: readonly {
    readonly duration?: string;
    readonly billingCycle?: WireEnum;
  }[];
}

export interface PromotionEligibilitiesDto {
  readonly id?: number;
  readonly catalogItemId?: string;
  readonly quantity?: number;
  readonly termDuration?: string;
  readonly billingCycle?: WireEnum;
  readonly eligibilities?: readonly {
    readonly promotionId?: string;
    readonly isEligible?: boolean | string;
    readonly errors?: readonly PromotionEligibilityErrorDto[];
  }[];
}
