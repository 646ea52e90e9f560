import type { Brand } from '../support/index.js';

/**
 * Billing vocabulary: invoices, balances and reconciliation line items as the agent sees them
 * (mapped from the wire by `partnercenter/`), and the report `qm billing` prints. Facts behind
 * the fields: docs/partner-center-billing.md.
 */

/** A billing period: a calendar month in UTC, written `YYYY-MM`. */
export type BillingPeriod = Brand<string, 'BillingPeriod'>;

/** Parses `YYYY-MM` (month 01–12); `undefined` when the text is not one. */
export function parseBillingPeriod(text: string): BillingPeriod | undefined {
  const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(text.trim());
  return match === null ? undefined : (`${match[1]}-${match[2]}` as BillingPeriod);
}

/** The period an instant falls in (UTC). */
export function billingPeriodOf(instant: Date | string): BillingPeriod {
  return new Date(instant).toISOString().slice(0, 7) as BillingPeriod;
}

/** The period `offset` months away from `period`. */
export function shiftBillingPeriod(period: BillingPeriod, offset: number): BillingPeriod {
  const [year, month] = period.split('-').map(Number);
  return billingPeriodOf(new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1 + offset, 1)));
}

/**
 * What a reconciliation line charges for. The wire `chargeType` varies in spelling across
 * providers and revisions (`new`/`New`/`Purchase`, `Refund`/`Cancel`…): mappers normalise it.
 */
export type ChargeKind =
  'new' | 'add-quantity' | 'remove-quantity' | 'cancel' | 'renew' | 'cycle-charge' | 'other';

/** One reconciliation line item (billed: on an invoice; unbilled: still open). */
export interface ReconLineItem {
  /** Customer tenant id, lower-case, without the `org:` prefix some lines carry. */
  readonly customerId: string;
  readonly customerName?: string;
  readonly orderId: string;
  readonly subscriptionId: string;
  readonly productId: string;
  readonly skuId: string;
  readonly productName?: string;
  readonly chargeKind: ChargeKind;
  /** `chargeType` exactly as sent. */
  readonly chargeType: string;
  readonly quantity: number;
  readonly unitPrice: number;
  /** Pre-tax amount; negative for refunds. */
  readonly subtotal: number;
  readonly totalForCustomer: number;
  readonly currency: string;
  readonly orderDate?: string;
  readonly chargeStartDate?: string;
  readonly chargeEndDate?: string;
  /** The invoice the line is on; absent while unbilled. */
  readonly invoiceNumber?: string;
}

/** An invoice (one per billing period and currency for new-commerce one-time billing). */
export interface Invoice {
  readonly id: string;
  readonly invoiceDate: string;
  readonly totalCharges: number;
  readonly paidAmount: number;
  readonly currencyCode: string;
  readonly currencySymbol?: string;
  /** `OneTime`, `Recurring`. */
  readonly invoiceType?: string;
  /** `invoice`, `void_note`, `adjustment_note`. */
  readonly documentType?: string;
  readonly billingPeriodStartDate?: string;
  readonly billingPeriodEndDate?: string;
  readonly pdfDownloadLink?: string;
}

/** The balance and totals of one currency. */
export interface InvoiceSummary {
  readonly currencyCode: string;
  readonly currencySymbol?: string;
  readonly balanceAmount: number;
  readonly accountingDate?: string;
  readonly latestInvoiceDate?: string;
  readonly lastPaymentDate?: string;
  readonly lastPaymentAmount?: number;
  /** Per invoice type (`Recurring`, `OneTime`). */
  readonly details: readonly { readonly invoiceType: string; readonly balanceAmount: number }[];
}

/** An agent action that should show up on the bill (from a succeeded journal row). */
export interface AgentCharge {
  readonly journalId: number;
  readonly kind: 'purchase' | 'increase-quantity' | 'decrease-quantity' | 'cancel';
  readonly customerId: string;
  readonly item?: string;
  /**
   * The product's name, for humans only: the name the journal row recorded (the plan action's),
   * else one the state store knows for the item or subscription, else the `productName` of the
   * reconciliation lines it matched. Absent when none is known; never used to match.
   */
  readonly productName?: string;
  readonly orderIds: readonly string[];
  readonly subscriptionId?: string;
  /** Seats bought, added or removed; absent when the journal cannot tell. */
  readonly quantity?: number;
  /** For quantity changes: the quantity the PATCH set. */
  readonly quantityAfter?: number;
  readonly chargeKind: ChargeKind;
  readonly at: string;
}

export interface BillingMatch {
  readonly action: AgentCharge;
  readonly lineItems: readonly ReconLineItem[];
}

export interface QuantityMismatch extends BillingMatch {
  readonly expectedQuantity: number;
  readonly billedQuantity: number;
}

export interface CurrencyTotals {
  readonly currency: string;
  /** Every line of the period (billed + unbilled). */
  readonly total: number;
  readonly billed: number;
  readonly unbilled: number;
  /** Lines no agent action explains. */
  readonly notByAgent: number;
  readonly lineItems: number;
}

/** What `qm billing` reports for one period (`formatVersion` 1 is the stable JSON shape). */
export interface BillingReport {
  readonly formatVersion: 1;
  readonly period: BillingPeriod;
  readonly customerId?: string;
  /** Agent actions found on an invoice with the expected quantity. */
  readonly matched: readonly BillingMatch[];
  /** Agent actions on open (unbilled) lines, or with no line yet. */
  readonly unbilledYet: readonly BillingMatch[];
  /** Lines no agent action explains (bought in the portal, by another tool, …). */
  readonly billedNotByAgent: readonly ReconLineItem[];
  /** Agent actions whose line carries a different quantity. */
  readonly quantityMismatches: readonly QuantityMismatch[];
  readonly totals: readonly CurrencyTotals[];
  readonly invoices: readonly Invoice[];
}
