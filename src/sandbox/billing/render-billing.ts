import { link, type JsonObject } from '../wire.js';
import type { Charge } from './charges.js';
import type { SandboxInvoice } from './invoices.js';
import { periodStart, shiftPeriod } from './invoices.js';
import { monthsCharged } from '../pricing/price-list.js';

/** The sandbox's partner: tenant id and MPN id printed on every line item. */
export const SANDBOX_PARTNER = {
  id: '0c924e8d-4852-4692-a4d7-7dd0dc09ad80',
  mpnId: '1234567',
} as const;

/**
 * A `OneTimeInvoiceLineItem` (daily-rated new-commerce reconciliation line), field names from
 * https://learn.microsoft.com/en-us/partner-center/developer/get-invoice-unbilled-recon-lineitems.
 * `invoiceNumber` is empty while unbilled. Money, quantities, the exchange rate and
 * `resellerMpnId` are JSON **strings** (`"unitPrice": "0"`, `"quantity": "25"`), as in the
 * documented examples (get-invoiceline-items, get-invoice-unbilled-recon-lineitems).
 */
export function renderLineItem(charge: Charge, invoiceNumber: string): JsonObject {
  const end = chargeEnd(charge);
  const text = (value: number): string => String(value);
  return {
    partnerId: SANDBOX_PARTNER.id,
    customerId: charge.customer.id,
    customerName: charge.customer.name,
    customerDomainName: charge.customer.domain,
    customerCountry: charge.customer.country,
    invoiceNumber,
    mpnId: SANDBOX_PARTNER.mpnId,
    resellerMpnId: '0',
    orderId: charge.orderId,
    orderDate: charge.orderDate,
    productId: charge.productId,
    skuId: charge.skuId,
    availabilityId: charge.availabilityId,
    productName: charge.productName,
    skuName: charge.skuName,
    productQualifiers: [],
    chargeType: charge.chargeType,
    unitPrice: text(charge.unitPrice),
    // "Prorated/discounted unit price" (modern-invoice-reconciliation-file): the seat change's
    // share of its billing cycle, or the promotion's price.
    effectiveUnitPrice: text(charge.effectiveUnitPrice),
    unitType: '',
    quantity: text(charge.quantity),
    subtotal: text(charge.subtotal),
    taxTotal: '0',
    totalForCustomer: text(charge.subtotal),
    currency: charge.currency,
    publisherName: charge.publisherName,
    publisherId: '',
    subscriptionDescription: charge.productName,
    subscriptionId: charge.subscriptionId,
    subscriptionStartDate: charge.orderDate,
    subscriptionEndDate: end,
    chargeStartDate: charge.orderDate,
    chargeEndDate: cycleLastDay(charge) ?? end,
    termAndBillingCycle: termText(charge),
    alternateId: charge.orderId.slice(0, 12),
    referenceId: charge.orderId,
    priceAdjustmentDescription: '',
    discountDetails: '',
    pricingCurrency: charge.currency,
    pcToBCExchangeRate: '1',
    pcToBCExchangeRateDate: periodStart(charge.period).toISOString(),
    billableQuantity: text(charge.quantity),
    meterDescription: '',
    billingFrequency: '',
    reservationOrderId: '',
    invoiceLineItemType: 'billing_line_items',
    billingProvider: 'one_time',
    promotionId: '',
    attributes: { objectType: 'OneTimeInvoiceLineItem' },
  };
}

/** An `Invoice` (https://learn.microsoft.com/en-us/partner-center/developer/get-invoice-by-id). */
export function renderInvoice(invoice: SandboxInvoice): JsonObject {
  return {
    id: invoice.id,
    invoiceDate: invoice.invoiceDate,
    billingPeriodStartDate: invoice.periodStart,
    billingPeriodEndDate: invoice.periodEnd,
    totalCharges: invoice.totalCharges,
    paidAmount: 0,
    currencyCode: invoice.currency,
    currencySymbol: invoice.currencySymbol,
    pdfDownloadLink: `/invoices/${invoice.id}/documents/statement`,
    invoiceDetails: [
      {
        invoiceLineItemType: 'billing_line_items',
        billingProvider: 'one_time',
        links: { self: link(`/invoices/OneTime-${invoice.id}/lineitems/OneTime/BillingLineItems`) },
        attributes: { objectType: 'InvoiceDetail' },
      },
    ],
    documentType: 'invoice',
    invoiceType: 'OneTime',
    links: { self: link(`/invoices/OneTime-${invoice.id}`) },
    attributes: { objectType: 'Invoice' },
  };
}

/**
 * An `InvoiceSummary` for one currency: the balance is every issued invoice (nothing is ever
 * paid in the sandbox) (https://learn.microsoft.com/en-us/partner-center/developer/get-the-reseller-s-current-account-balance).
 */
export function renderSummary(
  currency: string,
  symbol: string,
  invoices: readonly SandboxInvoice[],
  now: Date,
): JsonObject {
  const balance = invoices.reduce((sum, i) => sum + i.totalCharges, 0);
  const latest = invoices
    .map((i) => i.invoiceDate)
    .sort()
    .at(-1);
  const first = invoices.map((i) => i.invoiceDate).sort()[0];
  const summary = {
    balanceAmount: Math.round(balance * 100) / 100,
    currencyCode: currency,
    currencySymbol: symbol,
    accountingDate: now.toISOString(),
    firstInvoiceCreationDate: first ?? '0001-01-01T00:00:00',
    lastPaymentDate: '0001-01-01T00:00:00',
    lastPaymentAmount: 0,
    latestInvoiceDate: latest ?? '0001-01-01T00:00:00',
  };
  return {
    ...summary,
    details: [
      {
        invoiceType: 'OneTime',
        summary: { ...summary, attributes: { objectType: 'InvoiceSummary' } },
      },
    ],
    links: { self: link('/invoices/summary') },
    attributes: { objectType: 'InvoiceSummary' },
  };
}

function chargeEnd(charge: Charge): string {
  const months =
    charge.chargeType === 'new' || charge.chargeType === 'addQuantity'
      ? monthsCharged(charge.billingCycle, charge.termDuration)
      : 0;
  const start = new Date(charge.orderDate);
  const end = new Date(
    Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + months, start.getUTCDate()) -
      24 * 60 * 60 * 1000,
  );
  return (months === 0 ? start : end).toISOString();
}

/** A prorated seat change is charged to the last day (inclusive) of its billing cycle. */
function cycleLastDay(charge: Charge): string | undefined {
  if (charge.cycleEnd === undefined || charge.chargeType !== 'addQuantity') return undefined;
  return new Date(new Date(charge.cycleEnd).getTime() - 24 * 60 * 60 * 1000).toISOString();
}

function termText(charge: Charge): string {
  const term =
    charge.termDuration === 'P3Y'
      ? '3 Years'
      : charge.termDuration === 'P1M'
        ? '1 Month'
        : charge.termDuration === 'P1Y'
          ? '1 Year'
          : 'One-time';
  const cycle =
    charge.billingCycle === 'one_time'
      ? 'One-Time'
      : charge.billingCycle.charAt(0).toUpperCase() + charge.billingCycle.slice(1);
  return `${term} - ${cycle} Payment`;
}

export { shiftPeriod };
