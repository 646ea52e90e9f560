import type { ChargeKind, Invoice, InvoiceSummary, ReconLineItem } from '../../model/index.js';
import type { InvoiceDto, InvoiceSummaryDto, ReconLineItemDto } from '../dto/billing-dto.js';
import {
  asRecord,
  compact,
  optNumber,
  optString,
  parseUtcInstant,
  reqNumber,
  reqString,
} from './wire-read.js';

/**
 * Maps invoice DTOs to the billing model. `chargeType` spellings differ by provider and page
 * revision; the unbilled-recon page notes that "Purchase" shows as "New" and "Refund" as
 * "Cancel" (https://learn.microsoft.com/en-us/partner-center/developer/get-invoice-unbilled-recon-lineitems).
 */

const CHARGE_KINDS: Readonly<Record<string, ChargeKind>> = {
  new: 'new',
  purchase: 'new',
  purchasefee: 'new',
  addquantity: 'add-quantity',
  removequantity: 'remove-quantity',
  cancel: 'cancel',
  cancelimmediate: 'cancel',
  refund: 'cancel',
  renew: 'renew',
  cyclecharge: 'cycle-charge',
  cyclefee: 'cycle-charge',
};

/** Normalises a wire `chargeType` (any case, spaces, underscores) to a {@link ChargeKind}. */
export function chargeKindOf(chargeType: string): ChargeKind {
  return CHARGE_KINDS[chargeType.replace(/[\s_-]/g, '').toLowerCase()] ?? 'other';
}

/** Lower-cases a tenant id and drops the `org:` prefix reconciliation lines may carry. */
export function normalizeTenantId(value: string): string {
  return value.replace(/^org:/i, '').toLowerCase();
}

export function mapReconLineItem(value: unknown): ReconLineItem {
  const dto = asRecord(value, 'reconciliation line item') as ReconLineItemDto;
  const chargeType = optString(dto.chargeType) ?? '';
  const invoiceNumber = optString(dto.invoiceNumber);
  return compact({
    customerId: normalizeTenantId(reqString(dto.customerId, 'line item customerId')),
    customerName: optString(dto.customerName),
    orderId: optString(dto.orderId) ?? '',
    subscriptionId: (optString(dto.subscriptionId) ?? '').toLowerCase(),
    productId: optString(dto.productId) ?? '',
    skuId: optString(dto.skuId) ?? '',
    productName: optString(dto.productName),
    chargeKind: chargeKindOf(chargeType),
    chargeType,
    quantity: optNumber(dto.quantity) ?? optNumber(dto.billableQuantity) ?? 0,
    unitPrice: optNumber(dto.unitPrice) ?? 0,
    subtotal: optNumber(dto.subtotal) ?? 0,
    totalForCustomer: optNumber(dto.totalForCustomer) ?? optNumber(dto.subtotal) ?? 0,
    currency: (optString(dto.currency) ?? '').toUpperCase(),
    orderDate: optString(dto.orderDate),
    chargeStartDate: optString(dto.chargeStartDate),
    chargeEndDate: optString(dto.chargeEndDate),
    invoiceNumber: invoiceNumber === '' ? undefined : invoiceNumber,
  });
}

export function mapInvoice(value: unknown): Invoice {
  const dto = asRecord(value, 'invoice') as InvoiceDto;
  return compact({
    id: reqString(dto.id, 'invoice id'),
    invoiceDate: reqString(dto.invoiceDate, 'invoice invoiceDate'),
    totalCharges: reqNumber(dto.totalCharges, 'invoice totalCharges'),
    paidAmount: optNumber(dto.paidAmount) ?? 0,
    currencyCode: reqString(dto.currencyCode, 'invoice currencyCode').toUpperCase(),
    currencySymbol: optString(dto.currencySymbol),
    invoiceType: optString(dto.invoiceType),
    documentType: optString(dto.documentType),
    billingPeriodStartDate: optString(dto.billingPeriodStartDate),
    billingPeriodEndDate: optString(dto.billingPeriodEndDate),
    pdfDownloadLink: optString(dto.pdfDownloadLink),
  });
}

export function mapInvoiceSummary(value: unknown): InvoiceSummary {
  const dto = asRecord(value, 'invoice summary') as InvoiceSummaryDto;
  return compact({
    currencyCode: reqString(dto.currencyCode, 'invoice summary currencyCode').toUpperCase(),
    currencySymbol: optString(dto.currencySymbol),
    balanceAmount: optNumber(dto.balanceAmount) ?? 0,
    accountingDate: summaryDate(dto.accountingDate),
    latestInvoiceDate: summaryDate(dto.latestInvoiceDate),
    lastPaymentDate: summaryDate(dto.lastPaymentDate),
    lastPaymentAmount: optNumber(dto.lastPaymentAmount),
    details: (dto.details ?? []).map((d) => ({
      invoiceType: optString(d.invoiceType) ?? '',
      balanceAmount: optNumber(d.summary?.balanceAmount) ?? 0,
    })),
  });
}

/**
 * A summary date as UTC ISO-8601. Summaries print dates without an offset
 * (`"2018-03-16T00:00:00"`, read as UTC) and `"0001-01-01T00:00:00"` for "never" (no payment
 * yet), which reads as absent (billing/get-invoice-summaries.response.json,
 * billing/get-the-reseller-s-current-account-balance.response.json). An unreadable value is
 * kept as sent: a summary is informational and never fails a billing read.
 */
function summaryDate(value: unknown): string | undefined {
  const text = optString(value);
  if (text === undefined || text === '') return undefined;
  const ms = parseUtcInstant(text);
  if (ms === undefined) return text;
  if (new Date(ms).getUTCFullYear() <= 1) return undefined;
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}
