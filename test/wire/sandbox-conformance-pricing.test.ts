/* eslint-disable @typescript-eslint/no-explicit-any -- line items are read loosely. */
/**
 * Suite 3, price sheets: the sandbox answers `GET /v1.0/sales/pricesheets(...)/$value` like the
 * documented example (test/wire/corpus/pricing/get-a-price-sheet.response.json): its headers,
 * and a CSV whose header has every documented column that applies to licences and whose cells
 * are written as the documented row writes them. The example is an `azure_consumption` sheet:
 * its `MeterIds` and `MeterType` columns are consumption meters' and are not expected in a
 * licence sheet; the sandbox writes the NCE column set (docs/partner-center-api.md §14), which
 * adds `BillingPlan`, `ERP Price` and `Segment`. Then the sandbox bills exactly `UnitPrice ×
 * quantity` for a purchase of a sheet row.
 */
import { describe, expect, it } from 'vitest';
import { CONTOSO, CONTOSO_AZURE_PLAN, FABRIKAM, boot, type Api } from '../sandbox/helpers.js';
import {
  getRaw,
  parseCsv,
  sheetPath,
  sheetRecords,
  type SheetReply,
} from '../sandbox/pricesheet-helpers.js';
import { fixture, type Fixture } from './corpus.js';

const FILE = 'pricing/get-a-price-sheet.response.json';
/** Documented columns of consumption meters, not of licences. */
const CONSUMPTION_ONLY = new Set(['MeterIds', 'MeterType']);
/** Headers whose documented value is the same for every sheet. */
const FIXED_HEADERS = ['Content-Type', 'Content-Disposition', 'Cache-Control'];

/** The example's CSV text (its body is a string: the corpus stores non-JSON bodies as text). */
function csvText(example: Fixture): string {
  if (typeof example.body !== 'string') throw new Error(`${example.file}: body is not CSV text`);
  return example.body;
}

/** Column names of a header line: quotes (also the example's stray `“`) stripped. */
function columns(text: string): string[] {
  const [first = ''] = text.split(/\r?\n/);
  return first.split(',').map((name) => name.trim().replace(/^["“”]+|["“”]+$/g, ''));
}

/** Columns that hold amounts (ids such as `SkuId` `0002` are text, whatever their digits). */
const AMOUNTS = new Set(['UnitPrice', 'PricingTierRangeMin', 'PricingTierRangeMax', 'ERP Price']);

/** How a cell is written: empty, a decimal amount, a `3/1/2018 12:00:00 AM` date, or text. */
function cellShape(column: string, value: string): string {
  const v = value.replace(/[“”]$/, '');
  if (v === '') return 'empty';
  if (AMOUNTS.has(column)) return /^-?\d+(\.\d+)?$/.test(v) ? 'decimal' : 'text';
  if (/^\d{1,2}\/\d{1,2}\/\d{4} \d{1,2}:\d{2}:\d{2} (AM|PM)$/.test(v)) return 'date';
  return 'text';
}

/** Every way the answer differs from the documented example, each line naming the fixture. */
function sheetConformance(example: Fixture, answer: SheetReply): string[] {
  const file = example.file;
  const problems: string[] = [];
  if (answer.status !== example.status)
    problems.push(`${file} status: expected ${example.status}, answered ${answer.status}`);
  for (const name of Object.keys(example.headers)) {
    const got = answer.headers[name.toLowerCase()];
    if (got === undefined) problems.push(`${file} header ${name}: documented, not answered`);
    else if (FIXED_HEADERS.includes(name) && got !== example.headers[name])
      problems.push(
        `${file} header ${name}: documented ${JSON.stringify(example.headers[name])}, answered ${JSON.stringify(got)}`,
      );
  }
  // The example closes its last field with a typographic quote (`"Tags“`): read it as `"`.
  const documented = csvText(example).replace(/[“”](?=\r?\n)/g, '"');
  const ours = columns(answer.text);
  for (const name of columns(documented).filter((c) => !CONSUMPTION_ONLY.has(c)))
    if (!ours.includes(name)) problems.push(`${file} column "${name}": documented, not answered`);
  const [, docRow = []] = parseCsv(documented);
  const [header = [], ourRow = []] = parseCsv(answer.text);
  columns(documented).forEach((name, i) => {
    const at = header.indexOf(name);
    if (at < 0) return;
    const want = cellShape(name, docRow[i] ?? '');
    const got = cellShape(name, ourRow[at] ?? '');
    if (want !== got) problems.push(`${file} row[0].${name}: documented ${want}, answered ${got}`);
  });
  if (!/^("[^"]*"(,"[^"]*")*\r\n)+$/.test(answer.text))
    problems.push(`${file} body: not every field quoted with CRLF line ends`);
  return problems;
}

