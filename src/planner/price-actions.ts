import type {
  ActionCost,
  LiveSubscription,
  PlanAction,
  PriceBook,
  PriceQuote,
  PromotionOffer,
  PurchaseAction,
} from '../model/index.js';
import {
  chargePeriod,
  cycleMonths,
  cycleShare,
  roundMoney,
  termEnd,
  termMonths,
} from './billing-cycle.js';

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

/**
 * An immediate seat change of `delta` (negative: seats removed, a cancel removes them all):
 * charged or refunded for the days left in the current cycle; the commitment adds the cycles
 * after it until the term ends.
 */
function seatChangeCost(
  ctx: PricingContext,
  subscriptionId: string,
  delta: number,
  quantityAfter: number,
): ActionCost | undefined {
  const sub = ctx.subscriptions.get(subscriptionId);
  if (sub === undefined) return undefined;
  const quote = quoteLive(sub, ctx, Math.max(quantityAfter, sub.quantity), 'current', ctx.now);
  if (quote === undefined) return undefined;
  const { currency } = quote;
  const months = cycleMonths(sub.billingCycle, sub.termDuration);
  const share = cycleShare(sub.commitmentEndDate, months, ctx.now);
  const seats = Math.abs(delta);
  const sign = delta < 0 ? -1 : 1;
  const now = roundMoney(quote.unitPrice * seats * share.fraction, currency);
  const rest = roundMoney(quote.unitPrice * seats * share.cyclesAfter, currency);
  return {
    currency,
    unitPrice: quote.unitPrice,
    per: chargePeriod(months),
    monthlyDelta: roundMoney((sign * quote.unitPrice * seats) / months, currency),
    commitment: roundMoney(sign * (now + rest), currency),
    charge: roundMoney(sign * now, currency),
    ...(sign < 0 ? { refund: now } : {}),
    source: quote.source,
  };
}

/**
 * A change at renewal: nothing is charged or committed now; the monthly run rate moves from the
 * renewal date, at the next term's price: the `future` sheet (next month's prices, quoted on the
 * first of next month) for a renewal from next month on, else today's.
 */
function scheduledCost(
  action: Extract<PlanAction, { kind: 'schedule-decrease' | 'schedule-change' }>,
  ctx: PricingContext,
): ActionCost | undefined {
  const sub = ctx.subscriptions.get(action.subscriptionId);
  if (sub === undefined) return undefined;
  const current = quoteLive(sub, ctx, sub.quantity, 'current', ctx.now);
  if (current === undefined) return undefined;
  const renewal = termEnd(action.effectiveAt) ?? ctx.now;
  const { nextTerm } = action;
  // The future sheet holds next month's prices: a renewal this month renews at today's.
  const nextMonth = new Date(Date.UTC(ctx.now.getUTCFullYear(), ctx.now.getUTCMonth() + 1, 1));
  const nextQuote =
    renewal < nextMonth
      ? undefined
      : ctx.prices.quote(
          {
            market: ctx.market,
            productId: nextTerm.productId,
            skuId: nextTerm.skuId,
            termDuration: nextTerm.termDuration,
            billingCycle: nextTerm.billingCycle,
            quantity: action.after.quantity,
          },
          'future',
          nextMonth,
        );
  const next = nextQuote?.currency === current.currency ? nextQuote : undefined;
  const { currency } = current;
  const months = cycleMonths(sub.billingCycle, sub.termDuration);
  const nextMonths = cycleMonths(nextTerm.billingCycle, nextTerm.termDuration);
  const nextUnit = next?.unitPrice ?? current.unitPrice;
  const before = (current.unitPrice * action.before.quantity) / months;
  const after = (nextUnit * action.after.quantity) / nextMonths;
  return {
    currency,
    unitPrice: current.unitPrice,
    per: chargePeriod(months),
    monthlyDelta: roundMoney(after - before, currency),
    commitment: 0,
    charge: 0,
    ...(next !== undefined && next.unitPrice !== current.unitPrice
      ? { next: { unitPrice: next.unitPrice, source: next.source } }
      : {}),
    source: current.source,
  };
}

/**
 * An immediate upgrade: the seats move to the target's price for the rest of the term; the
 * difference is charged for the days left in the cycle and committed to the term's end.
 */
function upgradeCost(
  action: Extract<PlanAction, { kind: 'upgrade' }>,
  ctx: PricingContext,
): ActionCost | undefined {
  const sub = ctx.subscriptions.get(action.subscriptionId);
  if (sub === undefined) return undefined;
  const from = quoteLive(sub, ctx, sub.quantity, 'current', ctx.now);
  const to = ctx.prices.quote(
    {
      market: ctx.market,
      productId: action.after.productId,
      skuId: action.after.skuId,
      termDuration: action.termDuration,
      billingCycle: action.billingCycle,
      quantity: action.after.quantity,
    },
    'current',
    ctx.now,
  );
  if (from === undefined || to?.currency !== from.currency) return undefined;
  const { currency } = to;
  const months = cycleMonths(action.billingCycle, action.termDuration);
  const share = cycleShare(sub.commitmentEndDate, months, ctx.now);
  const perUnit = to.unitPrice - from.unitPrice;
  const seats = action.after.quantity;
  const now = roundMoney(perUnit * seats * share.fraction, currency);
  return {
    currency,
    unitPrice: to.unitPrice,
    per: chargePeriod(months),
    monthlyDelta: roundMoney((perUnit * seats) / months, currency),
    commitment: roundMoney(now + perUnit * seats * share.cyclesAfter, currency),
    charge: now,
    source: to.source,
  };
}

/** Today's price of a live subscription's product/SKU/term/billing. */
export function quoteLive(
  sub: LiveSubscription,
  ctx: Pick<PricingContext, 'prices' | 'market'>,
  quantity: number,
  timeline: 'current' | 'future',
  at: Date,
): PriceQuote | undefined {
  return ctx.prices.quote(
    {
      market: ctx.market,
      productId: sub.productId,
      skuId: sub.skuId,
      termDuration: sub.termDuration,
      billingCycle: sub.billingCycle,
      quantity,
    },
    timeline,
    at,
  );
}
