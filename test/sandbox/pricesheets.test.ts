import { describe, expect, it } from 'vitest';
import { SANDBOX_TOKENS, boot, expectPcError } from './helpers.js';
import { getRaw, sheetPath, sheetRecords, unzipOne } from './pricesheet-helpers.js';

const NCE_HEADER =
  '"ProductTitle","ProductId","SkuId","SkuTitle","Publisher","SkuDescription","UnitOfMeasure",' +
  '"TermDuration","BillingPlan","Market","Currency","UnitPrice","PricingTierRangeMin",' +
  '"PricingTierRangeMax","EffectiveStartDate","EffectiveEndDate","Tags","ERP Price","Segment"\r\n';

type Row = Record<string, string>;
const pick = (rows: Row[], productId: string, term: string, plan: string, skuId?: string): Row => {
  const row = rows.find(
    (r) =>
      r.ProductId === productId &&
      r.TermDuration === term &&
      r.BillingPlan === plan &&
      (skuId === undefined || r.SkuId === skuId),
  );
  if (row === undefined) throw new Error(`no row ${productId} ${term} ${plan}`);
  return row;
};
const prices = (rows: Row[]): string[][] =>
  rows.map((r) => [r.TermDuration!, r.BillingPlan!, r.UnitPrice!, r['ERP Price']!]);

