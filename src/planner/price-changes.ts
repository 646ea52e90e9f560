import type {
  ActionCost,
  LiveSubscription,
  PlanAction,
  PriceBook,
  PriceQuery,
  PriceQuote,
} from '../model/index.js';
import { chargePeriod, cycleMonths, cycleShare, roundMoney, termEnd } from './billing-cycle.js';
import type { PricingContext } from './price-actions.js';

/**
 * Costs of changes to live subscriptions (docs/money.md): seat changes and cancels (prorated),
 * changes at renewal (the next term's price), upgrades (the price difference, prorated).
 */

/**
 * An immediate seat change of `delta` (negative: seats removed, a cancel removes them all):
 * charged or refunded for the days left in the current cycle; the commitment adds the cycles
 * after it until the term ends.
 */
export function seatChangeCost(
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
export function scheduledCost(
  action: Extract<PlanAction, { kind: 'schedule-decrease' | 'schedule-change' }>,
  ctx: PricingContext,
): ActionCost | undefined {
  const sub = ctx.subscriptions.get(action.subscriptionId);
  if (sub === undefined) return undefined;
  const current = quoteLive(sub, ctx, sub.quantity, 'current', ctx.now);
  if (current === undefined) return undefined;
  const { nextTerm } = action;
  const next = quoteAtRenewal(
    ctx.prices,
    {
      market: ctx.market,
      productId: nextTerm.productId,
      skuId: nextTerm.skuId,
      termDuration: nextTerm.termDuration,
      billingCycle: nextTerm.billingCycle,
      quantity: action.after.quantity,
    },
    termEnd(action.effectiveAt),
    ctx.now,
  );
  // The next term unpriced, or in another currency: the change of run rate is unknown.
  if (next === undefined || next.currency !== current.currency) return undefined;
  const { currency } = current;
  const months = cycleMonths(sub.billingCycle, sub.termDuration);
  const nextMonths = cycleMonths(nextTerm.billingCycle, nextTerm.termDuration);
  const before = (current.unitPrice * action.before.quantity) / months;
  const after = (next.unitPrice * action.after.quantity) / nextMonths;
  return {
    currency,
    unitPrice: current.unitPrice,
    per: chargePeriod(months),
    monthlyDelta: roundMoney(after - before, currency),
    commitment: 0,
    charge: 0,
    ...(next.unitPrice !== current.unitPrice
      ? { next: { unitPrice: next.unitPrice, source: next.source } }
      : {}),
    source: current.source,
  };
}

/**
 * An immediate upgrade: the seats move to the target's price for the rest of the term; the
 * difference is charged for the days left in the cycle and committed to the term's end.
 */
export function upgradeCost(
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

/**
 * The price a subscription renews at (docs/money.md): a renewal from next month on is quoted from
 * the `future` sheet (next month's prices, on the first of next month: the latest Partner Center
 * publishes), falling back to today's sheet when it has no row; a renewal this month (or of
 * unknown date) at today's prices. Shared by plans, `qm renewals` and the renewal notices.
 */
export function quoteAtRenewal(
  prices: PriceBook,
  query: PriceQuery,
  renewsAt: Date | undefined,
  now: Date,
): PriceQuote | undefined {
  const nextMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
  const future =
    renewsAt !== undefined && renewsAt >= nextMonth
      ? prices.quote(query, 'future', nextMonth)
      : undefined;
  return future ?? prices.quote(query, 'current', now);
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
