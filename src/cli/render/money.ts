import {
  formatMoney,
  type ActionCost,
  type CurrencyCost,
  type CustomerRunRate,
  type Plan,
} from '../../model/index.js';
import { costCurrencies } from '../../planner/index.js';

/**
 * The money of a plan in words, shared by the terminal and markdown renderers (docs/money.md):
 * a headline per currency in Infracost's manner, the Previous / New / Diff run rate per
 * customer, and one line per priced action.
 */

/**
 * One headline per currency: "Monthly cost will increase by USD 125.00 (+50%), from USD 250.00
 * to USD 375.00", then what is committed, charged and refunded; then the unpriced count and why.
 * Empty for a plan made before pricing existed.
 */
export function moneyHeadlines(plan: Plan): string[] {
  const cost = plan.summary.cost;
  if (cost === undefined) return [];
  const lines: string[] = [];
  for (const [currency, total] of costCurrencies(plan.summary.cost)) {
    lines.push(
      `${runRateSentence(currency, total, plan.summary.runRates ?? [])}; ${termsSentence(currency, total)}.`,
    );
  }
  if (cost.unpriced > 0) {
    const n = cost.unpriced;
    const why = plan.summary.pricingNotes ?? [];
    lines.push(
      `${n} action${n === 1 ? ' has' : 's have'} no known price${why.length === 0 ? '' : ` (${why.join('; ')})`}.`,
    );
  } else if (lines.length === 0) {
    lines.push('No money moves.');
  }
  return lines;
}

function runRateSentence(
  currency: string,
  total: CurrencyCost,
  rates: readonly CustomerRunRate[],
): string {
  const mine = rates.filter((r) => r.currency === currency);
  const previous = mine.reduce((sum, r) => sum + r.previous, 0);
  const delta = total.monthlyDelta;
  if (delta === 0) return `Monthly cost (${currency}) will not change`;
  const direction = delta > 0 ? 'increase' : 'decrease';
  const share =
    previous > 0
      ? ` (${delta > 0 ? '+' : '-'}${Math.round((Math.abs(delta) / previous) * 100)}%)`
      : '';
  const span =
    mine.length === 0
      ? ''
      : `, from ${formatMoney(previous, currency)} to ${formatMoney(previous + delta, currency)}`;
  return `Monthly cost will ${direction} by ${formatMoney(Math.abs(delta), currency)}${share}${span}`;
}

function termsSentence(currency: string, total: CurrencyCost): string {
  const parts = [
    `${formatMoney(total.commitment, currency)} committed for the rest of the terms`,
    `${formatMoney(total.charge, currency)} on the next invoice`,
  ];
  if (total.refund > 0) parts.push(`${formatMoney(total.refund, currency)} refunded`);
  return parts.join(', ');
}

/** `monthly USD 250.00 → USD 375.00 (+USD 125.00)` for each currency of one customer. */
export function customerRunRateText(plan: Plan, customerId: string): string[] {
  return (plan.summary.runRates ?? [])
    .filter((r) => r.customerId === customerId)
    .map(
      (r) =>
        `monthly ${formatMoney(r.previous, r.currency)} → ${formatMoney(r.next, r.currency)} (${formatMoney(r.diff, r.currency, true)})`,
    );
}

/**
 * An action's money in one line: `USD 25.00 per unit per P1M · +USD 125.00/month · USD 370.97
 * committed · USD 120.97 next invoice`, with the refund, the promotion saving and the price at
 * renewal where there are.
 */
export function costText(cost: ActionCost): string {
  const c = cost.currency;
  const parts = [
    cost.per === 'once'
      ? `${formatMoney(cost.unitPrice, c)} per unit, once`
      : `${formatMoney(cost.unitPrice, c)} per unit per ${cost.per}`,
  ];
  // A one-time purchase does not move the run rate: say nothing rather than "+0.00/month".
  if (cost.monthlyDelta !== 0) parts.push(`${formatMoney(cost.monthlyDelta, c, true)}/month`);
  if (cost.commitment !== 0) parts.push(`${formatMoney(cost.commitment, c, true)} committed`);
  if (cost.charge !== 0) parts.push(`${formatMoney(cost.charge, c, true)} next invoice`);
  if (cost.refund !== undefined) parts.push(`${formatMoney(cost.refund, c)} refunded`);
  if (cost.promotionSaving !== undefined)
    parts.push(`promotion saves ${formatMoney(cost.promotionSaving, c)}`);
  if (cost.next !== undefined)
    parts.push(`${formatMoney(cost.next.unitPrice, c)} per unit at renewal`);
  return parts.join(' · ');
}
