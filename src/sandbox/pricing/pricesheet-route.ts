import { randomUUID } from 'node:crypto';
import type { SandboxContext } from '../engine/context.js';
import { PcHttpError, pcErrors } from '../errors.js';
import type { Route, RouteRequest, RouteResult } from '../router.js';
import { monthOf, shiftMonth } from './price-changes.js';
import { renderSheet } from './sheet-csv.js';
import { SHEET_VIEWS, sheetRows, type SheetView } from './sheet-rows.js';
import { zipOne } from './zip-one.js';

/**
 * `GET /v1.0/sales/pricesheets(Market='{market}',PricesheetView='{view}')/$value
 * [?timeline=current|future|history&month=YYYYMM]` (get-a-price-sheet; docs/sandbox.md, Price
 * sheets): the catalog's prices in the market's currency as a CSV file, zipped when the request
 * accepts `deflate`. App+User only.
 */

const SEGMENT = /^pricesheets\((.*)\)$/i;

/** `Market='US',PricesheetView='software'` → `{ market: 'US', pricesheetview: 'software' }`. */
function parseKeys(segment: string): Record<string, string> | undefined {
  const inner = SEGMENT.exec(segment)?.[1];
  if (inner === undefined) return undefined;
  const keys: Record<string, string> = {};
  for (const part of inner.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const value = part.slice(eq + 1).trim();
    keys[part.slice(0, eq).trim().toLowerCase()] = value.replace(/^'(.*)'$/, '$1');
  }
  return keys;
}

/** Query parameters by lower-case name (`Timeline` = `timeline`). */
function queryValue(req: RouteRequest, name: string): string | undefined {
  for (const [key, value] of req.query) if (key.toLowerCase() === name) return value;
  return undefined;
}

/** The month (`YYYY-MM`) the request asks for. */
function requestedMonth(ctx: SandboxContext, req: RouteRequest): string {
  const current = monthOf(ctx.clock.now());
  const timeline = (queryValue(req, 'timeline') ?? 'current').trim().toLowerCase();
  if (timeline === 'current') return current;
  if (timeline === 'future') return shiftMonth(current, 1);
  if (timeline !== 'history')
    throw pcErrors.badInput(
      `timeline '${timeline}' is not valid; use current, future or history (with month=YYYYMM).`,
    );
  const month = queryValue(req, 'month')?.trim();
  if (month === undefined || month === '')
    throw pcErrors.badInput('month is required with timeline=history; add month=YYYYMM.');
  if (!/^\d{4}(0[1-9]|1[0-2])$/.test(month))
    throw pcErrors.badInput(`month '${month}' is not valid; write YYYYMM (e.g. 202601).`);
  const wanted = `${month.slice(0, 4)}-${month.slice(4)}`;
  if (wanted > current)
    throw pcErrors.badInput(
      `month '${month}' is after the current month; use timeline=current or timeline=future.`,
    );
  return wanted;
}

/** True when `Accept-Encoding` lists `deflate` (or `*`) with a non-zero quality. */
function acceptsDeflate(header: string | string[] | undefined): boolean {
  const text = Array.isArray(header) ? header.join(',') : (header ?? '');
  return text.split(',').some((token) => {
    const [name = '', ...params] = token.split(';').map((p) => p.trim().toLowerCase());
    const q = params.find((p) => p.startsWith('q='));
    return (name === 'deflate' || name === '*') && (q === undefined || Number(q.slice(2)) > 0);
  });
}

function priceSheet(ctx: SandboxContext, req: RouteRequest): RouteResult {
  const keys = parseKeys(req.params.sheet ?? '');
  if (keys === undefined) throw pcErrors.notFound(`/v1.0/sales/${req.params.sheet ?? ''}/$value`);
  if (req.principal === 'app-only')
    throw new PcHttpError(403, '900329', 'App+User authentication is supported, not App only.');
  const market = (keys.market ?? '').toUpperCase();
  if (!/^[A-Z]{2}$/.test(market))
    throw pcErrors.badInput(
      `Market '${keys.market ?? ''}' is not a two-letter country code; write Market='US'.`,
    );
  if (!ctx.catalog.catalog.markets.some((m) => m.toUpperCase() === market))
    throw pcErrors.badInput(
      `Market '${market}' has no price sheet here; the sandbox sells in ${ctx.catalog.catalog.markets.join(', ')}.`,
    );
  const view = (keys.pricesheetview ?? '').toLowerCase();
  if (!(SHEET_VIEWS as readonly string[]).includes(view))
    throw pcErrors.badInput(
      `PricesheetView '${keys.pricesheetview ?? ''}' is not valid; use one of ${SHEET_VIEWS.join(', ')}.`,
    );
  const month = requestedMonth(ctx, req);
  const csv = Buffer.from(renderSheet(sheetRows(ctx.catalog, market, view as SheetView, month)));
  const requestId = req.headers['ms-requestid'];
  return {
    status: 200,
    rawBody: acceptsDeflate(req.headers['accept-encoding'])
      ? zipOne('pricesheet.csv', csv, ctx.clock.now())
      : csv,
    headers: {
      'Cache-Control': 'private',
      'Content-Type': 'application/octet-stream',
      'Content-Disposition': 'attachment; filename=pricesheet',
      'Request-ID': typeof requestId === 'string' ? requestId : randomUUID(),
    },
  };
}

export const PRICESHEET_ROUTES: readonly Route[] = [
  {
    method: 'GET',
    root: '/v1.0',
    pattern: '/sales/{sheet}/$value',
    family: 'pricing',
    handle: priceSheet,
  },
];
