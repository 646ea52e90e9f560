import { formatMoney, type ActionCost, type Plan } from '../../model/index.js';
import { compareCustomers } from './customer-order.js';
import { moneyHeadlines } from './money.js';

/**
 * The money block that leads a markdown plan (docs/money.md): the headline per currency in
 * bold, then Previous / New / Diff of the monthly run rate per customer with priced actions,
 * customers by name.
 * `label` renders a customer (escaped by the caller).
 */
export function moneyMarkdown(
  plan: Plan,
  label: (customerId: string, customerName: string) => string,
): string[] {
  const headlines = moneyHeadlines(plan);
  if (headlines.length === 0) return [];
  const lines = headlines.map((line) => `**${line}**`).flatMap((line) => [line, '']);
  const rates = plan.summary.runRates ?? [];
  if (rates.length > 0) {
    lines.push(
      '| Customer | Previous (monthly) | New (monthly) | Diff |',
      '| --- | ---: | ---: | ---: |',
    );
    const byCustomer = [...rates].sort(
      (a, b) =>
        compareCustomers(
          { id: a.customerId, name: a.customerName },
          { id: b.customerId, name: b.customerName },
        ) || (a.currency < b.currency ? -1 : a.currency > b.currency ? 1 : 0),
    );
    for (const r of byCustomer) {
      lines.push(
        `| ${label(r.customerId, r.customerName)} | ${formatMoney(r.previous, r.currency)} | ${formatMoney(r.next, r.currency)} | ${formatMoney(r.diff, r.currency, true)} |`,
      );
    }
    lines.push('');
  }
  return lines;
}

/** An action's money in a table cell: run rate change, commitment, refund; `—` when unpriced. */
export function costCell(cost: ActionCost | undefined, movesMoney: boolean): string {
  if (cost === undefined) return movesMoney ? 'unpriced' : '';
  const c = cost.currency;
  const parts = cost.monthlyDelta === 0 ? [] : [`${formatMoney(cost.monthlyDelta, c, true)}/mo`];
  if (cost.commitment !== 0) parts.push(`${formatMoney(cost.commitment, c, true)} committed`);
  if (cost.refund !== undefined) parts.push(`${formatMoney(cost.refund, c)} refunded`);
  if (cost.promotionSaving !== undefined)
    parts.push(`promotion −${formatMoney(cost.promotionSaving, c)}`);
  if (cost.next !== undefined) parts.push(`${formatMoney(cost.next.unitPrice, c)}/unit at renewal`);
  return parts.join('<br>');
}
