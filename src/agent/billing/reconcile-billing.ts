import {
  billingPeriodOf,
  type AgentCharge,
  type BillingMatch,
  type BillingPeriod,
  type BillingReport,
  type CurrencyTotals,
  type Invoice,
  type QuantityMismatch,
  type ReconLineItem,
} from '../../model/index.js';

export interface BillingInput {
  readonly period: BillingPeriod;
  readonly customerId?: string;
  /** Every agent action (any period): earlier ones give the quantities later changes start from. */
  readonly charges: readonly AgentCharge[];
  /** Billed and unbilled lines; those outside `period` or `customerId` are ignored. */
  readonly lineItems: readonly ReconLineItem[];
  readonly invoices: readonly Invoice[];
}

/**
 * Matches the agent's actions to reconciliation lines. Pure.
 * - A purchase matches the `new` lines of its order ids; their seats must sum to what it bought.
 * - A quantity change matches a line of its subscription with the same charge kind
 *   (`add-quantity`, `remove-quantity`, `cancel`); its seats must equal the change, worked out
 *   from the subscription's quantity before it (its purchase line, or the previous change).
 * - A match on invoiced lines is `matched`; on open lines, or with no line yet, `unbilledYet`
 *   (only actions taken in `period` are expected there); a seat difference is a mismatch.
 * - Lines no action claims are `billedNotByAgent`.
 */
export function reconcileBilling(input: BillingInput): BillingReport {
  const lines = dedupe(input.lineItems.filter((l) => inScope(l, input)));
  const used = new Set<number>();
  const quantities = new Map<string, number>();
  const matched: BillingMatch[] = [];
  const unbilledYet: BillingMatch[] = [];
  const mismatches: QuantityMismatch[] = [];
  for (const action of input.charges) {
    if (input.customerId !== undefined && action.customerId !== input.customerId) continue;
    const outcome =
      action.kind === 'purchase'
        ? matchPurchase(action, lines, used, quantities)
        : matchChange(action, lines, used, quantities);
    if (outcome.lines.length === 0) {
      if (billingPeriodOf(action.at) === input.period) unbilledYet.push({ action, lineItems: [] });
      continue;
    }
    outcome.lines.forEach((index) => used.add(index));
    const lineItems = outcome.lines.map((index) => lines[index] as ReconLineItem);
    const named = withLineName(action, lineItems);
    const billedQuantity = lineItems.reduce((sum, l) => sum + l.quantity, 0);
    if (outcome.expected !== undefined && outcome.expected !== billedQuantity) {
      mismatches.push({
        action: named,
        lineItems,
        expectedQuantity: outcome.expected,
        billedQuantity,
      });
    } else if (lineItems.every((l) => l.invoiceNumber !== undefined)) {
      matched.push({ action: named, lineItems });
    } else {
      unbilledYet.push({ action: named, lineItems });
    }
  }
  const billedNotByAgent = lines.filter((_, index) => !used.has(index));
  return {
    formatVersion: 1,
    period: input.period,
    ...(input.customerId === undefined ? {} : { customerId: input.customerId }),
    matched,
    unbilledYet,
    billedNotByAgent,
    quantityMismatches: mismatches,
    totals: totalsOf(lines, billedNotByAgent),
    invoices: input.invoices,
  };
}

/** `action` named after its lines' `productName` when the journal and store knew no name. */
function withLineName(action: AgentCharge, lineItems: readonly ReconLineItem[]): AgentCharge {
  if (action.productName !== undefined) return action;
  const productName = lineItems.find((l) => (l.productName ?? '').trim() !== '')?.productName;
  return productName === undefined ? action : { ...action, productName };
}

interface Outcome {
  readonly lines: readonly number[];
  readonly expected?: number;
}

function matchPurchase(
  action: AgentCharge,
  lines: readonly ReconLineItem[],
  used: ReadonlySet<number>,
  quantities: Map<string, number>,
): Outcome {
  const orders = new Set(action.orderIds);
  const found = indices(lines, used, (l) => orders.has(l.orderId) && l.chargeKind === 'new');
  for (const index of found) {
    const line = lines[index] as ReconLineItem;
    quantities.set(line.subscriptionId, (quantities.get(line.subscriptionId) ?? 0) + line.quantity);
  }
  if (found.length === 0 && action.subscriptionId !== undefined && action.quantity !== undefined) {
    quantities.set(action.subscriptionId, action.quantity);
  }
  return { lines: found, ...(action.quantity === undefined ? {} : { expected: action.quantity }) };
}

function matchChange(
  action: AgentCharge,
  lines: readonly ReconLineItem[],
  used: ReadonlySet<number>,
  quantities: Map<string, number>,
): Outcome {
  const subscription = (action.subscriptionId ?? '').toLowerCase();
  const before = quantities.get(subscription);
  const after = action.kind === 'cancel' ? 0 : action.quantityAfter;
  if (after !== undefined) quantities.set(subscription, after);
  const expected =
    before === undefined || after === undefined ? undefined : Math.abs(after - before);
  const candidates = indices(
    lines,
    used,
    (l) => l.subscriptionId === subscription && l.chargeKind === action.chargeKind,
  );
  const exact = candidates.find((index) => (lines[index] as ReconLineItem).quantity === expected);
  const chosen = exact ?? candidates[0];
  return {
    lines: chosen === undefined ? [] : [chosen],
    ...(expected === undefined ? {} : { expected }),
  };
}

function indices(
  lines: readonly ReconLineItem[],
  used: ReadonlySet<number>,
  test: (line: ReconLineItem) => boolean,
): number[] {
  const out: number[] = [];
  lines.forEach((line, index) => {
    if (!used.has(index) && test(line)) out.push(index);
  });
  return out;
}

function inScope(line: ReconLineItem, input: BillingInput): boolean {
  const when = line.chargeStartDate ?? line.orderDate;
  if (
    when === undefined ||
    Number.isNaN(Date.parse(when)) ||
    billingPeriodOf(when) !== input.period
  )
    return false;
  return input.customerId === undefined || line.customerId === input.customerId;
}

/** One copy of each line; a billed copy wins over an unbilled one of the same charge. */
function dedupe(lines: readonly ReconLineItem[]): ReconLineItem[] {
  const byKey = new Map<string, ReconLineItem>();
  for (const line of lines) {
    const key = [
      line.orderId,
      line.subscriptionId,
      line.chargeType,
      line.quantity,
      line.chargeStartDate ?? line.orderDate,
    ].join('|');
    const seen = byKey.get(key);
    if (
      seen === undefined ||
      (seen.invoiceNumber === undefined && line.invoiceNumber !== undefined)
    )
      byKey.set(key, line);
  }
  return [...byKey.values()];
}

function totalsOf(
  lines: readonly ReconLineItem[],
  notByAgent: readonly ReconLineItem[],
): CurrencyTotals[] {
  const currencies = [...new Set(lines.map((l) => l.currency))].sort();
  const sum = (items: readonly ReconLineItem[]) =>
    Math.round(items.reduce((s, l) => s + l.subtotal, 0) * 100) / 100;
  return currencies.map((currency) => {
    const of = (items: readonly ReconLineItem[]) => items.filter((l) => l.currency === currency);
    const all = of(lines);
    return {
      currency,
      total: sum(all),
      billed: sum(all.filter((l) => l.invoiceNumber !== undefined)),
      unbilled: sum(all.filter((l) => l.invoiceNumber === undefined)),
      notByAgent: sum(of(notByAgent)),
      lineItems: all.length,
    };
  });
}
