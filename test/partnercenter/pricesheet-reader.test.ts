import { deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { PriceRow } from '../../src/model/index.js';
import { CsvRecordParser, readPriceSheet } from '../../src/partnercenter/index.js';
import {
  chunked,
  csvLine,
  documentedSheet,
  NCE_HEADER,
  nceRow,
  zipOne,
} from './pricesheet-fixtures.js';

async function rowsOf(
  body: Buffer,
  options: { chunk?: number; encoding?: string; market?: string } = {},
): Promise<PriceRow[]> {
  const rows: PriceRow[] = [];
  for await (const row of readPriceSheet({
    body: chunked(body, options.chunk ?? 64 * 1024),
    ...(options.encoding === undefined ? {} : { contentEncoding: options.encoding }),
    market: options.market ?? 'US',
  })) {
    rows.push(row);
  }
  return rows;
}

function records(text: string, chunk: number): string[][] {
  const parser = new CsvRecordParser();
  const out: string[][] = [];
  for (let i = 0; i < text.length; i += chunk) out.push(...parser.push(text.slice(i, i + chunk)));
  out.push(...parser.end());
  return out;
}

const NCE_SHEET =
  csvLine(NCE_HEADER) +
  nceRow('CFQ7TTC0LH18', '0001', 'P1Y', 'Annual', 264) +
  nceRow('CFQ7TTC0LH18', '0001', 'P1M', 'Monthly', 26.4) +
  nceRow('DZH318Z0BQ4T', '0059', 'P3Y', 'OneTime', 1234.56, {
    title: 'Reserved VM, "D2s", eastus',
  });

describe('price sheet CSV reader', () => {
  it('reads the documented example: typographic quote closing the header and the row, truncation line skipped', async () => {
    const rows = await rowsOf(Buffer.from(documentedSheet(), 'utf8'), { chunk: 7, market: 'AD' });
    expect(rows).toEqual([
      {
        productId: 'DZH318Z0C16V',
        skuId: '001J',
        productTitle: 'Advanced Data Security - SQL Database',
        skuTitle: 'Advanced Data Security - SQL Database - Standard - US East 2',
        termDuration: 'PAYG-1',
        billingPlan: '',
        market: 'US',
        currency: 'USD',
        unitPrice: 15,
        unitOfMeasure: '1 Node/Month',
        effectiveStartDate: '2018-03-01T00:00:00.000Z',
        effectiveEndDate: '9999-11-30T23:59:59.000Z',
      },
    ]);
  });

  it('reads the NCE columns: billing plans normalised, ERP price, segment, quoted commas and quotes', async () => {
    const rows = await rowsOf(Buffer.from(NCE_SHEET));
    expect(
      rows.map((r) => [r.productId, r.skuId, r.termDuration, r.billingPlan, r.unitPrice]),
    ).toEqual([
      ['CFQ7TTC0LH18', '0001', 'P1Y', 'annual', 264],
      ['CFQ7TTC0LH18', '0001', 'P1M', 'monthly', 26.4],
      ['DZH318Z0BQ4T', '0059', 'P3Y', 'one_time', 1234.56],
    ]);
    expect(rows[0]).toMatchObject({
      erpPrice: 330,
      segment: 'Commercial',
      unitOfMeasure: 'Licenses',
    });
    expect(rows[2]?.productTitle).toBe('Reserved VM, "D2s", eastus');
  });

  it('gives the same rows whatever the chunk size (records, quotes and CRLF split across chunks)', async () => {
    const whole = await rowsOf(Buffer.from(NCE_SHEET));
    for (const chunk of [1, 2, 3, 5, 17, 64]) {
      expect(await rowsOf(Buffer.from(NCE_SHEET), { chunk })).toEqual(whole);
    }
  });

  it('keeps a character whose UTF-8 bytes straddle two chunks, and drops a BOM', async () => {
    const text = `\uFEFF${csvLine(['ProductId', 'SkuId', 'UnitPrice', 'Currency', 'ProductTitle'])}${csvLine(['P1', 'S1', '1', 'EUR', 'Büro – Ünïcödé'])}`;
    const rows = await rowsOf(Buffer.from(text, 'utf8'), { chunk: 1 });
    expect(rows).toEqual([
      expect.objectContaining({ productId: 'P1', productTitle: 'Büro – Ünïcödé', currency: 'EUR' }),
    ]);
  });

  it('maps columns by name in any order, any case, ignoring unknown ones; fills the market when absent', async () => {
    const text =
      ' unitprice ,Extra,SKUID,productid,billing plan,"ERP PRICE"\n' +
      '10.5,x,0002,cfq7,One Time,12\n' +
      '11,y,0003,cfq7,one_time,\n';
    const rows = await rowsOf(Buffer.from(text), { market: 'de' });
    expect(rows).toEqual([
      {
        productId: 'CFQ7',
        skuId: '0002',
        termDuration: '',
        billingPlan: 'one_time',
        market: 'DE',
        currency: '',
        unitPrice: 10.5,
        erpPrice: 12,
      },
      {
        productId: 'CFQ7',
        skuId: '0003',
        termDuration: '',
        billingPlan: 'one_time',
        market: 'DE',
        currency: '',
        unitPrice: 11,
      },
    ]);
  });

  it('parses quoted fields holding commas, doubled quotes and line breaks (LF and CRLF)', () => {
    const text = 'a,b,c\r\n"x, y","say ""hi""","line1\nline2\r\nline3"\n"",plain,"end"';
    for (const chunk of [1, 4, 1000]) {
      expect(records(text, chunk)).toEqual([
        ['a', 'b', 'c'],
        ['x, y', 'say "hi"', 'line1\nline2\r\nline3'],
        ['', 'plain', 'end'],
      ]);
    }
  });

  it('keeps typographic quotes inside a quoted field when they do not end a line', () => {
    expect(records('"He said “hi”, then left",2\n', 3)).toEqual([['He said “hi”, then left', '2']]);
  });

  it('refuses a body that is not a price sheet, naming the missing columns', async () => {
    await expect(rowsOf(Buffer.from('Name,Price\nx,1\n'))).rejects.toThrow(
      /no ProductId, SkuId, UnitPrice column/,
    );
  });

  it('refuses a quote that is never closed instead of buffering the file', async () => {
    const text = `${csvLine(NCE_HEADER)}"never closed,${'x'.repeat(1_100_000)}`;
    await expect(rowsOf(Buffer.from(text))).rejects.toThrow(/longer than 1048576 characters/);
    await expect(rowsOf(Buffer.from(`${csvLine(NCE_HEADER)}"short`))).rejects.toThrow(
      /ends inside a quoted field/,
    );
  });

  it('reads dates in ISO 8601 too (no offset = UTC) and PM hours', async () => {
    const text =
      'ProductId,SkuId,UnitPrice,EffectiveStartDate,EffectiveEndDate\n' +
      'P,S,1,2026-04-01T00:00:00,12/31/2026 1:30:00 PM\n' +
      'P,S,2,2026-04-01T00:00:00+02:00,2/30/2026 1:30:00 PM\n';
    const rows = await rowsOf(Buffer.from(text));
    expect(rows[0]).toMatchObject({
      effectiveStartDate: '2026-04-01T00:00:00.000Z',
      effectiveEndDate: '2026-12-31T13:30:00.000Z',
    });
    expect(rows[1]?.effectiveStartDate).toBe('2026-03-31T22:00:00.000Z');
    expect(rows[1]?.effectiveEndDate).toBeUndefined();
  });
});

describe('price sheet bodies: ZIP archives and HTTP compression', () => {
  const plain = Buffer.from(NCE_SHEET);

  it.each([
    ['a ZIP archive (local header sizes)', zipOne('pricesheet.csv', plain), undefined],
    ['a ZIP archive with a data descriptor', zipOne('pricesheet.csv', plain, true), undefined],
    ['Content-Encoding: deflate (zlib)', deflateSync(plain), 'deflate'],
    ['Content-Encoding: deflate (raw)', deflateRawSync(plain), 'deflate'],
    ['Content-Encoding: gzip', gzipSync(plain), 'gzip'],
    [
      'a ZIP archive inside Content-Encoding: gzip',
      gzipSync(zipOne('pricesheet.csv', plain)),
      'gzip',
    ],
  ])('reads %s as the plain sheet', async (_, body, encoding) => {
    const expected = await rowsOf(plain);
    for (const chunk of [3, 1024]) {
      expect(
        await rowsOf(body, { chunk, ...(encoding === undefined ? {} : { encoding }) }),
      ).toEqual(expected);
    }
  });

  it('fails on a ZIP archive cut short and on an unknown Content-Encoding', async () => {
    const zip = zipOne('pricesheet.csv', Buffer.from(NCE_SHEET.repeat(50)));
    await expect(rowsOf(zip.subarray(0, zip.length / 2), { chunk: 100 })).rejects.toMatchObject({
      code: 'Z_BUF_ERROR',
    });
    await expect(rowsOf(plain, { encoding: 'br' })).rejects.toThrow(/Content-Encoding br/);
  });
});
