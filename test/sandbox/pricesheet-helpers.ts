/* eslint-disable @typescript-eslint/no-explicit-any -- error bodies are read loosely. */
import { request } from 'undici';
import { crc32, inflateRawSync } from 'node:zlib';
import { SANDBOX_TOKENS, type RunningSandbox } from '../../src/sandbox/index.js';

export interface SheetReply {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly bytes: Buffer;
  readonly text: string;
  /** The JSON error body, when the answer is one. */
  readonly body: any;
}

/** The price sheet path, as the client writes it. */
export function sheetPath(market: string, view: string, query = ''): string {
  return `/v1.0/sales/pricesheets(Market='${market}',PricesheetView='${view}')/$value${query}`;
}

/** GETs a sandbox path over real HTTP and keeps the body's bytes. */
export async function getRaw(
  sandbox: RunningSandbox,
  path: string,
  options: { token?: string | null; headers?: Record<string, string> } = {},
): Promise<SheetReply> {
  const token = options.token === undefined ? SANDBOX_TOKENS.appUser : options.token;
  const headers: Record<string, string> = { ...(options.headers ?? {}) };
  if (token !== null) headers.authorization = `Bearer ${token}`;
  const res = await request(`${sandbox.url}${path}`, { method: 'GET', headers });
  const bytes = Buffer.from(await res.body.arrayBuffer());
  const text = bytes.toString('utf8');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: res.statusCode, headers: res.headers, bytes, text, body };
}

/** A CSV parser for tests: quoted fields with `""` escapes, commas and newlines inside quotes. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

/** The data rows of a sheet as records keyed by the header's column names. */
export function sheetRecords(text: string): Record<string, string>[] {
  const [header = [], ...rows] = parseCsv(text);
  return rows.map((cells) => Object.fromEntries(header.map((name, i) => [name, cells[i] ?? ''])));
}

/**
 * The one entry of a ZIP archive, checked against its own headers: local header magic, method
 * 8, sizes and CRC-32, and a central directory and end record that point back at it.
 */
export function unzipOne(zip: Buffer): { name: string; data: Buffer } {
  if (zip.readUInt32LE(0) !== 0x04034b50) throw new Error('no local file header');
  const method = zip.readUInt16LE(8);
  const crc = zip.readUInt32LE(14);
  const size = zip.readUInt32LE(18);
  const rawSize = zip.readUInt32LE(22);
  const nameLength = zip.readUInt16LE(26);
  const extraLength = zip.readUInt16LE(28);
  const name = zip.subarray(30, 30 + nameLength).toString('utf8');
  const start = 30 + nameLength + extraLength;
  if (method !== 8) throw new Error(`method ${method}, not deflate`);
  const data = inflateRawSync(zip.subarray(start, start + size));
  if (data.length !== rawSize) throw new Error('uncompressed size differs');
  if (crc32(data) !== crc) throw new Error('CRC-32 differs');
  const end = zip.length - 22;
  if (zip.readUInt32LE(end) !== 0x06054b50) throw new Error('no end of central directory');
  const central = zip.readUInt32LE(end + 16);
  if (zip.readUInt32LE(central) !== 0x02014b50) throw new Error('no central directory');
  if (zip.readUInt32LE(central + 16) !== crc || zip.readUInt32LE(central + 42) !== 0)
    throw new Error('central directory does not match the entry');
  return { name, data };
}
