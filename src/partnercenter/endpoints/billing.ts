import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Invoice, InvoiceSummary, ReconLineItem } from '../../model/index.js';
import type { Caller } from '../caller.js';
import { PartnerCenterError } from '../errors.js';
import { mapInvoice, mapInvoiceSummary, mapReconLineItem } from '../map/billing.js';
import { decodeBody, decodeEach, query, seg } from './decode.js';
import { signalOf, type ReadOptions } from './options.js';
import { readAllPages } from './paging.js';

/** Reconciliation pages default to 2000 lines (get-invoice-unbilled-recon-lineitems). */
export const DEFAULT_RECON_PAGE_SIZE = 2000;

export interface PagedReadOptions extends ReadOptions {
  /** `size` of each page. @default 2000 for line items, 200 for invoices */
  readonly pageSize?: number;
}

/** Unbilled periods Partner Center accepts: the current month or the one before. */
export type UnbilledPeriod = 'current' | 'previous';

/**
 * Invoices and reconciliation (docs/partner-center-billing.md). Line items follow
 * `MS-ContinuationToken` seek paging to the end; invoices follow `links.next` (offset paging).
 */
export interface BillingApi {
  /** The account balance: `GET /v1/invoices/summary` (get-the-reseller-s-current-account-balance). */
  balance(options?: ReadOptions): Promise<InvoiceSummary>;
  /** One summary per currency: `GET /v1/invoices/summaries` (App+User only; get-invoice-summaries). */
  summaries(options?: ReadOptions): Promise<InvoiceSummary[]>;
  /** Every invoice: `GET /v1/invoices?size&offset` (get-a-collection-of-invoices). */
  listInvoices(options?: PagedReadOptions): Promise<Invoice[]>;
  /** `GET /v1/invoices/{id}` (App+User only; get-invoice-by-id). */
  getInvoice(invoiceId: string, options?: ReadOptions): Promise<Invoice>;
  /**
   * The billed reconciliation lines of an invoice:
   * `GET /v1/invoices/{id}/lineitems/OneTime/BillingLineItems?size=N`, then `seekOperation=Next`
   * with `MS-ContinuationToken` (get-invoiceline-items).
   */
  billedLineItems(invoiceId: string, options?: PagedReadOptions): Promise<ReconLineItem[]>;
  /**
   * Open lines of `currency` for the current or previous month:
   * `GET /v1/invoices/unbilled/lineitems?provider=onetime&invoicelineitemtype=billinglineitems&currencycode&period&size`
   * (get-invoice-unbilled-recon-lineitems).
   */
  unbilledLineItems(
    currency: string,
    period: UnbilledPeriod,
    options?: PagedReadOptions,
  ): Promise<ReconLineItem[]>;
  /** The PDF statement bytes: `GET /v1/invoices/{id}/documents/statement` (App+User only; get-invoice-statement). */
  statement(invoiceId: string, options?: ReadOptions): Promise<Uint8Array>;
  /**
   * Downloads the statement to `path` (parent folders created), returning its size.
   * @throws PartnerCenterError `malformed-response` when the body is not a PDF.
   */
  saveStatement(
    invoiceId: string,
    path: string,
    options?: ReadOptions,
  ): Promise<{ readonly path: string; readonly bytes: number }>;
}

export function createBillingApi(call: Caller): BillingApi {
  const lineItems = async (
    firstPath: string,
    options?: PagedReadOptions,
  ): Promise<ReconLineItem[]> => {
    const items = await readAllPages(call, firstPath, 'reconciliation line items', options?.signal);
    return decodeEach(items, mapReconLineItem);
  };
  const statement = async (invoiceId: string, options?: ReadOptions): Promise<Uint8Array> => {
    const path = `/v1/invoices/${seg(invoiceId)}/documents/statement`;
    const result = await call({
      method: 'GET',
      path,
      headers: { accept: 'application/pdf' },
      expect: 'bytes',
      ...signalOf(options),
    });
    const bytes = result.bytes ?? new Uint8Array();
    if (Buffer.from(bytes.subarray(0, 5)).toString('latin1') !== '%PDF-') {
      throw new PartnerCenterError(
        'malformed-response',
        result.status,
        result.requestId,
        `GET ${path} did not return a PDF`,
      );
    }
    return bytes;
  };
  return {
    async balance(options) {
      const result = await call({
        method: 'GET',
        path: '/v1/invoices/summary',
        ...signalOf(options),
      });
      return decodeBody(result, mapInvoiceSummary);
    },
    async summaries(options) {
      const items = await readAllPages(
        call,
        '/v1/invoices/summaries',
        'invoice summaries',
        options?.signal,
      );
      return decodeEach(items, mapInvoiceSummary);
    },
    async listInvoices(options) {
      const path = `/v1/invoices${query({ size: options?.pageSize ?? 200, offset: 0 })}`;
      const items = await readAllPages(call, path, 'invoices', options?.signal);
      return decodeEach(items, mapInvoice);
    },
    async getInvoice(invoiceId, options) {
      const result = await call({
        method: 'GET',
        path: `/v1/invoices/${seg(invoiceId)}`,
        ...signalOf(options),
      });
      return decodeBody(result, mapInvoice);
    },
    billedLineItems(invoiceId, options) {
      const size = options?.pageSize ?? DEFAULT_RECON_PAGE_SIZE;
      return lineItems(
        `/v1/invoices/${seg(invoiceId)}/lineitems/OneTime/BillingLineItems${query({ size })}`,
        options,
      );
    },
    unbilledLineItems(currency, period, options) {
      const size = options?.pageSize ?? DEFAULT_RECON_PAGE_SIZE;
      const params = {
        provider: 'onetime',
        invoicelineitemtype: 'billinglineitems',
        currencycode: currency.toLowerCase(),
        period,
        size,
      };
      return lineItems(`/v1/invoices/unbilled/lineitems${query(params)}`, options);
    },
    statement,
    async saveStatement(invoiceId, path, options) {
      const bytes = await statement(invoiceId, options);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, bytes);
      return { path, bytes: bytes.length };
    },
  };
}
