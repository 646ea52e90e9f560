import { auditLogOf } from '../audit/audit-log.js';
import { readAuditPageSize, readAuditWindow, type AuditWindow } from '../audit/audit-query.js';
import { renderAuditRecord } from '../audit/render-audit.js';
import type { SandboxContext } from '../engine/context.js';
import { pcErrors } from '../errors.js';
import type { Route, RouteRequest, RouteResult } from '../router.js';
import { seekCollection } from '../wire.js';

/**
 * `GET /v1/auditrecords?startDate=&endDate=&size=&filter=` (docs/sandbox.md "Audit records"):
 * the changes the sandbox made in the window, newest first, seek-paged like the customers list
 * (docs/partner-center-api.md §1.6): a page with more answers `links.next` — the effective
 * window, `size` and filter in its uri, ending `seekOperation=Next`, the token in its headers —
 * and `continuationToken`; the next page is a GET of that uri with `MS-ContinuationToken`.
 * Tokens are opaque: the last record's position plus a fingerprint of the window and filter,
 * so a token sent with another query is 400 `800002`.
 */
function listAuditRecords(ctx: SandboxContext, req: RouteRequest): RouteResult {
  const window = readAuditWindow(req.query, ctx.clock.now());
  const size = readAuditPageSize(req.query);
  const token = headerToken(req);
  const seeking = (req.query.get('seekOperation') ?? '').toLowerCase() === 'next';
  if (seeking && token === undefined) {
    throw pcErrors.badInput(
      'seekOperation=Next needs the MS-ContinuationToken header that came with links.next.',
    );
  }
  const fingerprint = fingerprintOf(window);
  const before = token === undefined ? undefined : decodeToken(token, fingerprint);
  const rows = auditLogOf(ctx.store).page({
    ...window,
    ...(before === undefined ? {} : { before }),
    limit: size + 1,
  });
  const page = rows.slice(0, size);
  const last = page[page.length - 1];
  const next =
    rows.length > size && last !== undefined
      ? encodeToken({ date: last.entry.operationDate, seq: last.seq }, fingerprint)
      : undefined;
  const base = uriOf(window, size);
  return {
    status: 200,
    body: seekCollection(
      base,
      page.map((row) => renderAuditRecord(row.entry, ctx.settings.dialect)),
      next,
    ),
  };
}

/** The uri of the window as resolved (explicit dates, so a later page reads the same window). */
function uriOf(window: AuditWindow, size: number): string {
  const params = new URLSearchParams({ ...window.params, size: String(size) });
  if (window.filter !== undefined) {
    const field = {
      companyName: 'CompanyName',
      customerId: 'CustomerId',
      resourceType: 'ResourceType',
    }[window.filter.field];
    const operator = window.filter.field === 'companyName' ? 'substring' : 'equals';
    params.set(
      'filter',
      JSON.stringify({ Field: field, Value: window.filter.value, Operator: operator }),
    );
  }
  return `/auditrecords?${params.toString()}`;
}

function fingerprintOf(window: AuditWindow): string {
  return [window.start, window.end, window.filter?.field ?? '', window.filter?.value ?? ''].join(
    '|',
  );
}

function headerToken(req: RouteRequest): string | undefined {
  const value = req.headers['ms-continuationtoken'];
  const token = Array.isArray(value) ? value[0] : value;
  return token === undefined || token === '' ? undefined : token;
}

function encodeToken(position: { date: string; seq: number }, fingerprint: string): string {
  return Buffer.from(
    JSON.stringify({ d: position.date, s: position.seq, q: fingerprint }),
  ).toString('base64url');
}

function decodeToken(token: string, fingerprint: string): { date: string; seq: number } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const { d, s, q } = (parsed ?? {}) as { d?: unknown; s?: unknown; q?: unknown };
  if (typeof d !== 'string' || typeof s !== 'number' || !Number.isInteger(s)) {
    throw pcErrors.badInput('The continuation token is not valid.');
  }
  if (q !== fingerprint) {
    throw pcErrors.badInput(
      'The continuation token belongs to another query: follow links.next as it was answered.',
    );
  }
  return { date: d, seq: s };
}

export const AUDIT_ROUTES: readonly Route[] = [
  { method: 'GET', pattern: '/auditrecords', family: 'audit', handle: listAuditRecords },
];
