import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadPriceBook, PRICING_NOT_CONFIGURED, writeHeld } from '../../src/agent/index.js';
import { createPricingPort } from '../../src/app/index.js';
import type { PriceQuery } from '../../src/model/index.js';
import { createStaticTokenSource } from '../../src/partnercenter/index.js';
import { openStateStore, type StateStore } from '../../src/state/index.js';
import { ManualClock } from '../../src/support/index.js';
import { csvLine, NCE_HEADER, nceRow } from '../partnercenter/pricesheet-fixtures.js';

/** Each market's price level per month; a sheet's price is level + 1 for the future sheet. */
const level: Record<string, number> = {};
/** Markets whose sheets the server refuses (403, as for an app-only token). */
const refused = new Set<string>();
const requests: string[] = [];
let server: Server;
let baseUrl: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = decodeURIComponent(req.url ?? '');
    requests.push(url);
    const market = /Market='(\w+)'/.exec(url)?.[1] ?? '';
    if (refused.has(market)) {
      res.writeHead(403, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          code: 900329,
          description: 'App+User authentication is supported, not App only',
        }),
      );
      return;
    }
    const price = (level[market] ?? 100) + (url.includes('timeline=future') ? 1 : 0);
    const view = /PricesheetView='(\w+)'/.exec(url)?.[1];
    const body =
      csvLine(NCE_HEADER) +
      (view === 'updatedlicensebased'
        ? nceRow('CFQ7TTC0LH18', '0001', 'P1Y', 'Annual', price, { market }) +
          nceRow('CFQ7TTC0LH18', '0002', 'P1Y', 'Annual', 999, { market })
        : nceRow('DZH318Z0BQ4T', '0059', 'P1Y', 'OneTime', price * 10, { market }));
    res.writeHead(200, { 'content-type': 'application/octet-stream' });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

let dir: string;
let store: StateStore;
let clock: ManualClock;
let ports: { clock: ManualClock; pricing: ReturnType<typeof createPricingPort> };

