/**
 * A streaming CSV reader for price sheets (RFC 4180 as Partner Center writes it): fields may be
 * quoted with `"` (`""` inside is one quote) and then hold commas and line breaks; records end
 * in CRLF or LF; blank lines are skipped. One tolerance beyond the RFC, forced by the documented
 * example (get-a-price-sheet, whose header ends `"Tags“`): a quoted field may be closed by a
 * typographic quote (`“` or `”`) that stands right before a line end. Text after a closing
 * quote and before the next comma is kept as part of the field rather than refused.
 *
 * Memory: only the record being read is held (at most {@link MAX_RECORD_CHARS}); a quote that is
 * never closed fails at that size instead of buffering the whole file.
 */

const QUOTE = 0x22;
const COMMA = 0x2c;
const CR = 0x0d;
const LF = 0x0a;
const LEFT_QUOTE = 0x201c;
const RIGHT_QUOTE = 0x201d;

/** The longest record accepted, in UTF-16 units. */
export const MAX_RECORD_CHARS = 1_048_576;

/** Text that is not a price sheet CSV (a record too long, a quote never closed). */
export class CsvFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CsvFormatError';
  }
}

/** Incremental parser: `push` text as it arrives, `end` at the end of the input. */
export class CsvRecordParser {
  #carry = '';
  #records = 0;

  /** The records `text` completes (an unfinished one waits for more text). */
  push(text: string): string[][] {
    return this.#parse(this.#carry === '' ? text : this.#carry + text, false);
  }

  /** The records left at the end of the input. */
  end(): string[][] {
    const out = this.#parse(this.#carry, true);
    this.#carry = '';
    return out;
  }

  #parse(buf: string, final: boolean): string[][] {
    const out: string[][] = [];
    let pos = 0;
    while (pos < buf.length) {
      const record = parseRecord(buf, pos, final);
      if (record === undefined) break;
      pos = record.next;
      this.#records++;
      const only = record.fields.length === 1 ? record.fields[0] : undefined;
      if (only !== '') out.push(record.fields);
    }
    this.#carry = buf.slice(pos);
    if (this.#carry.length > MAX_RECORD_CHARS) {
      throw new CsvFormatError(
        `record ${this.#records + 1} is longer than ${MAX_RECORD_CHARS} characters (a quote that is never closed?)`,
      );
    }
    return out;
  }
}

/** Parses the CSV text chunks into records (arrays of field values), streaming. */
export async function* readCsvRecords(chunks: AsyncIterable<string>): AsyncGenerator<string[]> {
  const parser = new CsvRecordParser();
  for await (const chunk of chunks) yield* parser.push(chunk);
  yield* parser.end();
}

/**
 * One record from `start`, or `undefined` when the text ends before the record does (and more
 * may come: `final` false).
 */
function parseRecord(
  buf: string,
  start: number,
  final: boolean,
): { fields: string[]; next: number } | undefined {
  const n = buf.length;
  const fields: string[] = [];
  let i = start;
  for (;;) {
    let value: string;
    if (i < n && buf.charCodeAt(i) === QUOTE) {
      const quoted = readQuoted(buf, i + 1, final);
      if (quoted === undefined) return undefined;
      const end = scanUnquoted(buf, quoted.next);
      if (end >= n && !final) return undefined;
      value = end > quoted.next ? quoted.value + buf.slice(quoted.next, end) : quoted.value;
      i = end;
    } else {
      const end = scanUnquoted(buf, i);
      if (end >= n && !final) return undefined;
      value = buf.slice(i, end);
      i = end;
    }
    fields.push(value);
    if (i >= n) return { fields, next: i };
    const c = buf.charCodeAt(i);
    if (c === COMMA) {
      i++;
      continue;
    }
    if (c === CR) {
      if (i + 1 >= n && !final) return undefined;
      return { fields, next: buf.charCodeAt(i + 1) === LF ? i + 2 : i + 1 };
    }
    return { fields, next: i + 1 };
  }
}

/** Index of the next comma or line break at or after `from` (`buf.length` when none). */
function scanUnquoted(buf: string, from: number): number {
  const n = buf.length;
  let k = from;
  while (k < n) {
    const c = buf.charCodeAt(k);
    if (c === COMMA || c === CR || c === LF) return k;
    k++;
  }
  return n;
}

/** The quoted field whose content starts at `from`, and where its closing quote ends. */
function readQuoted(
  buf: string,
  from: number,
  final: boolean,
): { value: string; next: number } | undefined {
  const n = buf.length;
  let value = '';
  let segment = from;
  let k = from;
  for (;;) {
    while (k < n) {
      const c = buf.charCodeAt(k);
      if (c === QUOTE || c === LEFT_QUOTE || c === RIGHT_QUOTE) break;
      k++;
    }
    if (k >= n) {
      if (!final) return undefined;
      throw new CsvFormatError('the file ends inside a quoted field (a quote is never closed)');
    }
    const after = k + 1 < n ? buf.charCodeAt(k + 1) : -1;
    if (after === -1 && !final) return undefined;
    if (buf.charCodeAt(k) === QUOTE) {
      if (after === QUOTE) {
        value += buf.slice(segment, k + 1);
        k += 2;
        segment = k;
        continue;
      }
      return { value: value + buf.slice(segment, k), next: k + 1 };
    }
    if (after === -1 || after === CR || after === LF) {
      return { value: value + buf.slice(segment, k), next: k + 1 };
    }
    k++;
  }
}
