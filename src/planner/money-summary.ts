import type {
  CurrencyCost,
  CustomerId,
  CustomerRunRate,
  LiveSubscription,
  PlanAction,
  PlanCost,
  PriceBook,
} from '../model/index.js';
import { cycleMonths, roundMoney } from './billing-cycle.js';
import { isMoneyAction } from './price-actions.js';
import { quoteLive } from './price-changes.js';

/** `summary.cost`: totals per currency and the count of money actions without a price. */
export function summarizeCost(actions: readonly PlanAction[]): PlanCost {
  const totals = new Map<string, CurrencyCost>();
  let unpriced = 0;
  for (const action of actions) {
    if (!isMoneyAction(action)) continue;
    const { cost } = action;
    if (cost === undefined) {
      unpriced += 1;
      continue;
    }
    const known = totals.get(cost.currency) ?? {
      monthlyDelta: 0,
      commitment: 0,
      charge: 0,
      refund: 0,
      actions: 0,
    };
    const c = cost.currency;
    totals.set(c, {
      monthlyDelta: roundMoney(known.monthlyDelta + cost.monthlyDelta, c),
      commitment: roundMoney(known.commitment + cost.commitment, c),
      charge: roundMoney(known.charge + cost.charge, c),
      refund: roundMoney(known.refund + (cost.refund ?? 0), c),
      actions: known.actions + 1,
    });
  }
  const sorted = [...totals.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { unpriced, ...Object.fromEntries(sorted) };
}

/** The currency totals of `summary.cost`, sorted by code (`unpriced` left out). */
export function costCurrencies(cost: PlanCost | undefined): [string, CurrencyCost][] {
  if (cost === undefined) return [];
  return Object.entries(cost)
    .filter((entry): entry is [string, CurrencyCost] => typeof entry[1] === 'object')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** One planned customer, for its run rate. */
export interface RunRateCustomer {
  readonly customerId: CustomerId;
  readonly customerName: string;
  readonly market: string;
  /** Its managed, active live subscriptions. */
  readonly subscriptions: readonly LiveSubscription[];
}

/** A customer's monthly run rate before the plan, per currency (unrounded). */
export interface RunRateBefore {
  readonly customerId: CustomerId;
  readonly customerName: string;
  readonly previous: ReadonlyMap<string, number>;
}

/**
 * Prices the managed subscriptions at today's sheet, per currency (a subscription whose price is
 * unknown is left out): the Previous of `runRates`. Computed as each customer is planned, so the
 * live subscriptions need not outlive its batch.
 */
export function runRateBefore(
  customer: RunRateCustomer,
  prices: PriceBook,
  now: Date,
): RunRateBefore {
  const previous = new Map<string, number>();
  for (const sub of customer.subscriptions) {
    const quote = quoteLive(sub, { prices, market: customer.market }, sub.quantity, 'current', now);
    if (quote === undefined) continue;
    const monthly =
      (quote.unitPrice * sub.quantity) / cycleMonths(sub.billingCycle, sub.termDuration);
    previous.set(quote.currency, (previous.get(quote.currency) ?? 0) + monthly);
  }
  return { customerId: customer.customerId, customerName: customer.customerName, previous };
}

/**
 * Previous / New / Diff of the monthly run rate, per customer with priced actions and per
 * currency. Previous is `runRateBefore`; New adds every priced action's `monthlyDelta`.
 */
export function runRates(
  customers: readonly RunRateBefore[],
  actions: readonly PlanAction[],
): CustomerRunRate[] {
  const deltas = new Map<string, Map<string, number>>();
  for (const action of actions) {
    if (action.cost === undefined) continue;
    const own = deltas.get(action.customerId) ?? new Map<string, number>();
    own.set(action.cost.currency, (own.get(action.cost.currency) ?? 0) + action.cost.monthlyDelta);
    deltas.set(action.customerId, own);
  }
  const rates: CustomerRunRate[] = [];
  for (const customer of customers) {
    const own = deltas.get(customer.customerId);
    if (own === undefined) continue;
    for (const currency of [...own.keys()].sort()) {
      const before = roundMoney(customer.previous.get(currency) ?? 0, currency);
      const diff = roundMoney(own.get(currency) ?? 0, currency);
      rates.push({
        customerId: customer.customerId,
        customerName: customer.customerName,
        currency,
        previous: before,
        next: roundMoney(before + diff, currency),
        diff,
      });
    }
  }
  return rates.sort((a, b) =>
    a.customerId < b.customerId
      ? -1
      : a.customerId > b.customerId
        ? 1
        : a.currency < b.currency
          ? -1
          : 1,
  );
}
