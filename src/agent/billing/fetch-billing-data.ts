import {
  billingPeriodOf,
  shiftBillingPeriod,
  type BillingPeriod,
  type Invoice,
  type ReconLineItem,
} from '../../model/index.js';
import type { PartnerCenterReadPort } from '../ports.js';

export interface FetchBillingOptions {
  /** Line items per page. @default 2000 */
  readonly pageSize?: number;
  /** Currencies to read unbilled lines in, besides those the summaries and invoices show. */
  readonly currencies?: readonly string[];
}

export interface BillingData {
  readonly invoices: readonly Invoice[];
  readonly lineItems: readonly ReconLineItem[];
}

/**
 * Reads what Partner Center bills for `period`: the lines of every invoice of that period
 * (its `billingPeriodStartDate`, else an invoice dated the month after) and the unbilled lines
 * of the current and previous months in every known currency. The server decides what
 * "current" is, so both are read and the lines are filtered by date by the caller.
 */
export async function fetchBillingData(
  reads: PartnerCenterReadPort,
  period: BillingPeriod,
  options: FetchBillingOptions = {},
): Promise<BillingData> {
  const paging = options.pageSize === undefined ? {} : { pageSize: options.pageSize };
  const allInvoices = await reads.listInvoices();
  const invoices = allInvoices.filter((invoice) => invoicePeriod(invoice) === period);
  const lineItems: ReconLineItem[] = [];
  for (const invoice of invoices) {
    const lines = await reads.billedLineItems(invoice.id, paging);
    lineItems.push(
      ...lines.map((line) =>
        line.invoiceNumber === undefined ? { ...line, invoiceNumber: invoice.id } : line,
      ),
    );
  }
  const currencies = new Set([
    ...(options.currencies ?? []),
    ...allInvoices.map((i) => i.currencyCode),
    ...(await reads.summaryCurrencies()),
  ]);
  if (currencies.size === 0) currencies.add('USD');
  for (const currency of [...currencies].sort()) {
    for (const which of ['current', 'previous'] as const) {
      lineItems.push(...(await reads.unbilledLineItems(currency, which, paging)));
    }
  }
  return { invoices, lineItems };
}

/** The billing period an invoice covers. */
export function invoicePeriod(invoice: Invoice): BillingPeriod {
  if (invoice.billingPeriodStartDate !== undefined)
    return billingPeriodOf(invoice.billingPeriodStartDate);
  return shiftBillingPeriod(billingPeriodOf(invoice.invoiceDate), -1);
}
