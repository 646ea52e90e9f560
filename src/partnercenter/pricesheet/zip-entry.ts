import { createInflateRaw } from 'node:zlib';
import { CsvFormatError } from './csv-records.js';
import { through } from './through.js';

/** `PK\x03\x04`: the signature of a ZIP local file header (APPNOTE.TXT §4.3.7). */
export const ZIP_MAGIC = 0x04034b50;

/**
 * The content of the first entry of a ZIP archive read as a stream: the local file header
 * (30 bytes, the name and the extra field), then the entry's data, inflated when its method is
 * deflate (8) or passed through when stored (0). Nothing after the entry (further entries, the
 * central directory) is read: a price sheet archive holds one file. A deflate stream ends by
 * itself, so sizes left for a trailing data descriptor (flag bit 3) do not matter; a stored
 * entry needs its size in the header.
 * @throws CsvFormatError for an archive that is encrypted, uses another method or is cut short.
 */
export async function* readFirstZipEntry(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const iterator = source[Symbol.asyncIterator]();
  let head: Buffer = Buffer.alloc(0);
  const fill = async (size: number): Promise<void> => {
    while (head.length < size) {
      const next = await iterator.next();
      if (next.done === true)
        throw new CsvFormatError('the ZIP archive ends inside its first header');
      head = head.length === 0 ? next.value : Buffer.concat([head, next.value]);
    }
  };
  try {
    await fill(30);
    if (head.readUInt32LE(0) !== ZIP_MAGIC) throw new CsvFormatError('not a ZIP archive');
    const flags = head.readUInt16LE(6);
    const method = head.readUInt16LE(8);
    const storedSize = head.readUInt32LE(18);
    const headerSize = 30 + head.readUInt16LE(26) + head.readUInt16LE(28);
    await fill(headerSize);
    if ((flags & 1) !== 0) throw new CsvFormatError('the ZIP entry is encrypted');
    const rest = head.subarray(headerSize);
    head = Buffer.alloc(0);
    async function* data(): AsyncGenerator<Buffer> {
      if (rest.length > 0) yield rest;
      for (;;) {
        const next = await iterator.next();
        if (next.done === true) return;
        yield next.value;
      }
    }
    if (method === 8) {
      yield* through(data(), createInflateRaw());
      return;
    }
    if (method !== 0) {
      throw new CsvFormatError(
        `the ZIP entry uses compression method ${method}; only deflate (8) and stored (0) are read`,
      );
    }
    if ((flags & 8) !== 0 && storedSize === 0) {
      throw new CsvFormatError('the stored ZIP entry gives no size in its header');
    }
    let left = storedSize;
    for await (const chunk of data()) {
      if (chunk.length >= left) {
        yield chunk.subarray(0, left);
        return;
      }
      left -= chunk.length;
      yield chunk;
    }
    throw new CsvFormatError('the ZIP archive ends inside its first entry');
  } finally {
    await iterator.return?.();
  }
}
