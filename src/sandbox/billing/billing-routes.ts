import type { SandboxContext } from '../engine/context.js';
import { PcHttpError, pcErrors } from '../errors.js';
import type { Route, RouteRequest, RouteResult } from '../router.js';
import { link } from '../wire.js';
import { listCharges, periodOf, type Charge } from './charges.js';
import {
  findInvoice,
  listInvoices,
  shiftPeriod,
  unbilledCharges,
  type SandboxInvoice,
} from './invoices.js';
import { renderInvoice, renderLineItem, renderSummary } from './render-billing.js';
import { seekPage } from './seek-page.js';
import { buildStatementPdf } from './statement-pdf.js';

/**
 * The invoice routes (docs/partner-center-billing.md): balance, summaries, invoices, billed and
 * unbilled reconciliation line items with seek paging, and the PDF statement. Invoice by id,
 * summaries and the statement are App+User only, as their pages state.
 */

const notFound = (id: string): PcHttpError =>
  new PcHttpError(404, '800002', `Invoice ${id} not found.`);

function requireInvoice(ctx: SandboxContext, id: string): SandboxInvoice {
  const invoice = findInvoice(listCharges(ctx), ctx.clock.now(), id);
  if (invoice === undefined) throw notFound(id);
  return invoice;
}

/** `GET /invoices?size&offset`: offset paging, newest first. */
function listInvoicesRoute(ctx: SandboxContext, req: RouteRequest): RouteResult {
  const all = listInvoices(listCharges(ctx), ctx.clock.now());
  const size = Math.max(1, Number(req.query.get('size') ?? 200) || 200);
  const offset = Math.max(0, Number(req.query.get('offset') ?? 0) || 0);
  const page = all.slice(offset, offset + size);
  return {
    status: 200,
    body: {
      totalCount: page.length,
      items: page.map(renderInvoice),
      links: {
        self: link(`/invoices?size=${size}&offset=${offset}`),
        ...(offset + size < all.length
          ? { next: link(`/invoices?size=${size}&offset=${offset + size}`) }
          : {}),
      },
      attributes: { objectType: 'Collection' },
    },
  };
}

function summaries(ctx: SandboxContext): Record<string, unknown>[] {
  const now = ctx.clock.now();
  const charges = listCharges(ctx);
  const invoices = listInvoices(charges, now);
  const currencies = new Map<string, string>();
  for (const c of charges) currencies.set(c.currency, c.currencySymbol);
  return [...currencies.entries()]
    .sort(([a], [b]) => (a === 'USD' ? -1 : b === 'USD' ? 1 : a.localeCompare(b)))
    .map(([code, symbol]) =>
      renderSummary(
        code,
        symbol,
        invoices.filter((i) => i.currency === code),
        now,
      ),
    );
}

/** `GET /invoices/summary`: the account balance (USD first, else the first currency charged). */
function summaryRoute(ctx: SandboxContext): RouteResult {
  return { status: 200, body: summaries(ctx)[0] ?? renderSummary('USD', '$', [], ctx.clock.now()) };
}

function summariesRoute(ctx: SandboxContext): RouteResult {
  const items = summaries(ctx);
  return {
    status: 200,
    body: {
      totalCount: items.length,
      items,
      links: { self: link('/invoices/summaries') },
      attributes: { objectType: 'Collection' },
    },
  };
}

function getInvoiceRoute(ctx: SandboxContext, req: RouteRequest): RouteResult {
  return { status: 200, body: renderInvoice(requireInvoice(ctx, req.params.invoiceId ?? '')) };
}

/**
 * `GET /invoices/{id}/lineitems?provider=onetime&invoicelineitemtype=billinglineitems&currencycode=&period=`:
 * `unbilled` with `period=current|previous` gives the open charges of that month; an invoice id
 * gives its billed lines.
 */
