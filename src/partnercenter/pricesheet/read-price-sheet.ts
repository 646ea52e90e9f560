import type { PriceRow } from '../../model/index.js';
import { readCsvRecords } from './csv-records.js';
import { decodeSheetBody } from './decode-body.js';
import { indexColumns, toPriceRow, type ColumnIndex } from './price-columns.js';

export interface PriceSheetBody {
  /** The response body as it arrives. */
  readonly body: AsyncIterable<Buffer>;
  /** The response's `Content-Encoding`, if any. */
  readonly contentEncoding?: string;
  /** Upper-case market asked for; stands in for rows without a Market column. */
  readonly market: string;
}

/**
 * The rows of a price sheet response, streaming end to end: body → HTTP inflate / ZIP entry →
 * UTF-8 (BOM dropped) → CSV records → {@link PriceRow}s. Rows without a product, SKU or
 * numeric unit price are skipped. Memory holds one chunk and one record, never the file.
 * @throws CsvFormatError when the body is not a price sheet (no header with ProductId, SkuId,
 *   UnitPrice; a broken archive; a quote never closed).
 */
export async function* readPriceSheet(input: PriceSheetBody): AsyncGenerator<PriceRow> {
  let columns: ColumnIndex | undefined;
  for await (const record of readCsvRecords(
    decodeText(decodeSheetBody(input.body, input.contentEncoding)),
  )) {
    if (columns === undefined) {
      columns = indexColumns(record);
      continue;
    }
    const row = toPriceRow(record, columns, input.market);
    if (row !== undefined) yield row;
  }
}

async function* decodeText(bytes: AsyncIterable<Buffer>): AsyncGenerator<string> {
  // A streaming decoder keeps a character split across chunks whole; the BOM is dropped.
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of bytes) {
    const text = decoder.decode(chunk, { stream: true });
    if (text !== '') yield text;
  }
  const tail = decoder.decode();
  if (tail !== '') yield tail;
}
