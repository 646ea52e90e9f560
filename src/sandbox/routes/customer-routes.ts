import { requireCustomer, type SandboxContext } from '../engine/context.js';
import { pcErrors } from '../errors.js';
import { renderCustomer } from '../render/render-catalog.js';
import type { Route, RouteRequest, RouteResult } from '../router.js';
import { seekCollection } from '../wire.js';

const DEFAULT_PAGE = 100;
const MAX_PAGE = 500;

/**
 * `GET /v1/customers?size=N` with seek paging (docs/partner-center-api.md §1.6): a page with more
 * items carries `links.next` (`uri` ending in `seekOperation=Next`, the token in its headers)
 * and `continuationToken`; the next page is a GET of that uri with `MS-ContinuationToken`.
 * Tokens are opaque (the last row's sequence number, encoded).
 */
function listCustomers(ctx: SandboxContext, req: RouteRequest): RouteResult {
  const sizeText = req.query.get('size');
  const size = sizeText === null ? DEFAULT_PAGE : Number(sizeText);
  if (!Number.isInteger(size) || size < 1)
    throw pcErrors.badInput('size must be a positive integer.');
  const limit = Math.min(size, MAX_PAGE);
  const tokenHeader = req.headers['ms-continuationtoken'];
  const token = Array.isArray(tokenHeader) ? tokenHeader[0] : tokenHeader;
  const after = token === undefined || token === '' ? 0 : decodeToken(token);
  const rows = ctx.store.page('customer', after, limit + 1);
  const page = rows.slice(0, limit);
  const items = page.map((row) => renderCustomer(row.record));
  const last = page[page.length - 1];
  const more = rows.length > limit && last !== undefined;
  const next = more ? encodeToken(last.seq) : undefined;
  return {
    status: 200,
    body: seekCollection(`/customers?size=${limit}`, items, next),
  };
}

function encodeToken(seq: number): string {
  return Buffer.from(`seek,${seq},qm-sandbox`).toString('base64url');
}

function decodeToken(token: string): number {
  const parts = Buffer.from(token, 'base64url').toString('utf8').split(',');
  const seq = Number(parts[1]);
  if (parts[0] !== 'seek' || !Number.isInteger(seq)) {
    throw pcErrors.badInput('The continuation token is not valid.');
  }
  return seq;
}

function getCustomer(ctx: SandboxContext, req: RouteRequest): RouteResult {
  return { status: 200, body: renderCustomer(requireCustomer(ctx, req.params.customerId ?? '')) };
}

export const CUSTOMER_ROUTES: readonly Route[] = [
  { method: 'GET', pattern: '/customers', family: 'customers', handle: listCustomers },
  { method: 'GET', pattern: '/customers/{customerId}', family: 'customers', handle: getCustomer },
];