function lineItemsByQuery(ctx: SandboxContext, req: RouteRequest): RouteResult {
  const provider = (req.query.get('provider') ?? '').toLowerCase();
  const type = (
    req.query.get('invoicelineitemtype') ??
    req.query.get('invoiceLineItemType') ??
    ''
  ).toLowerCase();
  if (provider !== 'onetime' && provider !== 'one_time')
    throw pcErrors.badInput('provider must be onetime.');
  if (type !== 'billinglineitems')
    throw pcErrors.badInput('invoicelineitemtype must be billinglineitems.');
  const id = req.params.invoiceId ?? '';
  if (id.toLowerCase() !== 'unbilled')
    return billed(
      ctx,
      req,
      id,
      `/invoices/${id}/lineitems?provider=onetime&invoicelineitemtype=billinglineitems`,
    );
  const currency = (
    req.query.get('currencycode') ??
    req.query.get('currencyCode') ??
    ''
  ).toUpperCase();
  if (currency === '') throw pcErrors.badInput('currencycode is required.');
  const periodName = (req.query.get('period') ?? '').toLowerCase();
  if (periodName !== 'current' && periodName !== 'previous')
    throw pcErrors.badInput('period must be current or previous.');
  const now = ctx.clock.now();
  const period = periodName === 'current' ? periodOf(now) : shiftPeriod(periodOf(now), -1);
  const items = unbilledCharges(listCharges(ctx), now, period, currency).map((c) =>
    renderLineItem(c, ''),
  );
  const self = `/invoices/unbilled/lineitems?provider=onetime&invoicelineitemtype=billinglineitems&currencycode=${currency.toLowerCase()}&period=${periodName}`;
  return { status: 200, body: seekPage(req, self, items) };
}

/** `GET /invoices/{id}/lineitems/{provider}/{type}`: billed lines; only `OneTime` has any here. */
function lineItemsByPath(ctx: SandboxContext, req: RouteRequest): RouteResult {
  const id = req.params.invoiceId ?? '';
  const provider = (req.params.provider ?? '').toLowerCase();
  const type = (req.params.lineItemType ?? '').toLowerCase();
  if (!['onetime', 'office', 'azure', 'marketplace'].includes(provider))
    throw pcErrors.badInput(`Unknown billing provider ${req.params.provider ?? ''}.`);
  if (type !== 'billinglineitems' && type !== 'usagelineitems')
    throw pcErrors.badInput(`Unknown line item type ${req.params.lineItemType ?? ''}.`);
  const self = `/invoices/${id}/lineitems/${req.params.provider ?? ''}/${req.params.lineItemType ?? ''}`;
  if (provider !== 'onetime' || type !== 'billinglineitems') {
    requireInvoice(ctx, id);
    return { status: 200, body: seekPage(req, self, []) };
  }
  return billed(ctx, req, id, self);
}

function billed(ctx: SandboxContext, req: RouteRequest, id: string, self: string): RouteResult {
  const invoice = requireInvoice(ctx, id);
  const items = invoice.charges.map((c: Charge) => renderLineItem(c, invoice.id));
  return { status: 200, body: seekPage(req, self, items) };
}

/** `GET /invoices/{id}/documents/statement`: `application/pdf`. */
function statementRoute(ctx: SandboxContext, req: RouteRequest): RouteResult {
  const invoice = requireInvoice(ctx, req.params.invoiceId ?? '');
  return {
    status: 200,
    rawBody: buildStatementPdf(invoice),
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename=Invoice_${invoice.id}.pdf`,
    },
  };
}

const fixed = (handle: (ctx: SandboxContext) => RouteResult) => (ctx: SandboxContext) =>
  handle(ctx);

/** Literal routes come before `/invoices/{invoiceId}`: the router takes the first match. */
export const BILLING_ROUTES: readonly Route[] = [
  { method: 'GET', pattern: '/invoices', family: 'invoices', handle: listInvoicesRoute },
  { method: 'GET', pattern: '/invoices/summary', family: 'invoices', handle: fixed(summaryRoute) },
  {
    method: 'GET',
    pattern: '/invoices/summaries',
    family: 'invoices',
    appUserOnly: true,
    handle: fixed(summariesRoute),
  },
  {
    method: 'GET',
    pattern: '/invoices/{invoiceId}',
    family: 'invoices',
    appUserOnly: true,
    handle: getInvoiceRoute,
  },
  {
    method: 'GET',
    pattern: '/invoices/{invoiceId}/lineitems',
    family: 'invoices',
    handle: lineItemsByQuery,
  },
  {
    method: 'GET',
    pattern: '/invoices/{invoiceId}/lineitems/{provider}/{lineItemType}',
    family: 'invoices',
    handle: lineItemsByPath,
  },
  {
    method: 'GET',
    pattern: '/invoices/{invoiceId}/documents/statement',
    family: 'invoices',
    appUserOnly: true,
    handle: statementRoute,
  },
];
