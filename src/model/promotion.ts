import type { PromotionOffer } from './plan.js';

/**
 * New-commerce promotions as the agent sees them (docs/partner-center-api.md "Promotions"): what
 * `GET /v1/productpromotions?country=&segment=` lists, and what
 * `POST /v1/customers/{id}/promotionEligibilities` answers. Enum values are normalised as the
 * rest of the model has them: billing cycles lower snake_case (`annual`), terms upper-case.
 */

/** One product/SKU/term/billing a promotion applies to, and its discount there. */
export interface PromotionProduct {
  readonly productId: string;
  readonly skuId: string;
  /** ISO 8601 duration, upper-case (`P1Y`); absent when the promotion names none. */
  readonly termDuration?: string;
  /** Lower snake_case (`annual`, `monthly`); absent when the promotion names none. */
  readonly billingCycle?: string;
  /** Percent off the unit price (0–100) of a `PercentDiscount` pricing policy. */
  readonly percentDiscount?: number;
  /** Every pricing policy as sent (`type` e.g. `PercentDiscount`, `value` as printed, e.g. `"0.05"`). */
  readonly pricingPolicies: readonly { readonly type: string; readonly value: string }[];
}

export interface Promotion {
  /** Opaque, `:`-delimited (`39NFJQT1PJQB:0001:39NFJQT1Q5KN`); compared case-insensitively. */
  readonly id: string;
  readonly name: string;
  readonly description?: string;
  /** ISO instants (UTC); the list answers only promotions running now. */
  readonly startDate?: string;
  readonly endDate?: string;
  /** The market the promotion was listed for (upper-case ISO2). */
  readonly country: string;
  /** The segment asked for (`commercial`). */
  readonly segment?: string;
  /** Partner Center applies it without a `promotionId` on the cart line. */
  readonly isAutoApplicable?: boolean;
  readonly requiredProducts: readonly PromotionProduct[];
}

/** One would-be cart line to check against one promotion. */
export interface PromotionEligibilityQuery {
  /** `productId:skuId:availabilityId`. */
  readonly catalogItemId: string;
  readonly quantity: number;
  readonly termDuration: string;
  /** Lower snake_case; sent PascalCase as the documented request does. */
  readonly billingCycle: string;
  readonly promotionId: string;
}

/** Why a line is not eligible (`errors[].type` on the wire, normalised). */
export interface PromotionIneligibility {
  /** The wire `type` as sent (`SeatCount`, `Term`, `FirstPurchase`, `OfferPurchasedPreviously`, …). */
  readonly type: string;
  readonly description?: string;
  readonly minimumSeats?: number;
  readonly maximumSeats?: number;
  readonly eligibleTerms?: readonly {
    readonly termDuration: string;
    readonly billingCycle: string;
  }[];
}

/** The answer for one query (one line, one promotion). */
export interface PromotionEligibility {
  readonly catalogItemId: string;
  readonly quantity?: number;
  readonly termDuration?: string;
  readonly billingCycle?: string;
  readonly promotionId: string;
  readonly isEligible: boolean;
  readonly errors: readonly PromotionIneligibility[];
}

/** What a purchase needs to find its promotion. */
export interface PromotionTarget {
  readonly productId: string;
  readonly skuId: string;
  readonly termDuration?: string;
  readonly billingCycle: string;
}

/** The required product of `promotion` that `target` matches (ids case-insensitive), if any. */
export function matchPromotionProduct(
  promotion: Promotion,
  target: PromotionTarget,
): PromotionProduct | undefined {
  const same = (a: string | undefined, b: string | undefined): boolean =>
    a === undefined || b === undefined || a.toUpperCase() === b.toUpperCase();
  return promotion.requiredProducts.find(
    (p) =>
      p.productId.toUpperCase() === target.productId.toUpperCase() &&
      p.skuId.toUpperCase() === target.skuId.toUpperCase() &&
      same(p.termDuration, target.termDuration) &&
      same(p.billingCycle, target.billingCycle),
  );
}

/** The plan's view of a promotion for one product (`PurchaseAction.promotion`). */
export function toPromotionOffer(promotion: Promotion, product: PromotionProduct): PromotionOffer {
  return {
    id: promotion.id,
    ...(promotion.name === '' ? {} : { name: promotion.name }),
    ...(product.percentDiscount === undefined ? {} : { percentDiscount: product.percentDiscount }),
    ...(promotion.endDate === undefined ? {} : { endDate: promotion.endDate }),
  };
}
