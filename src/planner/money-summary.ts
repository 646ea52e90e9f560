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

/**
 * Previous / New / Diff of the monthly run rate, per customer with priced actions and per
 * currency. Previous prices the managed subscriptions at today's sheet (a subscription whose
 * price is unknown is left out); New adds every priced action's `monthlyDelta`.
 */
export function runRates(
  customers: readonly RunRateCustomer[],
  actions: readonly PlanAction[],
  prices: PriceBook,
  now: Date,
): CustomerRunRate[] {
  const deltas = new Map<string, number>();
  for (const action of actions) {
    if (action.cost === undefined) continue;
    const key = `${action.customerId}\u0000${action.cost.currency}`;
    deltas.set(key, (deltas.get(key) ?? 0) + action.cost.monthlyDelta);
  }
  const rates: CustomerRunRate[] = [];
  for (const customer of customers) {
    const previous = new Map<string, number>();
    for (const sub of customer.subscriptions) {
      const quote = quoteLive(
        sub,
        { prices, market: customer.market },
        sub.quantity,
        'current',
        now,
      );
      if (quote === undefined) continue;
      const monthly =
        (quote.unitPrice * sub.quantity) / cycleMonths(sub.billingCycle, sub.termDuration);
      previous.set(quote.currency, (previous.get(quote.currency) ?? 0) + monthly);
    }
    const currencies = new Set<string>();
    for (const key of deltas.keys()) {
      const [id, currency] = key.split('\u0000');
      if (id === customer.customerId && currency !== undefined) currencies.add(currency);
    }
    for (const currency of [...currencies].sort()) {
      const before = roundMoney(previous.get(currency) ?? 0, currency);
      const diff = roundMoney(deltas.get(`${customer.customerId}\u0000${currency}`) ?? 0, currency);
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