beforeEach(() => {
  requests.length = 0;
  refused.clear();
  for (const key of Object.keys(level)) delete level[key];
  dir = mkdtempSync(join(tmpdir(), 'qm-pricing-agent-'));
  clock = new ManualClock('2026-03-10T08:00:00Z');
  store = openStateStore(join(dir, 'qm.db'), { clock });
  ports = {
    clock,
    pricing: createPricingPort({
      config: {
        endpoint: { kind: 'url', baseUrl },
        auth: { mode: 'none' },
        views: ['updatedlicensebased', 'azure_reservations'],
      },
      baseUrl,
      tokenSource: createStaticTokenSource('t'),
      store,
      clock,
    }),
  };
});
afterEach(async () => {
  await ports.pricing.client.close();
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const request = {
  markets: ['us', 'DE'],
  products: [
    { productId: 'CFQ7TTC0LH18', skuId: '0001' },
    { productId: 'dzh318z0bq4t', skuId: '0059' },
  ],
};
const m365 = (market: string): PriceQuery => ({
  market,
  productId: 'CFQ7TTC0LH18',
  skuId: '0001',
  termDuration: 'P1Y',
  billingCycle: 'annual',
});

describe('loadPriceBook: price sheets refreshed once a month', () => {
  it('fetches the current and future sheet of each market and view once, then prices from the cache in the same month', async () => {
    const book = await loadPriceBook(ports, request, writeHeld);
    expect(book.notes).toEqual([]);
    expect(requests).toHaveLength(8);
    expect(requests.filter((r) => r.includes('timeline=future'))).toHaveLength(4);
    expect(book.quote(m365('US'), 'current', clock.now())).toEqual({
      currency: 'USD',
      unitPrice: 100,
      erpPrice: 125,
      source: { market: 'US', view: 'updatedlicensebased', timeline: 'current', month: '2026-03' },
    });
    expect(book.quote(m365('DE'), 'future', clock.now())?.source.month).toBe('2026-04');
    expect(
      book.quote(
        { ...m365('US'), productId: 'DZH318Z0BQ4T', skuId: '0059', billingCycle: 'one_time' },
        'current',
        clock.now(),
      )?.unitPrice,
    ).toBe(1000);
    expect(store.prices.list()).toHaveLength(8);

    clock.set('2026-03-31T23:59:00Z');
    level['US'] = 200; // would show if it were fetched again
    const again = await loadPriceBook(ports, request, writeHeld);
    expect(requests).toHaveLength(8);
    expect(again.quote(m365('US'), 'current', clock.now())?.unitPrice).toBe(100);
    expect(again.quote(m365('US'), 'future', clock.now())?.unitPrice).toBe(101);
  });

  it('fetches again in the next month and keeps one month per sheet', async () => {
    await loadPriceBook(ports, request, writeHeld);
    clock.set('2026-04-01T00:00:00Z');
    level['US'] = 200;
    const april = await loadPriceBook(ports, request, writeHeld);
    expect(requests).toHaveLength(16);
    expect(april.quote(m365('US'), 'current', clock.now())).toMatchObject({
      unitPrice: 200,
      source: { month: '2026-04', timeline: 'current' },
    });
    expect(april.quote(m365('US'), 'future', clock.now())?.source.month).toBe('2026-05');
    expect(
      store.prices
        .list()
        .map((s) => s.month)
        .sort(),
    ).toEqual([...Array<string>(4).fill('2026-04'), ...Array<string>(4).fill('2026-05')]);
  });

  it('a failed download is a note naming market, view, call and code; that market prices from the older sheet', async () => {
    await loadPriceBook(ports, request, writeHeld);
    clock.set('2026-04-02T00:00:00Z');
    refused.add('DE');
    level['US'] = 200;
    const book = await loadPriceBook(ports, { ...request, markets: ['US', 'DE', 'FR'] }, writeHeld);
    expect(book.quote(m365('US'), 'current', clock.now())?.unitPrice).toBe(200);
    expect(book.quote(m365('DE'), 'current', clock.now())).toMatchObject({
      unitPrice: 100,
      source: { market: 'DE', month: '2026-03' },
    });
    expect(book.quote(m365('FR'), 'current', clock.now())?.source.month).toBe('2026-04');
    const de = book.notes.filter((n) => n.includes('market DE'));
    expect(de).toHaveLength(4);
    expect(de[0]).toContain(
      'the current updatedlicensebased price sheet of market DE (2026-04) could not be read (900329)',
    );
    expect(de[0]).toContain(
      "GET /v1.0/sales/pricesheets(Market='DE',PricesheetView='updatedlicensebased')/$value",
    );
    expect(de[0]).toContain('Admin agent or Sales agent');
    expect(de[0]).toContain('prices come from the 2026-03 sheet fetched 2026-03-10T08:00:00.000Z');
  });

  it('a market that never had a sheet stays unpriced and says so', async () => {
    refused.add('DE');
    const book = await loadPriceBook(ports, request, writeHeld);
    expect(book.quote(m365('DE'), 'current', clock.now())).toBeUndefined();
    expect(book.quote(m365('US'), 'current', clock.now())?.unitPrice).toBe(100);
    expect(book.notes).toHaveLength(4);
    expect(book.notes[0]).toMatch(/market DE .* its items in DE are unpriced$/);
  });

  it('prices from the download when nothing can be written (lease held elsewhere), and fetches again next time', async () => {
    const skipped = <T>(): T | undefined => undefined;
    const book = await loadPriceBook(ports, request, skipped);
    expect(book.quote(m365('US'), 'current', clock.now())?.unitPrice).toBe(100);
    expect(store.prices.list()).toEqual([]);
    await loadPriceBook(ports, request, writeHeld);
    expect(requests).toHaveLength(16);
  });

  it('is an empty book with a note when pricing is not configured', async () => {
    const book = await loadPriceBook({ clock }, request, writeHeld);
    expect(book.notes).toEqual([PRICING_NOT_CONFIGURED]);
    expect(book.quote(m365('US'), 'current', clock.now())).toBeUndefined();
    expect(requests).toHaveLength(0);
  });
});
