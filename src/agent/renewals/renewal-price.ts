import type { LiveSubscription, PriceBook, PriceQuery, PriceQuote } from '../../model/index.js';
import { cycleMonths, quoteAtRenewal, roundMoney } from '../../planner/index.js';
import type { RenewalPrice, RenewalShape } from './renewal-entry.js';

/** What pricing one renewal needs. */
export interface RenewalPriceInput {
  readonly prices: PriceBook;
  /** The customer's market: its upper-case country. */
  readonly market: string;
  readonly live: LiveSubscription;
  /** What renews; `undefined` when the subscription ends at its renewal. */
  readonly next: RenewalShape | undefined;
  /** The renewal instant; `undefined` when Partner Center states no end date. */
  readonly renewsAt: Date | undefined;
  readonly now: Date;
}

/**
 * The subscription's monthly run rate now and from its renewal (docs/cli-renewals.md "Price"):
 * the price sheet's unit price (one unit, one billing charge) × seats ÷ the months one charge
 * covers. Now: this month's sheet for the current shape and seats. Next: `quoteAtRenewal`, the
 * rule plans price changes at renewal with. An ending subscription's next run rate is 0. `undefined` when
 * today's price is unknown; `next` absent when the next shape is unpriced or in another currency.
 */
export function priceRenewal(input: RenewalPriceInput): RenewalPrice | undefined {
  const { live, now } = input;
  const current: RenewalShape = {
    productId: live.productId,
    skuId: live.skuId,
    termDuration: live.termDuration,
    billingCycle: live.billingCycle,
    quantity: live.quantity,
  };
  const today = input.prices.quote(query(input, current), 'current', now);
  if (today === undefined) return undefined;
  const { currency } = today;
  const runRate = monthly(today, current);
  const priced = (next?: number): RenewalPrice =>
    next === undefined
      ? { currency, now: runRate, per: 'month' }
      : { currency, now: runRate, next, per: 'month' };
  if (input.next === undefined) return priced(0);
  const next = quoteAtRenewal(input.prices, query(input, input.next), input.renewsAt, now);
  return priced(
    next === undefined || next.currency !== currency ? undefined : monthly(next, input.next),
  );
}

function query(input: RenewalPriceInput, shape: RenewalShape): PriceQuery {
  return {
    market: input.market,
    productId: shape.productId,
    skuId: shape.skuId,
    termDuration: shape.termDuration,
    billingCycle: shape.billingCycle,
    quantity: shape.quantity,
  };
}

function monthly(quote: PriceQuote, shape: RenewalShape): number {
  const months = cycleMonths(shape.billingCycle, shape.termDuration);
  return roundMoney((quote.unitPrice * shape.quantity) / months, quote.currency);
}
