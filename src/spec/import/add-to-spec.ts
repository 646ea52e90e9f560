import { isDeepStrictEqual } from 'node:util';
import { isMap, isScalar, parseAllDocuments, type Document, type Pair, type YAMLMap } from 'yaml';
import { OperationalError } from '../../support/index.js';
import {
  itemPair,
  noteComment,
  noteLines,
  renderItemsToPaste,
  YAML_OUTPUT,
} from './render-draft.js';
import type { DraftItem, DraftNote } from './spec-draft.js';

/** What {@link addToSpecText} did. */
export interface SpecAddition {
  /** The file's new text (the old one when nothing was added). */
  readonly text: string;
  readonly items: readonly DraftItem[];
  /** Notes added; a note whose subscription the document already mentions is not added again. */
  readonly notes: readonly DraftNote[];
}

/**
 * Adds `items` under `subscriptions:` of the document that declares `customerId` in a spec
 * file's `text`, and `notes` as comments after them. Every byte already written stays as it was
 * where the layout allows (the new lines go after the last item, at its indentation); a layout
 * it cannot insert into (a flow map with content, `subscriptions: ~`) has that one document
 * re-serialised through yaml's Document API, which keeps comments. The result must read back as
 * the same documents plus the items, or nothing is returned. Pure.
 * @throws OperationalError `spec-customer-not-found` (no document declares the customer),
 *   `spec-not-updatable` (the result would not read back as intended)
 */
export function addToSpecText(
  file: string,
  text: string,
  customerId: string,
  items: readonly DraftItem[],
  notes: readonly DraftNote[],
): SpecAddition {
  const docs = Array.from(parseAllDocuments(text));
  const index = docs.findIndex((d) => customerIdOf(d.toJS()) === customerId.toLowerCase());
  const doc = docs[index];
  if (doc === undefined || doc.range === undefined) {
    throw new OperationalError(
      'spec-customer-not-found',
      `${file} has no document declaring customer ${customerId}: the spec changed while qm import ran; run it again`,
    );
  }
  const start = index === 0 ? 0 : doc.range[0];
  const end = doc.range[2];
  const written = text.slice(start, end).toLowerCase();
  const fresh = notes.filter((n) => !written.includes(n.subscriptionId.toLowerCase()));
  if (items.length === 0 && fresh.length === 0) return { text, items: [], notes: [] };
  const wanted = docs.map((d, i): unknown => (i === index ? withItems(d.toJS(), items) : d.toJS()));
  const inserted = insertText(text, doc, items, fresh);
  if (inserted !== undefined && readsBack(inserted, wanted))
    return { text: inserted, items, notes: fresh };
  const rewritten = `${text.slice(0, start)}${reserialise(text, doc, items, fresh)}${text.slice(end)}`;
  if (readsBack(rewritten, wanted)) return { text: rewritten, items, notes: fresh };
  throw new OperationalError(
    'spec-not-updatable',
    `cannot add the imported items to ${file} without changing what it says: paste them by hand (qm import --print shows them)`,
  );
}

/** Inserts the new lines as text; `undefined` for a layout this does not handle. */
function insertText(
  text: string,
  doc: Document,
  items: readonly DraftItem[],
  notes: readonly DraftNote[],
): string | undefined {
  const root = doc.contents;
  if (!isMap(root) || root.range == null) return undefined;
  const unit = indentUnit(text, root);
  const pair = findPair(root, 'subscriptions');
  if (pair === undefined) {
    const body =
      items.length > 0
        ? `subscriptions:\n${renderItemsToPaste(items, notes, unit, unit)}`
        : `${noteLines(notes, '').join('\n')}\n`;
    return splice(text, lineStartAfter(text, root.range[1]), body);
  }
  const value = pair.value;
  const keyAt = keyOffset(pair);
  if (keyAt === undefined) return undefined;
  const keyCol = column(text, keyAt);
  if (isMap(value) && !value.flow && value.items.length > 0 && value.range != null) {
    const first = value.items[0];
    const itemAt = first === undefined ? undefined : keyOffset(first);
    if (first === undefined || itemAt === undefined) return undefined;
    const itemCol = column(text, itemAt);
    const field = isMap(first.value) ? first.value.items[0] : undefined;
    const fieldAt = field === undefined ? undefined : keyOffset(field);
    const fields = fieldAt === undefined ? unit : column(text, fieldAt) - itemCol;
    const body = renderItemsToPaste(items, notes, itemCol, fields > 0 ? fields : unit);
    return splice(text, lineStartAfter(text, value.range[1]), body);
  }
  const body = renderItemsToPaste(items, notes, keyCol + unit, unit);
  const emptyValue =
    value == null ||
    (isScalar(value) &&
      value.value === null &&
      value.range != null &&
      value.range[0] === value.range[1]);
  if (emptyValue) return splice(text, nextLineStart(text, keyAt), body);
  if (isMap(value) && value.flow && value.items.length === 0 && value.range != null) {
    const after = lineStartAfter(text, value.range[1]);
    if (items.length === 0) return splice(text, after, body);
    // `subscriptions: {}  # comment` → `subscriptions:  # comment` and the items below it.
    let from = value.range[0];
    while (from > 0 && text[from - 1] === ' ') from -= 1;
    const rest = text.slice(value.range[1], after);
    return `${text.slice(0, from)}${rest.endsWith('\n') ? rest : `${rest}\n`}${body}${text.slice(after)}`;
  }
  return undefined;
}

