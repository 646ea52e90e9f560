import type { RenewalEntry } from '../agent/index.js';
import type {
  AttentionEntry,
  CustomerSummary,
  CustomerView,
  EstateData,
  EstateView,
  LazyList,
} from './estate-view.js';

/**
 * How the worker hands a view over. The bulk — each customer's items, the attention list and
 * the calendar in chunks of JSON — travels as one UTF-8 buffer that is moved, not copied
 * (`transferList`), so a new view of 5,000 customers reaches the server thread in no time and
 * leaves it few objects to collect. Pages parse only what they show.
 */
export interface EncodedView {
  /** Everything but the three long lists, as JSON. */
  readonly head: string;
  /** JSON array of `CustomerSummary`, in order. */
  readonly summaries: string;
  /** The JSON pieces, back to back: one `CustomerView` per summary, then the list chunks. */
  readonly blob: Uint8Array;
  /** Byte offsets of the pieces in `blob` (pieces + 1 entries). */
  readonly offsets: Uint32Array;
  readonly attention: EncodedList;
  readonly renewals: EncodedList;
  /** `daysLeft` of each renewal, NaN when undated. */
  readonly renewalDays: Float64Array;
}

interface EncodedList {
  readonly length: number;
  /** Index of the list's first chunk among the pieces. */
  readonly firstPiece: number;
}

const CHUNK = 100;

/** Encodes a built view (worker side). Send it with `transferables(encoded)`. */
export function encodeView(data: EstateData): EncodedView {
  const { customers, attention, renewals, ...head } = data;
  const summaries = customers.map(({ items, unmanaged, ...rest }): CustomerSummary => ({
    ...rest,
    itemCount: items.length,
    unmanagedCount: unmanaged.length,
  }));
  const pieces = customers.map((c) => JSON.stringify(c));
  const attentionFirst = pieces.length;
  pieces.push(...chunks(attention));
  const renewalsFirst = pieces.length;
  pieces.push(...chunks(renewals));
  const sizes = pieces.map((p) => Buffer.byteLength(p, 'utf8'));
  const offsets = new Uint32Array(pieces.length + 1);
  sizes.forEach((size, i) => (offsets[i + 1] = (offsets[i] ?? 0) + size));
  const blob = new Uint8Array(offsets[pieces.length] ?? 0);
  const writer = Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength);
  pieces.forEach((p, i) => writer.write(p, offsets[i] ?? 0, 'utf8'));
  return {
    head: JSON.stringify(head),
    summaries: JSON.stringify(summaries),
    blob,
    offsets,
    attention: { length: attention.length, firstPiece: attentionFirst },
    renewals: { length: renewals.length, firstPiece: renewalsFirst },
    renewalDays: Float64Array.from(renewals, (r) => r.daysLeft ?? Number.NaN),
  };
}

/** The buffers `postMessage` should move rather than copy. */
export function transferables(encoded: EncodedView): ArrayBuffer[] {
  return [
    encoded.blob.buffer as ArrayBuffer,
    encoded.offsets.buffer as ArrayBuffer,
    encoded.renewalDays.buffer as ArrayBuffer,
  ];
}

/** The read side of an encoded view (server thread): parses lazily, never the whole estate. */
export function decodeView(encoded: EncodedView): EstateView {
  const head = JSON.parse(encoded.head) as Omit<EstateData, 'customers' | 'attention' | 'renewals'>;
  const customers = JSON.parse(encoded.summaries) as CustomerSummary[];
  const index = new Map(customers.map((c, i) => [c.customerId as string, i]));
  const text = Buffer.from(encoded.blob.buffer, encoded.blob.byteOffset, encoded.blob.byteLength);
  const piece = (i: number): string =>
    text.toString('utf8', encoded.offsets[i] ?? 0, encoded.offsets[i + 1] ?? 0);
  const days = Array.from(encoded.renewalDays, (d) => (Number.isNaN(d) ? null : d));
  return {
    ...head,
    customers,
    summaryOf: (id) => {
      const i = index.get(id);
      return i === undefined ? undefined : customers[i];
    },
    customer: (id) => {
      const i = index.get(id);
      return i === undefined ? undefined : (JSON.parse(piece(i)) as CustomerView);
    },
    attention: lazyList<AttentionEntry>(encoded.attention, piece),
    renewals: { ...lazyList<RenewalEntry>(encoded.renewals, piece), daysLeft: days },
  };
}

function chunks<T>(list: readonly T[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < list.length; i += CHUNK) out.push(JSON.stringify(list.slice(i, i + CHUNK)));
  return out;
}

function lazyList<T>(list: EncodedList, piece: (i: number) => string): LazyList<T> {
  return {
    length: list.length,
    slice(start, end) {
      const from = Math.max(0, start);
      const to = Math.min(list.length, end);
      const out: T[] = [];
      for (let c = Math.floor(from / CHUNK); c * CHUNK < to; c++) {
        const entries = JSON.parse(piece(list.firstPiece + c)) as T[];
        const base = c * CHUNK;
        for (let i = Math.max(from, base); i < Math.min(to, base + entries.length); i++) {
          const entry = entries[i - base];
          if (entry !== undefined) out.push(entry);
        }
      }
      return out;
    },
  };
}
