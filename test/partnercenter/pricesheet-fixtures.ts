import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';

/** The documented response body of get-a-price-sheet (MicrosoftDocs/partner-rest, commit 03a0af5). */
export const DOCUMENTED_SHEET =
  '"ProductTitle","ProductId","SkuId","SkuTitle","Publisher","SkuDescription","UnitOfMeasure","TermDuration","Market","Currency","UnitPrice","PricingTierRangeMin","PricingTierRangeMax","EffectiveStartDate","EffectiveEndDate","MeterIds","MeterType","Tags“\n' +
  '"Advanced Data Security - SQL Database","DZH318Z0C16V","001J","Advanced Data Security - SQL Database - Standard - US East 2","Microsoft","Advanced Data Security - SQL Database - Standard - US East 2","1 Node/Month","payG-1","US","USD","15","","","3/1/2018 12:00:00 AM","11/30/9999 11:59:59 PM","cb0969aa-aaaa-4d6c-ab4b-7e182fa06aff","1 Node/Month","Azure“\n' +
  '======= Truncated ==============\n';

/** The documented body: from the wire corpus fixture once it exists, else the text above. */
export function documentedSheet(): string {
  const file = join(import.meta.dirname, '../wire/corpus/pricing/get-a-price-sheet.response.json');
  if (!existsSync(file)) return DOCUMENTED_SHEET;
  const fixture = JSON.parse(readFileSync(file, 'utf8')) as { body?: unknown };
  return typeof fixture.body === 'string' ? fixture.body : DOCUMENTED_SHEET;
}

/** The NCE columns in the order the sandbox writes them (the wire contract). */
export const NCE_HEADER = [
  'ProductTitle',
  'ProductId',
  'SkuId',
  'SkuTitle',
  'Publisher',
  'SkuDescription',
  'UnitOfMeasure',
  'TermDuration',
  'BillingPlan',
  'Market',
  'Currency',
  'UnitPrice',
  'PricingTierRangeMin',
  'PricingTierRangeMax',
  'EffectiveStartDate',
  'EffectiveEndDate',
  'Tags',
  'ERP Price',
  'Segment',
];

/** A CSV line with every field quoted (quotes doubled), CRLF-terminated. */
export function csvLine(fields: readonly (string | number)[]): string {
  return `${fields.map((f) => `"${String(f).replaceAll('"', '""')}"`).join(',')}\r\n`;
}

/** One NCE row in NCE_HEADER order. */
export function nceRow(
  productId: string,
  skuId: string,
  term: string,
  plan: string,
  price: number,
  extra: { market?: string; title?: string; start?: string; end?: string } = {},
): string {
  return csvLine([
    extra.title ?? `Product ${productId}`,
    productId,
    skuId,
    `SKU ${skuId}`,
    'Microsoft',
    'desc',
    'Licenses',
    term,
    plan,
    extra.market ?? 'US',
    'USD',
    price,
    '',
    '',
    extra.start ?? '3/1/2018 12:00:00 AM',
    extra.end ?? '11/30/9999 11:59:59 PM',
    'License',
    Math.round((price / 0.8) * 100) / 100,
    'Commercial',
  ]);
}

/**
 * A ZIP archive with one deflated entry, as the wire contract says the sandbox answers
 * `Accept-Encoding: deflate`. `dataDescriptor` writes sizes after the data (flag bit 3), as
 * streaming zip writers do.
 */
export function zipOne(name: string, data: Buffer, dataDescriptor = false): Buffer {
  const compressed = deflateRawSync(data);
  const crc = crc32(data);
  const nameBytes = Buffer.from(name, 'utf8');
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(dataDescriptor ? 8 : 0, 6);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(dataDescriptor ? 0 : crc, 14);
  local.writeUInt32LE(dataDescriptor ? 0 : compressed.length, 18);
  local.writeUInt32LE(dataDescriptor ? 0 : data.length, 22);
  local.writeUInt16LE(nameBytes.length, 26);
  const descriptor = Buffer.alloc(dataDescriptor ? 16 : 0);
  if (dataDescriptor) {
    descriptor.writeUInt32LE(0x08074b50, 0);
    descriptor.writeUInt32LE(crc, 4);
    descriptor.writeUInt32LE(compressed.length, 8);
    descriptor.writeUInt32LE(data.length, 12);
  }
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(dataDescriptor ? 8 : 0, 8);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(compressed.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(nameBytes.length, 28);
  const centralOffset = 30 + nameBytes.length + compressed.length + descriptor.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(46 + nameBytes.length, 12);
  end.writeUInt32LE(centralOffset, 16);
  return Buffer.concat([local, nameBytes, compressed, descriptor, central, nameBytes, end]);
}

/** `data` cut into `size`-byte chunks (to cross every boundary a reader may trip on). */
export async function* chunked(data: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let i = 0; i < data.length; i += size) {
    await Promise.resolve();
    yield data.subarray(i, i + size);
  }
}
