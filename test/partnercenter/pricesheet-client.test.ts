import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { PriceRow } from '../../src/model/index.js';
import {
  createPriceSheetClient,
  createStaticTokenSource,
  PartnerCenterError,
  priceSheetUrl,
  type PriceSheetRequest,
} from '../../src/partnercenter/index.js';
import { ManualClock } from '../../src/support/index.js';
import { csvLine, NCE_HEADER, nceRow, zipOne } from './pricesheet-fixtures.js';

const SHEET = Buffer.from(
  csvLine(NCE_HEADER) +
    nceRow('CFQ7TTC0LH18', '0001', 'P1Y', 'Annual', 264) +
    nceRow('CFQ7TTC0LH18', '0001', 'P1M', 'Monthly', 26.4),
);

interface Seen {
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
}

/** What the server does next: a function of the request. */
let answer: (req: IncomingMessage, res: ServerResponse) => void;
const seen: Seen[] = [];
let server: Server;
let baseUrl: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push({ url: req.url ?? '', headers: req.headers });
    answer(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));
beforeEach(() => {
  seen.length = 0;
});

const current: PriceSheetRequest = {
  market: 'us',
  view: 'updatedlicensebased',
  timeline: 'current',
  month: '2026-03',
};

function client(clock = new ManualClock(new Date('2026-03-10T00:00:00Z'))) {
  return createPriceSheetClient({
    baseUrl,
    tokenSource: createStaticTokenSource('pricing-token'),
    clock,
    retry: { jitter: () => 0, baseDelayMs: 1 },
  });
}

async function collect(iterable: AsyncIterable<PriceRow>): Promise<PriceRow[]> {
  const rows: PriceRow[] = [];
  for await (const row of iterable) rows.push(row);
  return rows;
}

function csv(res: ServerResponse, body: Buffer, headers: Record<string, string> = {}): void {
  res.writeHead(200, {
    'content-type': 'application/octet-stream',
    'content-disposition': 'attachment; filename=pricesheet',
    ...headers,
  });
  res.end(body);
}

function error(res: ServerResponse, status: number, code: number, description: string): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ code, description }));
}