describe.each(['extended', 'documented'] as const)('price sheets in the %s dialect', (dialect) => {
  it('answers the documented request shape with the documented headers and columns', async () => {
    const { sandbox } = await boot({ dialect });
    // As the documented request: lower-case market, a history month.
    const answer = await getRaw(
      sandbox,
      sheetPath('us', 'updatedlicensebased', '?timeline=history&month=202603'),
    );
    expect(sheetConformance(fixture(FILE), answer)).toEqual([]);
  });
});

describe('the comparison on a deliberately wrong fixture', () => {
  it('reports a missing column, a cell written differently and a header value, with the path', async () => {
    const { sandbox } = await boot();
    const answer = await getRaw(sandbox, sheetPath('US', 'updatedlicensebased'));
    const example = fixture(FILE);
    const body = csvText(example)
      .replace('"Currency",', '"Currency","MeterRegion",')
      .replace('"USD",', '"USD","US East 2",')
      .replace('"3/1/2018 12:00:00 AM"', '"2018-03-01T00:00:00Z"');
    const wrong: Fixture = {
      ...example,
      body,
      headers: { ...example.headers, 'Content-Disposition': 'attachment; filename=prices.csv' },
    };
    expect(sheetConformance(wrong, answer)).toEqual([
      `${FILE} header Content-Disposition: documented "attachment; filename=prices.csv", answered "attachment; filename=pricesheet"`,
      `${FILE} column "MeterRegion": documented, not answered`,
      `${FILE} row[0].EffectiveStartDate: documented text, answered date`,
    ]);
  });
});

/** Buys one row of a sheet and returns its `new` recon line. */
async function buyRow(
  api: Api,
  customerId: string,
  row: Record<string, string>,
  quantity: number,
): Promise<any> {
  const plan = row.BillingPlan === 'OneTime' ? 'one_time' : row.BillingPlan!.toLowerCase();
  const catalogItemId = await api.catalogItemId(customerId, row.ProductId!, row.SkuId!);
  const reservation = row.ProductId === 'DZH318Z0BQ4T';
  const line = {
    catalogItemId,
    quantity,
    billingCycle: plan,
    ...(row.TermDuration === '' ? {} : { termDuration: row.TermDuration }),
    ...(reservation
      ? { provisioningContext: { subscriptionId: CONTOSO_AZURE_PLAN, scope: 'Shared' } }
      : {}),
  };
  const result = await api.buy(customerId, line);
  if (result.status !== 201) throw new Error(`checkout failed: ${result.text}`);
  const orderId = result.body.orders[0].id;
  const currency = row.Currency!.toLowerCase();
  const lines = await api.get(
    `/v1/invoices/unbilled/lineitems?provider=onetime&invoicelineitemtype=billinglineitems&currencycode=${currency}&period=current`,
  );
  return lines.body.items.find((l: any) => l.orderId === orderId);
}

describe('a sheet row is what the sandbox bills', () => {
  it('a purchase of a row is billed UnitPrice × quantity, in the row’s currency', async () => {
    const { api, sandbox } = await boot();
    await api.post(`/v1/customers/${CONTOSO}/subscriptions/${CONTOSO_AZURE_PLAN}/registrations`);
    const sheet = async (market: string, view: string) =>
      sheetRecords((await getRaw(sandbox, sheetPath(market, view))).text);
    const us = await sheet('US', 'updatedlicensebased');
    const de = await sheet('DE', 'updatedlicensebased');
    const picks: [string, Record<string, string>, number][] = [
      [CONTOSO, us.find((r) => r.ProductId === 'CFQ7TTC0LCHC' && r.BillingPlan === 'Annual')!, 3],
      [CONTOSO, us.find((r) => r.ProductId === 'CFQ7TTC0HD33' && r.TermDuration === 'P1M')!, 7],
      [FABRIKAM, de.find((r) => r.BillingPlan === 'Triennial')!, 2],
      [CONTOSO, (await sheet('US', 'marketplace')).find((r) => r.BillingPlan === 'Annual')!, 5],
      [FABRIKAM, (await sheet('DE', 'software'))[0]!, 4],
      [CONTOSO, (await sheet('US', 'azure_reservations')).find((r) => r.SkuId === '0059')!, 2],
    ];
    for (const [customerId, row, quantity] of picks) {
      const line = await buyRow(api, customerId, row, quantity);
      const what = `${row.ProductId}:${row.SkuId} ${row.TermDuration} ${row.BillingPlan}`;
      expect([what, line.chargeType, line.currency, line.unitPrice, Number(line.subtotal)]).toEqual(
        [
          what,
          'new',
          row.Currency,
          row.UnitPrice,
          Math.round(Number(row.UnitPrice) * quantity * 100) / 100,
        ],
      );
    }
  });
});
