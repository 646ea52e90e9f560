import { pcErrors } from '../errors.js';
import type { RouteRequest } from '../router.js';
import { seekCollection, type JsonObject } from '../wire.js';

/** Reconciliation pages: 2000 items unless `size` says otherwise (get-invoice-unbilled-recon-lineitems). */
export const DEFAULT_RECON_PAGE = 2000;

/**
 * Seek paging over a computed list (docs/partner-center-api.md §1.6): the first request carries
 * `size`; a page with more items answers `links.next` whose uri ends in `seekOperation=Next`
 * and whose headers (and the body's `continuationToken`) carry the token; the next request
 * sends it as `MS-ContinuationToken`. The token is opaque: the offset plus a fingerprint of
 * the query, so a token used on another query is refused.
 */
export function seekPage(
  req: RouteRequest,
  selfUri: string,
  items: readonly JsonObject[],
): JsonObject {
  const size = pageSize(req);
  const fingerprint = selfUri.split('?')[0]?.toLowerCase() ?? '';
  const token = headerToken(req);
  const offset = token === undefined ? 0 : decode(token, fingerprint);
  const page = items.slice(offset, offset + size);
  const more = offset + size < items.length;
  const next = more ? encode(offset + size, fingerprint) : undefined;
  const base = withSize(selfUri, size);
  return seekCollection(base, page, next);
}

function pageSize(req: RouteRequest): number {
  const text = req.query.get('size');
  if (text === null) return DEFAULT_RECON_PAGE;
  const size = Number(text);
  if (!Number.isInteger(size) || size < 1)
    throw pcErrors.badInput('size must be a positive integer.');
  return Math.min(size, DEFAULT_RECON_PAGE);
}

function headerToken(req: RouteRequest): string | undefined {
  const value = req.headers['ms-continuationtoken'];
  const token = Array.isArray(value) ? value[0] : value;
  return token === undefined || token === '' ? undefined : token;
}

function withSize(uri: string, size: number): string {
  return `${uri}${uri.includes('?') ? '&' : '?'}size=${size}`;
}

function encode(offset: number, fingerprint: string): string {
  return Buffer.from(`recon,${offset},${fingerprint}`).toString('base64url');
}

function decode(token: string, fingerprint: string): number {
  const [tag, offsetText, ...rest] = Buffer.from(token, 'base64url').toString('utf8').split(',');
  const offset = Number(offsetText);
  if (
    tag !== 'recon' ||
    !Number.isInteger(offset) ||
    offset < 0 ||
    rest.join(',') !== fingerprint
  ) {
    throw pcErrors.badInput('The continuation token is not valid.');
  }
  return offset;
}
