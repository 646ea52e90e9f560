import type {
  ActionCost,
  LiveSubscription,
  PlanAction,
  PriceBook,
  PromotionOffer,
  PurchaseAction,
} from '../model/index.js';
import { scheduledCost, seatChangeCost, upgradeCost } from './price-changes.js';
import { chargePeriod, cycleMonths, cycleShare, roundMoney, termMonths } from './billing-cycle.js';

/** What pricing one customer's actions needs. */
export interface PricingContext {
  readonly prices: PriceBook;
  /** The customer's market: its upper-case country. */
  readonly market: string;
  readonly subscriptions: ReadonlyMap<string, LiveSubscription>;
  readonly now: Date;
}

/** The key of `PlanInput.promotions`: one purchase shape of one customer. */
export function promotionKey(
  customerId: string,
  productId: string,
  skuId: string,
  term: string | undefined,
  billing: string,
): string {
  return [customerId, productId, skuId, term ?? '', billing].join('/').toUpperCase();
}

/** A purchase with its resolved `customTermEndDate` (`coterm`), if any; others unchanged. */
export function withCoterm(
  action: PlanAction,
  coterms: ReadonlyMap<string, string> | undefined,
): PlanAction {
  if (action.kind !== 'purchase' || coterms === undefined) return action;
  const date = coterms.get(`${action.customerId}/${action.item}`);
  return date === undefined ? action : { ...action, customTermEndDate: date };
}

/** A purchase with the promotion found for its shape, if any; other actions unchanged. */
export function withPromotion(
  action: PlanAction,
  promotions: ReadonlyMap<string, PromotionOffer> | undefined,
): PlanAction {
  if (action.kind !== 'purchase' || promotions === undefined) return action;
  const { after } = action;
  const offer = promotions.get(
    promotionKey(action.customerId, after.productId, after.skuId, after.term, after.billing),
  );
  return offer === undefined ? action : { ...action, promotion: offer };
}

/** Kinds that move money and are counted as unpriced when no price is known. */
export function isMoneyAction(action: PlanAction): boolean {
  return action.kind !== 'set-autorenew' && action.kind !== 'register-azure-subscription';
}

/**
 * The action with its `cost` (docs/money.md), or unchanged when its price is unknown or it moves
 * no money. Amounts follow the price sheet's `UnitPrice` (one unit, one billing charge).
 */
export function priceAction(action: PlanAction, ctx: PricingContext): PlanAction {
  const cost = costOf(action, ctx);
  return cost === undefined ? action : { ...action, cost };
}

function costOf(action: PlanAction, ctx: PricingContext): ActionCost | undefined {
  switch (action.kind) {
    case 'purchase':
      return purchaseCost(action, ctx);
    case 'increase-quantity':
    case 'decrease-quantity': {
      const delta = action.after.quantity - action.before.quantity;
      return seatChangeCost(ctx, action.subscriptionId, delta, action.after.quantity);
    }
    case 'cancel':
      return seatChangeCost(ctx, action.subscriptionId, -action.before.quantity, 0);
    case 'schedule-decrease':
    case 'schedule-change':
      return scheduledCost(action, ctx);
    case 'upgrade':
      return upgradeCost(action, ctx);
    default:
      return undefined;
  }
}

function purchaseCost(action: PurchaseAction, ctx: PricingContext): ActionCost | undefined {
  const { after } = action;
  const quote = ctx.prices.quote(
    {
      market: ctx.market,
      productId: after.productId,
      skuId: after.skuId,
      ...(after.term === undefined ? {} : { termDuration: after.term }),
      billingCycle: after.billing,
      quantity: after.quantity,
    },
    'current',
    ctx.now,
  );
  if (quote === undefined) return undefined;
  const months = cycleMonths(after.billing, after.term);
  const oneTime = after.billing === 'one_time';
  const charges = oneTime ? 1 : (termMonths(after.term) ?? months) / months;
  const { currency } = quote;
  const discount = action.promotion?.percentDiscount ?? 0;
  const unit =
    discount > 0 ? discountedUnitPrice(quote.unitPrice, discount, currency) : quote.unitPrice;
  const first = firstTerm(action, months, charges, ctx.now);
  const commitment = roundMoney(unit * after.quantity * first.cycles, currency);
  return {
    currency,
    unitPrice: quote.unitPrice,
    per: oneTime && after.term === undefined ? 'once' : chargePeriod(months),
    // A one-time purchase is paid once: it does not move the monthly run rate.
    monthlyDelta: oneTime ? 0 : roundMoney((unit * after.quantity) / months, currency),
    commitment,
    charge: roundMoney(unit * after.quantity * first.charge, currency),
    ...(discount > 0
      ? {
          promotionSaving: roundMoney(
            quote.unitPrice * after.quantity * charges - commitment,
            currency,
          ),
        }
      : {}),
    source: quote.source,
  };
}

/**
 * A co-termed purchase's first term is shorter (docs/money.md): its billing cycles run back from
 * the custom end like a live subscription's, so the first cycle is the short one — the charge is
 * that cycle's share `f`, the commitment `f` plus the whole cycles after it. Otherwise the whole
 * term: `charges` cycles, the first in full.
 */
function firstTerm(
  action: PurchaseAction,
  months: number,
  charges: number,
  now: Date,
): { charge: number; cycles: number } {
  if (action.customTermEndDate === undefined) return { charge: 1, cycles: charges };
  const share = cycleShare(action.customTermEndDate, months, now);
  return { charge: share.fraction, cycles: share.fraction + share.cyclesAfter };
}

/** A promotion's unit price: the list price less the percentage, rounded to the minor unit. */
export function discountedUnitPrice(unitPrice: number, percent: number, currency: string): number {
  return roundMoney(unitPrice * (1 - percent / 100), currency);
}