/** The document re-serialised with the items and notes added (yaml keeps its comments). */
function reserialise(
  text: string,
  doc: Document,
  items: readonly DraftItem[],
  notes: readonly DraftNote[],
): string {
  const root = doc.contents;
  const unit = isMap(root) ? indentUnit(text, root) : 2;
  let map = doc.get('subscriptions', true);
  if (items.length > 0) {
    if (!isMap(map)) {
      const created = doc.createNode({});
      // `subscriptions: ~  # why` keeps its comment, above the items.
      if (isScalar(map) && typeof map.comment === 'string') created.commentBefore = map.comment;
      doc.set('subscriptions', created);
      map = doc.get('subscriptions', true);
    }
    if (isMap(map)) {
      map.flow = false;
      for (const item of items) map.add(itemPair(item));
    }
  }
  if (notes.length > 0) {
    const comment = noteComment(notes);
    if (isMap(map) && !map.flow && map.items.length > 0) map.comment = join(map.comment, comment);
    else doc.comment = join(doc.comment, comment);
  }
  return doc.toString({ ...YAML_OUTPUT, indent: unit });
}

function readsBack(text: string, wanted: readonly unknown[]): boolean {
  const docs = Array.from(parseAllDocuments(text));
  return (
    docs.length === wanted.length &&
    docs.every((d, i) => d.errors.length === 0 && isDeepStrictEqual(d.toJS(), wanted[i]))
  );
}

function withItems(value: unknown, items: readonly DraftItem[]): unknown {
  if (items.length === 0) return value;
  const record = value as Record<string, unknown>;
  const existing = (record['subscriptions'] ?? {}) as Record<string, unknown>;
  const added = Object.fromEntries(
    items.map(({ key, comment: _comment, ...fields }) => [key, fields]),
  );
  return { ...record, subscriptions: { ...existing, ...added } };
}

function customerIdOf(value: unknown): string | undefined {
  const customer = (value as { customer?: { id?: unknown } } | null)?.customer;
  return typeof customer?.id === 'string' ? customer.id.toLowerCase() : undefined;
}

function findPair(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find((p) => isScalar(p.key) && p.key.value === key);
}

function keyOffset(pair: Pair): number | undefined {
  return isScalar(pair.key) && pair.key.range != null ? pair.key.range[0] : undefined;
}

/** The document's indentation step: how far `customer:`'s fields sit right of it (default 2). */
function indentUnit(text: string, root: YAMLMap): number {
  const customer = findPair(root, 'customer');
  const block = customer !== undefined && isMap(customer.value) && customer.value.flow !== true;
  const field = block && isMap(customer.value) ? customer.value.items[0] : undefined;
  const parentAt = customer === undefined ? undefined : keyOffset(customer);
  const fieldAt = field === undefined ? undefined : keyOffset(field);
  if (parentAt === undefined || fieldAt === undefined) return 2;
  const step = column(text, fieldAt) - column(text, parentAt);
  return step > 0 ? step : 2;
}

function column(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

/** `offset` when it starts a line, else the start of the next line (the text's end if none). */
function lineStartAfter(text: string, offset: number): number {
  if (offset === 0 || text[offset - 1] === '\n') return offset;
  return nextLineStart(text, offset);
}

/** The start of the line after the one holding `offset` (the text's end if none). */
function nextLineStart(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  return newline === -1 ? text.length : newline + 1;
}

function splice(text: string, at: number, body: string): string {
  const before = text.slice(0, at);
  const glue = before === '' || before.endsWith('\n') ? '' : '\n';
  return `${before}${glue}${body}${text.slice(at)}`;
}

function join(existing: string | null | undefined, added: string): string {
  return existing == null || existing === '' ? added : `${existing}\n${added}`;
}