describe('price sheet client against a local HTTP server', () => {
  it('builds the documented example request (the market upper-case: markets are case-insensitive)', () => {
    const file = join(import.meta.dirname, '../wire/corpus/pricing/get-a-price-sheet.request.json');
    const documented = existsSync(file)
      ? (JSON.parse(readFileSync(file, 'utf8')) as { url: string }).url
      : "https://api.partner.microsoft.com/v1.0/sales/pricesheets(Market='ad',PricesheetView='azure_consumption')/$value?timeline=history&month=201909";
    const { url } = priceSheetUrl('https://api.partner.microsoft.com/', {
      market: 'ad',
      view: 'azure_consumption',
      timeline: 'history',
      month: '2019-09',
    });
    expect(url).toBe(documented.replace("Market='ad'", "Market='AD'"));
  });

  it('sends the documented request (path, no query for current, deflate, bearer) and streams the plain CSV', async () => {
    answer = (_req, res) => csv(res, SHEET);
    const rows = await collect(client().streamPriceSheet(current));
    expect(rows.map((r) => [r.termDuration, r.billingPlan, r.unitPrice])).toEqual([
      ['P1Y', 'annual', 264],
      ['P1M', 'monthly', 26.4],
    ]);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.url).toBe(
      "/v1.0/sales/pricesheets(Market='US',PricesheetView='updatedlicensebased')/$value",
    );
    expect(seen[0]?.headers).toMatchObject({
      'accept-encoding': 'deflate',
      authorization: 'Bearer pricing-token',
    });
    expect(seen[0]?.headers['ms-requestid']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('asks for the future sheet with timeline=future and a past month with timeline=history&month=YYYYMM', async () => {
    answer = (_req, res) => csv(res, SHEET);
    await collect(client().streamPriceSheet({ ...current, timeline: 'future', month: '2026-04' }));
    await collect(
      client().streamPriceSheet({
        ...current,
        view: 'azure_reservations',
        timeline: 'history',
        month: '2025-11',
      }),
    );
    expect(seen.map((s) => s.url)).toEqual([
      "/v1.0/sales/pricesheets(Market='US',PricesheetView='updatedlicensebased')/$value?timeline=future",
      "/v1.0/sales/pricesheets(Market='US',PricesheetView='azure_reservations')/$value?timeline=history&month=202511",
    ]);
  });

  it('reads a zipped answer and an HTTP-deflated one', async () => {
    answer = (_req, res) => csv(res, zipOne('pricesheet.csv', SHEET));
    const zipped = await collect(client().streamPriceSheet(current));
    answer = (_req, res) => csv(res, deflateSync(SHEET), { 'content-encoding': 'deflate' });
    const deflated = await collect(client().streamPriceSheet(current));
    expect(zipped).toHaveLength(2);
    expect(deflated).toEqual(zipped);
  });

  it('turns a 403 into an error naming the call, the code and the App+User Admin/Sales agent rule; no retry', async () => {
    answer = (_req, res) =>
      error(res, 403, 900329, 'App+User authentication is supported, not App only');
    const failure = await collect(client().streamPriceSheet(current)).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(PartnerCenterError);
    expect(failure).toMatchObject({ code: '900329', status: 403 });
    const message = (failure as Error).message;
    expect(message).toContain(
      "GET /v1.0/sales/pricesheets(Market='US',PricesheetView='updatedlicensebased')/$value failed with HTTP 403 (900329)",
    );
    expect(message).toContain('App+User tokens of a user with the Admin agent or Sales agent role');
    expect(message).toContain('partnerCenter.pricing.auth');
    expect(seen).toHaveLength(1);
  });

  it('explains a 400 and a 401', async () => {
    answer = (_req, res) => error(res, 400, 400, 'Invalid view');
    await expect(
      collect(client().streamPriceSheet({ ...current, view: 'nosuchview' })),
    ).rejects.toThrow(
      /HTTP 400 \(400\): Invalid view .*check the market \(a two-letter country\), the view/,
    );
    answer = (_req, res) => error(res, 401, 401, 'Unauthorized');
    await expect(collect(client().streamPriceSheet(current))).rejects.toThrow(
      /HTTP 401.*the pricing token was refused; check partnerCenter.pricing.auth/,
    );
  });

  it('retries a 503 under the same MS-RequestId and then streams', async () => {
    let calls = 0;
    answer = (_req, res) => (++calls === 1 ? error(res, 503, 500, 'busy') : csv(res, SHEET));
    const clock = new ManualClock(new Date('2026-03-10T00:00:00Z'));
    const pending = collect(client(clock).streamPriceSheet(current));
    // Advance exactly when the client waits on its backoff (the clock, never wall time).
    await expect.poll(() => clock.pendingSleeps).toBe(1);
    clock.advance(60_000);
    expect(await pending).toHaveLength(2);
    expect(seen).toHaveLength(2);
    expect(seen[1]?.headers['ms-requestid']).toBe(seen[0]?.headers['ms-requestid']);
  });

  it('fails with network when the body breaks off mid-stream, after the rows it read', async () => {
    answer = (_req, res) => {
      res.writeHead(200, {
        'content-type': 'application/octet-stream',
        'content-length': '100000',
      });
      res.write(SHEET);
      setTimeout(() => res.socket?.destroy(), 20);
    };
    const rows: PriceRow[] = [];
    const failure = await (async () => {
      for await (const row of client().streamPriceSheet(current)) rows.push(row);
    })().catch((e: unknown) => e);
    expect(rows).toHaveLength(2);
    expect(failure).toMatchObject({ code: 'network' });
    expect((failure as Error).message).toMatch(/broke off after 2 rows/);
  });

  it('fails with malformed-response when the body is not a price sheet', async () => {
    answer = (_req, res) => csv(res, Buffer.from('<html>sign in</html>\n'));
    await expect(collect(client().streamPriceSheet(current))).rejects.toMatchObject({
      code: 'malformed-response',
    });
  });

  it('refuses a market that is not two letters before sending', async () => {
    answer = (_req, res) => csv(res, SHEET);
    await expect(
      collect(client().streamPriceSheet({ ...current, market: "US')/x" })),
    ).rejects.toThrow(/not a two-letter country code/);
    expect(seen).toHaveLength(0);
  });
});
