import { createGunzip, createInflate, createInflateRaw } from 'node:zlib';
import { CsvFormatError } from './csv-records.js';
import { through } from './through.js';
import { readFirstZipEntry, ZIP_MAGIC } from './zip-entry.js';

/**
 * The CSV bytes of a price sheet response body, streaming. First the HTTP layer: a
 * `Content-Encoding` of `gzip` or `deflate` is undone (`deflate` with or without its zlib
 * wrapper: servers send both). Then the file: with `Accept-Encoding: deflate` Partner Center
 * answers "a zip-compressed file" (get-a-price-sheet), told apart from a plain CSV by the ZIP
 * signature `PK\x03\x04` in its first bytes; its first entry is the CSV.
 * @throws CsvFormatError for a Content-Encoding other than identity, gzip or deflate.
 */
export async function* decodeSheetBody(
  body: AsyncIterable<Buffer>,
  contentEncoding: string | undefined,
): AsyncGenerator<Buffer> {
  const encoding = (contentEncoding ?? '').trim().toLowerCase();
  let bytes: AsyncIterable<Buffer>;
  if (encoding === '' || encoding === 'identity') bytes = body;
  else if (encoding === 'gzip' || encoding === 'x-gzip') bytes = through(body, createGunzip());
  else if (encoding === 'deflate') bytes = inflateEither(body);
  else
    throw new CsvFormatError(
      `the response has Content-Encoding ${encoding}; only gzip and deflate are read`,
    );
  const iterator = bytes[Symbol.asyncIterator]();
  let first = Buffer.alloc(0);
  try {
    while (first.length < 4) {
      const next = await iterator.next();
      if (next.done === true) break;
      first = Buffer.concat([first, next.value]);
    }
    const rest = prepend(first, iterator);
    if (first.length >= 4 && first.readUInt32LE(0) === ZIP_MAGIC) yield* readFirstZipEntry(rest);
    else yield* rest;
  } finally {
    await iterator.return?.();
  }
}

/** HTTP `deflate`: a zlib stream (RFC 1950) as specified, or raw deflate as some servers send. */
async function* inflateEither(body: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const iterator = body[Symbol.asyncIterator]();
  const next = await iterator.next();
  if (next.done === true) return;
  const head = next.value;
  const zlibWrapped =
    head.length >= 2 && (head[0]! & 0x0f) === 8 && ((head[0]! << 8) | head[1]!) % 31 === 0;
  yield* through(prepend(head, iterator), zlibWrapped ? createInflate() : createInflateRaw());
}

async function* prepend(first: Buffer, rest: AsyncIterator<Buffer>): AsyncGenerator<Buffer> {
  if (first.length > 0) yield first;
  for (;;) {
    const next = await rest.next();
    if (next.done === true) return;
    yield next.value;
  }
}
