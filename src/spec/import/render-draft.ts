import { Document, Pair, Scalar, YAMLMap } from 'yaml';
import type { DraftItem, DraftNote, SpecDraft } from './spec-draft.js';

/** The first line of every spec `qm import` writes: editors then complete and check fields. */
export const SCHEMA_COMMENT = 'yaml-language-server: $schema=./schema.json';

/** How `qm import` serialises YAML: never fold long lines. */
export const YAML_OUTPUT = { lineWidth: 0 } as const;

/** Country codes a YAML 1.1 reader would take for a boolean (`NO` is Norway). */
const BOOLEAN_LIKE = /^(y|n|yes|no|on|off|true|false)$/i;

/**
 * A new spec file for one customer (docs/spec-reference.md): the schema comment, `version: 1`,
 * the customer, one item per live subscription (fields in reference order, `sku` quoted,
 * `subscriptionId:` last) and, as comments, the subscriptions the format cannot state. Pure.
 */
export function renderNewSpec(draft: SpecDraft): string {
  const customer = new YAMLMap();
  customer.add(pair('id', draft.customer.id));
  customer.add(pair('name', draft.customer.name));
  const country = new Scalar(draft.customer.country);
  if (BOOLEAN_LIKE.test(draft.customer.country)) country.type = Scalar.QUOTE_DOUBLE;
  customer.add(new Pair(new Scalar('country'), country));
  const subscriptions = itemsMap(draft.items);
  const root = new YAMLMap();
  root.add(pair('version', 1));
  root.add(new Pair(new Scalar('customer'), customer));
  root.add(new Pair(new Scalar('subscriptions'), subscriptions));
  const doc = new Document();
  doc.contents = root;
  doc.commentBefore = [
    ` ${SCHEMA_COMMENT}`,
    ' Written by `qm import` from Partner Center: one item per live subscription, bound to it by',
    ' subscriptionId. Edit freely; docs/spec-reference.md describes every field.',
  ].join('\n');
  if (draft.notes.length > 0) {
    const comment = noteComment(draft.notes);
    if (draft.items.length > 0) subscriptions.comment = comment;
    else doc.comment = comment;
  }
  return doc.toString(YAML_OUTPUT).replace(/\n+$/, '\n');
}

/**
 * Items ready to paste under an existing `subscriptions:` key (indented by `indent` spaces),
 * followed by the notes as comments. Empty when there is neither. Pure.
 */
export function renderItemsToPaste(
  items: readonly DraftItem[],
  notes: readonly DraftNote[],
  indent = 2,
  fieldIndent = 2,
): string {
  const pad = ' '.repeat(indent);
  const lines: string[] = [];
  if (items.length > 0) {
    const doc = new Document();
    doc.contents = itemsMap(items);
    const text = doc.toString({ ...YAML_OUTPUT, indent: fieldIndent }).replace(/\n$/, '');
    lines.push(...text.split('\n').map((line) => (line === '' ? line : `${pad}${line}`)));
  }
  lines.push(...noteLines(notes, pad));
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

/** `# Not managed: …` comment lines for `notes`, each prefixed with `pad`. */
export function noteLines(notes: readonly DraftNote[], pad: string): string[] {
  return notes.flatMap((note) => [
    `${pad}# Not managed: ${note.what}, subscriptionId: ${note.subscriptionId}`,
    `${pad}#   ${note.reason}`,
  ]);
}

/** The items as a block map (`{}` when there are none), each with its comment above it. */
export function itemsMap(items: readonly DraftItem[]): YAMLMap {
  const map = new YAMLMap();
  if (items.length === 0) map.flow = true;
  for (const item of items) map.add(itemPair(item));
  return map;
}

/** `key: { fields }` of one item, its comment lines above the key. */
export function itemPair(item: DraftItem): Pair<Scalar, YAMLMap> {
  const key = new Scalar(item.key);
  if (item.comment !== undefined && item.comment.length > 0)
    key.commentBefore = item.comment.map((line) => ` ${line}`).join('\n');
  return new Pair(key, itemNode(item));
}

/** The notes as the text of a yaml comment (no `#`; the library adds it). */
export function noteComment(notes: readonly DraftNote[]): string {
  return noteLines(notes, '')
    .map((line) => line.slice(1))
    .join('\n');
}

function itemNode(item: DraftItem): YAMLMap {
  const map = new YAMLMap();
  const sku = new Scalar(item.sku);
  sku.type = Scalar.QUOTE_DOUBLE;
  map.add(pair('product', item.product));
  map.add(new Pair(new Scalar('sku'), sku));
  map.add(pair('term', item.term));
  map.add(pair('billing', item.billing));
  map.add(pair('quantity', item.quantity));
  map.add(pair('autoRenew', item.autoRenew));
  map.add(pair('subscriptionId', item.subscriptionId));
  return map;
}

function pair(key: string, value: string | number | boolean): Pair<Scalar, Scalar> {
  return new Pair(new Scalar(key), new Scalar(value));
}
