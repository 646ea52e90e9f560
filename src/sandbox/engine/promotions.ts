import { PROMOTION_OWNER } from '../seed/apply-promotions.js';
import type { SeedPromotionProduct } from '../seed/seed-types.js';
import type { CartLineError, CustomerRecord, PromotionRecord } from '../store/records.js';
import type { SandboxContext } from './context.js';
import { lineError } from './reservation-lines.js';

/** Cart line-item error `InvalidPromotionId` ([SDK:…/Carts/Enums/CartErrorCode.cs]). */
export const INVALID_PROMOTION_ID = 10014;

/** What an eligibility check reads of a request item or a cart line. */
export interface EligibilityItem {
  readonly catalogItemId: string;
  readonly quantity: number;
  readonly termDuration?: string;
  /** Lower snake_case. */
  readonly billingCycle: string;
  readonly promotionId: string;
}

/** Why a line is not eligible; `type` as the promotion-resources table spells it. */
export interface Ineligibility {
  readonly type:
    'InvalidPromotion' | 'InvalidCatalogItemId' | 'Term' | 'SeatCount' | 'FirstPurchase';
  readonly description: string;
  readonly minimumSeats?: number;
  readonly maximumSeats?: number;
  readonly eligibleTerms?: readonly { readonly duration: string; readonly billingCycle: string }[];
}

export interface EligibilityOutcome {
  readonly errors: readonly Ineligibility[];
  /** The promotion product the line matched, when eligible. */
  readonly product?: SeedPromotionProduct;
}

/** The promotion with this id (any case, surrounding spaces ignored), when it runs in `country`. */
export function findPromotion(
  ctx: SandboxContext,
  promotionId: string,
  country: string,
): PromotionRecord | undefined {
  const record = ctx.store.get('promotion', PROMOTION_OWNER, promotionId.trim().toLowerCase());
  return record?.markets.includes(country.toUpperCase()) === true ? record : undefined;
}

/** Promotions of `country` and `segment` running at `now` (start ≤ now ≤ end). */
export function runningPromotions(
  ctx: SandboxContext,
  country: string,
  segment: string,
  now: Date,
): PromotionRecord[] {
  return ctx.store
    .list('promotion', PROMOTION_OWNER)
    .filter(
      (p) =>
        p.markets.includes(country.toUpperCase()) &&
        p.segment === segment.toLowerCase() &&
        isRunning(p, now),
    );
}

const isRunning = (p: PromotionRecord, now: Date): boolean =>
  new Date(p.startDate) <= now && now <= new Date(p.endDate);

/**
 * The sandbox's eligibility rule (docs/sandbox.md "Promotions"): the promotion must exist in
 * the customer's market and run now by the sandbox clock (`InvalidPromotion`); the catalog item
 * must be sold in that market and be one of the promotion's products (`InvalidCatalogItemId`);
 * then every failed condition is reported: the quantity within its seat range (`SeatCount`),
 * the term and billing cycle one the promotion lists for that SKU (`Term`, with the eligible
 * terms), and a first-purchase-only promotion needs a customer that never had a subscription
 * of the product, whatever its status (`FirstPurchase`).
 */
export function checkEligibility(
  ctx: SandboxContext,
  customer: CustomerRecord,
  item: EligibilityItem,
): EligibilityOutcome {
  const promotion = findPromotion(ctx, item.promotionId, customer.country);
  if (promotion === undefined || !isRunning(promotion, ctx.clock.now())) {
    const description = `Promotion ${item.promotionId.trim()} is not running in ${customer.country}.`;
    return { errors: [{ type: 'InvalidPromotion', description }] };
  }
  const entry = ctx.catalog.byCatalogItemId(item.catalogItemId);
  const sameSku = (p: SeedPromotionProduct): boolean =>
    entry !== undefined &&
    p.productId.toUpperCase() === entry.product.id.toUpperCase() &&
    p.skuId.toUpperCase() === entry.sku.id.toUpperCase();
  const products = promotion.products.filter(sameSku);
  if (
    entry === undefined ||
    entry.country !== customer.country.toUpperCase() ||
    products.length === 0
  ) {
    const description = `Catalog item ${item.catalogItemId} is not part of promotion ${promotion.id} in ${customer.country}.`;
    return { errors: [{ type: 'InvalidCatalogItemId', description }] };
  }
  // Reported in the order of the documented example: SeatCount, Term, FirstPurchase.
  const errors: Ineligibility[] = [];
  const { minimumSeats: min, maximumSeats: max } = promotion;
  if ((min !== undefined && item.quantity < min) || (max !== undefined && item.quantity > max)) {
    errors.push({
      type: 'SeatCount',
      description: `Promotion ${promotion.id} needs ${min ?? 1} to ${max ?? 'any number of'} seats.`,
      ...(min === undefined ? {} : { minimumSeats: min }),
      ...(max === undefined ? {} : { maximumSeats: max }),
    });
  }
  const product = products.find(
    (p) =>
      p.termDuration === item.termDuration?.toUpperCase() && p.billingCycle === item.billingCycle,
  );
  if (product === undefined) {
    errors.push({
      type: 'Term',
      description: `Promotion ${promotion.id} applies to other terms of this SKU.`,
      eligibleTerms: products.map((p) => ({
        duration: p.termDuration,
        billingCycle: p.billingCycle,
      })),
    });
  }
  if (promotion.firstPurchaseOnly && hadProduct(ctx, customer, entry.product.id)) {
    errors.push({
      type: 'FirstPurchase',
      description: `Promotion ${promotion.id} is for a first purchase of ${entry.product.id}.`,
    });
  }
  return errors.length === 0 && product !== undefined ? { errors, product } : { errors };
}

function hadProduct(ctx: SandboxContext, customer: CustomerRecord, productId: string): boolean {
  const id = productId.toUpperCase();
  return ctx.store.list('subscription', customer.id).some((s) => s.productId.toUpperCase() === id);
}

/** A cart line's `promotionId` that is unknown or not eligible: error `10014`. */
export function cartLinePromotionError(
  ctx: SandboxContext,
  customer: CustomerRecord,
  line: Omit<EligibilityItem, 'promotionId'> & { readonly promotionId?: string },
): CartLineError | undefined {
  if (line.promotionId === undefined) return undefined;
  const { errors } = checkEligibility(ctx, customer, { ...line, promotionId: line.promotionId });
  if (errors.length === 0) return undefined;
  return lineError(
    INVALID_PROMOTION_ID,
    `Promotion ${line.promotionId} cannot be applied: ${errors.map((e) => `${e.type} (${e.description})`).join('; ')}`,
  );
}

/** What an order line remembers of its (eligible) promotion. */
export function orderLinePromotion(
  ctx: SandboxContext,
  customer: CustomerRecord,
  line: Omit<EligibilityItem, 'promotionId'> & { readonly promotionId?: string },
): { readonly id: string; readonly percentDiscount: number } | undefined {
  if (line.promotionId === undefined) return undefined;
  const { product } = checkEligibility(ctx, customer, { ...line, promotionId: line.promotionId });
  const promotion = findPromotion(ctx, line.promotionId, customer.country);
  return product === undefined || promotion === undefined
    ? undefined
    : { id: promotion.id, percentDiscount: product.percentDiscount };
}
