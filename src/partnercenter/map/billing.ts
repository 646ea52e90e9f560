import type { ChargeKind, Invoice, InvoiceSummary, ReconLineItem } from '../../model/index.js';
import type { InvoiceDto, InvoiceSummaryDto, ReconLineItemDto } from '../dto/billing-dto.js';
import { asRecord, compact, optNumber, optString, reqNumber, reqString } from './wire-read.js';

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
    accountingDate: optString(dto.accountingDate),
    latestInvoiceDate: optString(dto.latestInvoiceDate),
    lastPaymentDate: optString(dto.lastPaymentDate),
    lastPaymentAmount: optNumber(dto.lastPaymentAmount),
    details: (dto.details ?? []).map((d) => ({
      invoiceType: optString(d.invoiceType) ?? '',
      balanceAmount: optNumber(d.summary?.balanceAmount) ?? 0,
    })),
  });
}
