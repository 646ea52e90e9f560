import type { Charge } from './charges.js';
import { roundMoney } from '../pricing/price-list.js';

/**
 * Monthly invoices: one per billing period (calendar month, UTC) and currency that has charges.
 * The invoice for a month is issued at 00:00 UTC on the 2nd of the next month; until then its
 * charges are unbilled (the `current` or `previous` period of the unbilled reconciliation).
 * Invoice ids are `G` + `YYYYMM` + currency (`G202605USD`): opaque to clients, stable here.
 */
export interface SandboxInvoice {
  readonly id: string;
  readonly period: string;
  readonly currency: string;
  readonly currencySymbol: string;
  readonly invoiceDate: string;
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly totalCharges: number;
  readonly charges: readonly Charge[];
}

const ISSUE_DAY = 2;

/** First instant of `period` (`YYYY-MM`). */
export function periodStart(period: string): Date {
  const [year, month] = period.split('-').map(Number);
  return new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, 1));
}

/** The period `offset` months from `period`. */
export function shiftPeriod(period: string, offset: number): string {
  const start = periodStart(period);
  return new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + offset, 1))
    .toISOString()
    .slice(0, 7);
}

/** When the invoice of `period` is issued. */
export function issueInstant(period: string): Date {
  const next = periodStart(shiftPeriod(period, 1));
  return new Date(next.getTime() + (ISSUE_DAY - 1) * 24 * 60 * 60 * 1000);
}

export function isInvoiced(period: string, now: Date): boolean {
  return now >= issueInstant(period);
}

export function invoiceIdFor(period: string, currency: string): string {
  return `G${period.replace('-', '')}${currency.toUpperCase()}`;
}

/** Every issued invoice at `now`, newest first (then by currency). */
export function listInvoices(charges: readonly Charge[], now: Date): SandboxInvoice[] {
  const groups = new Map<string, Charge[]>();
  for (const charge of charges) {
    if (!isInvoiced(charge.period, now)) continue;
    const id = invoiceIdFor(charge.period, charge.currency);
    groups.set(id, [...(groups.get(id) ?? []), charge]);
  }
  const invoices = [...groups.entries()].map(([id, group]) => buildInvoice(id, group));
  return invoices.sort(
    (a, b) => b.period.localeCompare(a.period) || a.currency.localeCompare(b.currency),
  );
}

/** The issued invoice with `id` (case-insensitive), or `undefined`. */
export function findInvoice(
  charges: readonly Charge[],
  now: Date,
  id: string,
): SandboxInvoice | undefined {
  const wanted = id.replace(/^(OneTime|Recurring)-/i, '').toUpperCase();
  return listInvoices(charges, now).find((invoice) => invoice.id.toUpperCase() === wanted);
}

/** Charges of `period` in `currency` not invoiced yet at `now`. */
export function unbilledCharges(
  charges: readonly Charge[],
  now: Date,
  period: string,
  currency: string,
): Charge[] {
  if (isInvoiced(period, now)) return [];
  return charges.filter(
    (c) => c.period === period && c.currency.toUpperCase() === currency.toUpperCase(),
  );
}

function buildInvoice(id: string, charges: readonly Charge[]): SandboxInvoice {
  const first = charges[0] as Charge;
  const total = charges.reduce((sum, c) => sum + c.subtotal, 0);
  const end = new Date(periodStart(shiftPeriod(first.period, 1)).getTime() - 1000);
  return {
    id,
    period: first.period,
    currency: first.currency,
    currencySymbol: first.currencySymbol,
    invoiceDate: issueInstant(first.period).toISOString(),
    periodStart: periodStart(first.period).toISOString(),
    periodEnd: end.toISOString(),
    totalCharges: roundMoney(total, first.currency),
    charges,
  };
}
