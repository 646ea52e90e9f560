import type { LinkDto } from './common-dto.js';

/**
 * Invoice wire shapes (camelCase, as Partner Center answers). Field names from
 * get-a-collection-of-invoices, get-invoice-by-id, get-invoice-summaries,
 * get-the-reseller-s-current-account-balance and get-invoice-unbilled-recon-lineitems
 * (docs/partner-center-billing.md). Every field is optional: mappers check what they need.
 */

export interface InvoiceDto {
  readonly id?: string;
  readonly invoiceDate?: string;
  readonly billingPeriodStartDate?: string;
  readonly billingPeriodEndDate?: string;
  readonly totalCharges?: number;
  readonly paidAmount?: number;
  readonly currencyCode?: string;
  readonly currencySymbol?: string;
  readonly pdfDownloadLink?: string;
  readonly documentType?: string;
  readonly invoiceType?: string;
  readonly invoiceDetails?: readonly {
    invoiceLineItemType?: string;
    billingProvider?: string;
    links?: { self?: LinkDto };
  }[];
}

export interface InvoiceSummaryDto {
  readonly balanceAmount?: number;
  readonly currencyCode?: string;
  readonly currencySymbol?: string;
  readonly accountingDate?: string;
  readonly latestInvoiceDate?: string;
  readonly lastPaymentDate?: string;
  readonly lastPaymentAmount?: number;
  readonly details?: readonly { invoiceType?: string; summary?: { balanceAmount?: number } }[];
}

/** `OneTimeInvoiceLineItem` (new-commerce reconciliation line). */
export interface ReconLineItemDto {
  readonly customerId?: string;
  readonly customerName?: string;
  readonly invoiceNumber?: string;
  readonly orderId?: string;
  readonly orderDate?: string;
  readonly productId?: string;
  readonly skuId?: string;
  readonly productName?: string;
  readonly chargeType?: string;
  readonly unitPrice?: number;
  readonly quantity?: number;
  readonly billableQuantity?: number;
  readonly subtotal?: number;
  readonly totalForCustomer?: number;
  readonly currency?: string;
  readonly subscriptionId?: string;
  readonly chargeStartDate?: string;
  readonly chargeEndDate?: string;
}
