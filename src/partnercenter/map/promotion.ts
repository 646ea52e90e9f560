import type {
  Promotion,
  PromotionEligibility,
  PromotionIneligibility,
  PromotionProduct,
} from '../../model/index.js';
import type {
  PromotionDto,
  PromotionEligibilitiesDto,
  PromotionEligibilityErrorDto,
  PromotionRequiredProductDto,
} from '../dto/promotion-dto.js';
import { BILLING_CYCLE_VALUES, enumText } from './enum-text.js';
import {
  arrayOf,
  asRecord,
  compact,
  optBoolean,
  optInstant,
  optNumber,
  optString,
  reqString,
} from './wire-read.js';

/** The pricing policy whose value is a fraction off the price (docs: `"0.05"`). */
const PERCENT_POLICY = 'percentdiscount';

/**
 * Maps a ProductPromotion (get-promotions, get-promotion-by-id). `country`/`segment` are the
 * query's: the resource does not carry them. A `PercentDiscount` value is a fraction
 * (`"0.05"` → 5 %); a value outside 0..1, or another policy type, is kept in
 * `pricingPolicies` only.
 */
export function mapPromotion(body: unknown, country: string, segment?: string): Promotion {
  const dto = asRecord(body, 'promotion') as PromotionDto;
  return {
    id: reqString(dto.id, 'promotion.id').trim(),
    name: optString(dto.name) ?? '',
    country: country.toUpperCase(),
    requiredProducts: arrayOf(dto.requiredProducts).map((p) =>
      mapRequiredProduct(asRecord(p, 'promotion.requiredProducts[]')),
    ),
    ...compact({
      description: optString(dto.description),
      startDate: optInstant(dto.startDate, 'promotion.startDate'),
      endDate: optInstant(dto.endDate, 'promotion.endDate'),
      segment,
      isAutoApplicable: optBoolean(dto.properties?.isAutoApplicable),
    }),
  };
}

function mapRequiredProduct(dto: PromotionRequiredProductDto): PromotionProduct {
  const pricingPolicies = arrayOf(dto.pricingPolicies).map((policy) => ({
    type: optString(policy.policyType) ?? optString(policy.type) ?? '',
    value: optString(policy.value) ?? '',
  }));
  const percent = pricingPolicies
    .filter((policy) => policy.type.toLowerCase() === PERCENT_POLICY)
    .map((policy) => optNumber(policy.value))
    .find((fraction) => fraction !== undefined && fraction >= 0 && fraction <= 1);
  return {
    productId: reqString(dto.productId, 'promotion.requiredProducts[].productId'),
    skuId: reqString(dto.skuId, 'promotion.requiredProducts[].skuId'),
    pricingPolicies,
    ...compact({
      termDuration: optString(dto.term?.duration)?.toUpperCase(),
      billingCycle: enumText(dto.term?.billingCycle, BILLING_CYCLE_VALUES),
      percentDiscount: percent === undefined ? undefined : Math.round(percent * 1e6) / 1e4,
    }),
  };
}

/** Maps one PromotionEligibilities item into one result per promotion it was checked for. */
export function mapPromotionEligibilities(body: unknown): PromotionEligibility[] {
  const dto = asRecord(body, 'promotionEligibilities') as PromotionEligibilitiesDto;
  const catalogItemId = reqString(dto.catalogItemId, 'promotionEligibilities.catalogItemId');
  return arrayOf(dto.eligibilities).map((raw) => {
    const eligibility = asRecord(raw, 'promotionEligibilities.eligibilities[]') as NonNullable<
      PromotionEligibilitiesDto['eligibilities']
    >[number];
    return {
      catalogItemId,
      promotionId: reqString(
        eligibility.promotionId,
        'promotionEligibilities.eligibilities[].promotionId',
      ).trim(),
      isEligible: optBoolean(eligibility.isEligible) ?? false,
      errors: arrayOf(eligibility.errors).map((e) =>
        mapIneligibility(asRecord(e, 'eligibilities[].errors[]')),
      ),
      ...compact({
        quantity: optNumber(dto.quantity),
        termDuration: optString(dto.termDuration)?.toUpperCase(),
        billingCycle: enumText(dto.billingCycle, BILLING_CYCLE_VALUES),
      }),
    };
  });
}

function mapIneligibility(dto: PromotionEligibilityErrorDto): PromotionIneligibility {
  const terms =
    dto.eligibleTerms === undefined
      ? undefined
      : arrayOf(dto.eligibleTerms).map((raw) => {
          const term = asRecord(raw, 'eligibilities[].errors[].eligibleTerms[]') as NonNullable<
            PromotionEligibilityErrorDto['eligibleTerms']
          >[number];
          return {
            termDuration: (optString(term.duration) ?? '').toUpperCase(),
            billingCycle: enumText(term.billingCycle, BILLING_CYCLE_VALUES) ?? '',
          };
        });
  return {
    type: optString(dto.type) ?? 'Unknown',
    ...compact({
      description: optString(dto.description),
      minimumSeats: optNumber(dto.minRequiredSeats) ?? optNumber(dto.minimumRequiredSeats),
      maximumSeats: optNumber(dto.maxRequiredSeats) ?? optNumber(dto.maximumRequiredSeats),
      eligibleTerms: terms,
    }),
  };
}
