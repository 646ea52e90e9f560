import {
  billingPeriodOf,
  shiftBillingPeriod,
  type BillingPeriod,
  type Invoice,
  type ReconLineItem,
} from '../../model/index.js';
import { PartnerCenterError, type PartnerCenterClient } from '../../partnercenter/index.js';

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
  client: PartnerCenterClient,
  period: BillingPeriod,
  options: FetchBillingOptions = {},
): Promise<BillingData> {
  const paging = options.pageSize === undefined ? {} : { pageSize: options.pageSize };
  const allInvoices = await client.billing.listInvoices();
  const invoices = allInvoices.filter((invoice) => invoicePeriod(invoice) === period);
  const lineItems: ReconLineItem[] = [];
  for (const invoice of invoices) {
    const lines = await client.billing.billedLineItems(invoice.id, paging);
    lineItems.push(
      ...lines.map((line) =>
        line.invoiceNumber === undefined ? { ...line, invoiceNumber: invoice.id } : line,
      ),
    );
  }
  const currencies = new Set([
    ...(options.currencies ?? []),
    ...allInvoices.map((i) => i.currencyCode),
    ...(await summaryCurrencies(client)),
  ]);
  if (currencies.size === 0) currencies.add('USD');
  for (const currency of [...currencies].sort()) {
    for (const which of ['current', 'previous'] as const) {
      lineItems.push(...(await client.billing.unbilledLineItems(currency, which, paging)));
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

/** Currencies with a balance; summaries need App+User, so a 401/403 just yields none. */
async function summaryCurrencies(client: PartnerCenterClient): Promise<string[]> {
  try {
    return (await client.billing.summaries()).map((s) => s.currencyCode);
  } catch (error) {
    if (error instanceof PartnerCenterError && (error.status === 401 || error.status === 403))
      return [];
    throw error;
  }
}
