import {
  matchPromotionProduct,
  toPromotionOffer,
  type Promotion,
  type PromotionEligibility,
  type PromotionEligibilityQuery,
  type PromotionOffer,
  type PurchaseAction,
} from '../../model/index.js';
import { mapConcurrent } from '../../support/index.js';
import type { PromotionsPort } from '../ports.js';

/** What a purchase needs to be checked for promotions. */
export type PromotionCandidate = Pick<
  PurchaseAction,
  'key' | 'customerId' | 'customerName' | 'item' | 'country' | 'after' | 'catalogItemId'
>;

/** The promotions found for a plan's purchases. */
export interface PromotionLookup {
  /** Per purchase action key: the best promotion the customer is eligible for. */
  readonly offers: ReadonlyMap<string, PromotionOffer>;
  /** For humans: promotions that could not be read or checked, and lines found ineligible. */
  readonly notes: readonly string[];
}

/** Customers checked at once (the eligibility POST allows 625 requests/min per partner). */
const CUSTOMER_CONCURRENCY = 4;

interface Check {
  readonly action: PromotionCandidate;
  readonly promotion: Promotion;
  readonly query: PromotionEligibilityQuery;
  readonly offer: PromotionOffer;
}

/**
 * Finds, per purchase, the promotion Partner Center lists for its product, SKU, term and
 * billing cycle and finds the customer eligible for: the promotions of each country are listed
 * once, then one eligibility POST per customer carries the matching lines only (purchases
 * without a term, or matching no promotion, cost no call). Of several eligible promotions the
 * one with the largest percentage wins. Tolerant: a list or eligibility call that fails gives
 * those purchases no promotion and a note; it never throws.
 */
export async function findPromotions(
  port: PromotionsPort | undefined,
  actions: readonly PromotionCandidate[],
): Promise<PromotionLookup> {
  const offers = new Map<string, PromotionOffer>();
  const notes: string[] = [];
  if (port === undefined || actions.length === 0) return { offers, notes };
  const byCountry = await listByCountry(port, actions, notes);
  const checks = actions.flatMap((action) => checksFor(action, byCountry.get(action.country)));
  const byCustomer = new Map<string, Check[]>();
  for (const check of checks)
    byCustomer.set(check.action.customerId, [
      ...(byCustomer.get(check.action.customerId) ?? []),
      check,
    ]);
  await mapConcurrent([...byCustomer.values()], CUSTOMER_CONCURRENCY, async (group) => {
    const first = group[0]!.action;
    let results: readonly PromotionEligibility[];
    try {
      results = await port.verifyEligibility(
        first.customerId,
        group.map((c) => c.query),
      );
    } catch (error) {
      notes.push(
        `${first.customerName} (${first.customerId}): promotion eligibility could not be checked (${message(error)}); no promotion applied`,
      );
      return;
    }
    for (const check of group) {
      const result = results.find((r) => answers(r, check.query));
      if (result?.isEligible === true) {
        const best = offers.get(check.action.key);
        if ((best?.percentDiscount ?? -1) < (check.offer.percentDiscount ?? 0))
          offers.set(check.action.key, check.offer);
      } else {
        const why =
          result === undefined
            ? 'Partner Center gave no answer for it'
            : result.errors.map((e) => e.type).join(', ') || 'not eligible';
        notes.push(
          `${check.action.customerName} ${check.action.item}: not eligible for promotion ${check.promotion.name || check.promotion.id} (${why})`,
        );
      }
    }
  });
  return { offers, notes };
}

async function listByCountry(
  port: PromotionsPort,
  actions: readonly PromotionCandidate[],
  notes: string[],
): Promise<Map<string, readonly Promotion[]>> {
  const countries = [...new Set(actions.map((a) => a.country))].sort();
  const out = new Map<string, readonly Promotion[]>();
  for (const country of countries) {
    try {
      out.set(country, await port.list(country));
    } catch (error) {
      notes.push(
        `promotions for ${country} could not be read (${message(error)}); no promotion applied there`,
      );
    }
  }
  return out;
}

function checksFor(
  action: PromotionCandidate,
  promotions: readonly Promotion[] | undefined,
): Check[] {
  const term = action.after.term;
  if (promotions === undefined || term === undefined) return [];
  return promotions.flatMap((promotion) => {
    const product = matchPromotionProduct(promotion, {
      productId: action.after.productId,
      skuId: action.after.skuId,
      termDuration: term,
      billingCycle: action.after.billing,
    });
    if (product === undefined) return [];
    const query: PromotionEligibilityQuery = {
      catalogItemId: action.catalogItemId,
      quantity: action.after.quantity,
      termDuration: term,
      billingCycle: action.after.billing,
      promotionId: promotion.id,
    };
    return [{ action, promotion, query, offer: toPromotionOffer(promotion, product) }];
  });
}

/** Whether `result` answers `query`: same catalog item and promotion, and the same line values it echoes. */
function answers(result: PromotionEligibility, query: PromotionEligibilityQuery): boolean {
  const same = (a: string | undefined, b: string): boolean =>
    a === undefined || a.trim().toUpperCase() === b.trim().toUpperCase();
  return (
    same(result.catalogItemId, query.catalogItemId) &&
    same(result.promotionId, query.promotionId) &&
    same(result.termDuration, query.termDuration) &&
    same(result.billingCycle, query.billingCycle) &&
    (result.quantity === undefined || result.quantity === query.quantity)
  );
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
