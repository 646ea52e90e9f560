import type { Ineligibility } from '../engine/promotions.js';
import type { SandboxDialect } from '../options.js';
import type { PromotionRecord } from '../store/records.js';
import type { JsonObject } from '../wire.js';
import { pascalEnum } from './enum-case.js';

/** `2021-09-23T00:00:00+00:00`, as the documented promotions print their dates. */
function offsetInstant(isoText: string): string {
  return isoText.replace(/\.\d+Z$|Z$/, '+00:00');
}

const cycle = (value: string, dialect: SandboxDialect): string =>
  dialect === 'documented' ? pascalEnum(value) : value;

/**
 * A ProductPromotion as get-promotions / get-promotion-by-id print it
 * (test/wire/corpus/promotions): `pricingPolicies[]` of `{policyType: "PercentDiscount",
 * value: "0.05"}` (a fraction, as a string), `term.billingCycle` PascalCase and dates with a
 * `+00:00` offset in the `documented` dialect; the `extended` dialect writes lower-case cycles,
 * `Z` instants and `attributes.objectType` (the SDK's ResourceBase).
 */
export function renderPromotion(record: PromotionRecord, dialect: SandboxDialect): JsonObject {
  const documented = dialect === 'documented';
  const instant = (value: string): string => (documented ? offsetInstant(value) : value);
  return {
    id: record.id,
    name: record.name,
    description: record.description,
    startDate: instant(record.startDate),
    endDate: instant(record.endDate),
    properties: { isAutoApplicable: record.isAutoApplicable },
    requiredProducts: record.products.map((p) => ({
      productId: p.productId,
      skuId: p.skuId,
      term: { duration: p.termDuration, billingCycle: cycle(p.billingCycle, dialect) },
      pricingPolicies: [
        {
          policyType: 'PercentDiscount',
          value: String(Number((p.percentDiscount / 100).toFixed(6))),
        },
      ],
    })),
    ...(documented ? {} : { attributes: { objectType: 'ProductPromotion' } }),
  };
}

/** One item of a promotionEligibilities answer: the request item and its one eligibility. */
export interface EligibilityAnswer {
  readonly catalogItemId: string;
  readonly quantity: number;
  readonly termDuration?: string;
  readonly billingCycle: string;
  readonly promotionId: string;
  readonly errors: readonly Ineligibility[];
}

/**
 * A PromotionEligibilities item as verify-promotion-eligibility prints it. Error details use the
 * example's names (`minRequiredSeats`, `maxRequiredSeats`, `eligibleTerms`) and its `FirstPurchase`
 * type; the `extended` dialect adds each error's `description` and the resource table's and the
 * SDK's names (`minimumRequiredSeats`, `maximumRequiredSeats`) and spells that type
 * `OfferPurchasedPreviously`, as the table does.
 */
export function renderEligibility(answer: EligibilityAnswer, dialect: SandboxDialect): JsonObject {
  return {
    catalogItemId: answer.catalogItemId,
    quantity: answer.quantity,
    ...(answer.termDuration === undefined ? {} : { termDuration: answer.termDuration }),
    billingCycle: cycle(answer.billingCycle, dialect),
    eligibilities: [
      {
        promotionId: answer.promotionId,
        isEligible: answer.errors.length === 0,
        errors: answer.errors.map((error) => renderError(error, dialect)),
      },
    ],
    attributes: { objectType: 'PromotionEligibilities' },
  };
}

function renderError(error: Ineligibility, dialect: SandboxDialect): JsonObject {
  const extended = dialect === 'extended';
  const type = extended && error.type === 'FirstPurchase' ? 'OfferPurchasedPreviously' : error.type;
  const seats = (documented: string, sdk: string, value: number | undefined): JsonObject =>
    value === undefined ? {} : { [documented]: value, ...(extended ? { [sdk]: value } : {}) };
  return {
    type,
    ...seats('minRequiredSeats', 'minimumRequiredSeats', error.minimumSeats),
    ...seats('maxRequiredSeats', 'maximumRequiredSeats', error.maximumSeats),
    ...(error.eligibleTerms === undefined
      ? {}
      : {
          eligibleTerms: error.eligibleTerms.map((t) => ({
            duration: t.duration,
            billingCycle: cycle(t.billingCycle, dialect),
          })),
        }),
    ...(extended ? { description: error.description } : {}),
  };
}