describe('sandbox price sheets (GET /v1.0/sales/pricesheets(...)/$value)', () => {
  it('answers the NCE licence sheet of the current month as a quoted CRLF CSV file', async () => {
    const { sandbox } = await boot();
    const reply = await getRaw(sandbox, sheetPath('US', 'updatedlicensebased'));
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('application/octet-stream');
    expect(reply.headers['content-disposition']).toBe('attachment; filename=pricesheet');
    expect(reply.headers['request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(reply.text.startsWith(NCE_HEADER)).toBe(true);
    expect(reply.text.endsWith('\r\n')).toBe(true);
    expect(reply.text.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);

    const rows = sheetRecords(reply.text);
    // 9 licence SKUs: three with 6 term/billing pairs (P3Y too), six with 3.
    expect(rows).toHaveLength(36);
    expect(new Set(rows.map((r) => r.Currency))).toEqual(new Set(['USD']));
    const premium = rows.filter((r) => r.ProductId === 'CFQ7TTC0LCHC');
    expect(prices(premium)).toEqual([
      ['P1M', 'Monthly', '22', '27.5'],
      ['P1Y', 'Monthly', '22', '27.5'],
      ['P1Y', 'Annual', '264', '330'],
      ['P3Y', 'Monthly', '22', '27.5'],
      ['P3Y', 'Annual', '264', '330'],
      ['P3Y', 'Triennial', '792', '990'],
    ]);
    expect(premium[0]).toMatchObject({
      ProductTitle: 'Microsoft 365 Business Premium',
      SkuId: '0002',
      Publisher: 'Microsoft Corporation',
      Market: 'US',
      PricingTierRangeMin: '',
      PricingTierRangeMax: '',
      EffectiveStartDate: '3/1/2026 12:00:00 AM',
      EffectiveEndDate: '3/31/2026 11:59:59 PM',
      Segment: 'Commercial',
    });
  });

  it('prices each market in its currency (lower-case market accepted), whole yen in Japan', async () => {
    const { sandbox } = await boot();
    const de = sheetRecords((await getRaw(sandbox, sheetPath('de', 'updatedlicensebased'))).text);
    expect(pick(de, 'CFQ7TTC0LCHC', 'P1Y', 'Monthly')).toMatchObject({
      Market: 'DE',
      Currency: 'EUR',
      UnitPrice: '20.24',
      'ERP Price': '25.3',
    });
    const jp = sheetRecords((await getRaw(sandbox, sheetPath('JP', 'updatedlicensebased'))).text);
    expect(pick(jp, 'CFQ7TTC0LDPB', 'P1Y', 'Annual')).toMatchObject({
      Currency: 'JPY',
      UnitPrice: '22500', // 12.5 × 12 × 150
      'ERP Price': '28125',
    });
  });

  it('lists each product in the view of its product type', async () => {
    const { sandbox } = await boot();
    const view = async (name: string) =>
      sheetRecords((await getRaw(sandbox, sheetPath('US', name))).text);
    const reservations = await view('azure_reservations');
    expect(new Set(reservations.map((r) => r.ProductId))).toEqual(new Set(['DZH318Z0BQ4T']));
    expect(prices(reservations.filter((r) => r.SkuId === '0059'))).toEqual([
      ['P1Y', 'OneTime', '840', '1050'],
      ['P1Y', 'Monthly', '70', '87.5'],
      ['P3Y', 'OneTime', '2520', '3150'],
      ['P3Y', 'Monthly', '70', '87.5'],
    ]);
    const software = await view('software');
    expect(software.map((r) => [r.ProductId, r.TermDuration, r.BillingPlan])).toEqual([
      ['DG7GMGF0FKZV', '', 'OneTime'],
      ['DG7GMGF0D5RK', '', 'OneTime'],
    ]);
    const marketplace = await view('marketplace');
    expect(marketplace.map((r) => [r.ProductId, r.TermDuration, r.BillingPlan])).toEqual([
      ['DZH318Z0C5KD', 'P1M', 'Monthly'],
      ['DZH318Z0C5KD', 'P1Y', 'Monthly'],
      ['DZH318Z0C5KD', 'P1Y', 'Annual'],
      ['DZH318Z0C6GL', 'P1Y', 'Annual'],
    ]);
    const consumption = await getRaw(sandbox, sheetPath('US', 'AZURE_CONSUMPTION'));
    expect(consumption.text).toBe(NCE_HEADER);
  });

  it('zips the file (one deflated pricesheet.csv entry) when the request accepts deflate', async () => {
    const { sandbox } = await boot();
    const plain = await getRaw(sandbox, sheetPath('US', 'updatedlicensebased'));
    const zipped = await getRaw(sandbox, sheetPath('US', 'updatedlicensebased'), {
      headers: { 'accept-encoding': 'deflate' },
    });
    expect(zipped.status).toBe(200);
    expect(zipped.headers['content-type']).toBe('application/octet-stream');
    expect(zipped.headers['content-encoding']).toBeUndefined();
    expect(zipped.bytes.subarray(0, 4).toString('latin1')).toBe('PK\x03\x04');
    expect(zipped.bytes.length).toBeLessThan(plain.bytes.length);
    const entry = unzipOne(zipped.bytes);
    expect(entry.name).toBe('pricesheet.csv');
    expect(entry.data.toString('utf8')).toBe(plain.text);
    const refused = await getRaw(sandbox, sheetPath('US', 'software'), {
      headers: { 'accept-encoding': 'gzip, deflate;q=0' },
    });
    expect(refused.text.startsWith('"ProductTitle"')).toBe(true);
  });

  it('serves the next month as future and past months as history', async () => {
    const { sandbox } = await boot();
    const dates = async (query: string) => {
      const reply = await getRaw(sandbox, sheetPath('US', 'software', query));
      expect(reply.status).toBe(200);
      const [first] = sheetRecords(reply.text);
      return [first?.EffectiveStartDate, first?.EffectiveEndDate];
    };
    expect(await dates('?timeline=future')).toEqual([
      '4/1/2026 12:00:00 AM',
      '4/30/2026 11:59:59 PM',
    ]);
    expect(await dates('?Timeline=History&Month=202402')).toEqual([
      '2/1/2024 12:00:00 AM',
      '2/29/2024 11:59:59 PM',
    ]);
    expect(await dates('?timeline=current')).toEqual([
      '3/1/2026 12:00:00 AM',
      '3/31/2026 11:59:59 PM',
    ]);
  });

  it('answers bad requests with the Partner Center error body, naming what to fix', async () => {
    const { sandbox } = await boot({ dialect: 'documented' });
    const error = async (path: string, status: number, code: number, text: RegExp) => {
      const reply = await getRaw(sandbox, path);
      expectPcError({ ...reply, body: reply.body }, status, code);
      expect(reply.body.description).toMatch(text);
    };
    await error(sheetPath('US', 'licensebased'), 400, 800002, /use one of updatedlicensebased/);
    await error(sheetPath('US', 'software', '?timeline=history'), 400, 800002, /month=YYYYMM/);
    await error(
      sheetPath('US', 'software', '?timeline=history&month=2026-01'),
      400,
      800002,
      /YYYYMM/,
    );
    await error(
      sheetPath('US', 'software', '?timeline=history&month=202607'),
      400,
      800002,
      /future/,
    );
    await error(sheetPath('US', 'software', '?timeline=past'), 400, 800002, /current, future/);
    await error(sheetPath('XX', 'software'), 400, 800002, /sells in US, DE/);
    await error(sheetPath('USA', 'software'), 400, 800002, /two-letter/);
    await error("/v1.0/sales/pricelists(Market='US')/$value", 404, 800002, /No route/);

    const anonymous = await getRaw(sandbox, sheetPath('US', 'software'), { token: null });
    expectPcError(anonymous, 401, 800001);
    const appOnly = await getRaw(sandbox, sheetPath('US', 'software'), {
      token: SANDBOX_TOKENS.appOnly,
    });
    expectPcError(appOnly, 403, 900329);
    expect(appOnly.body.description).toBe('App+User authentication is supported, not App only.');
    // The price sheets live under /v1.0 only.
    expectPcError(await getRaw(sandbox, `/v1${sheetPath('US', 'software').slice(5)}`), 404, 800002);
  });
});
