import { isGuid, type Diagnostic, type SourceDocument } from '../support/index.js';
import { checkCotermRules } from './coterm-rules.js';

export interface CrossDocumentCheck {
  readonly diagnostics: readonly Diagnostic[];
  /** Documents that broke a rule: their customers are left out of the desired state. */
  readonly rejected: ReadonlySet<SourceDocument>;
}

/**
 * Rules that span documents or sections, run on every parsed document (valid or not, so all
 * problems surface at once). Documents must be in path order, then document order.
 *
 * - An item key is unique per customer: the same key under `subscriptions` and `purchases`
 *   is reported on the purchase. (Within one mapping, YAML's unique-key check reports it.)
 * - `coterm` is `month-end` or another subscription item of the same customer
 *   (`checkCotermRules`), reported at the `coterm` value.
 * - A customer id is unique across files: reported on the later document at `customer.id`,
 *   naming the earlier file (docs/spec-reference.md).
 *
 * `displayName` turns a document's file into the name used in messages. Pure.
 */
export function checkCrossDocumentRules(
  docs: readonly SourceDocument[],
  displayName: (file: string) => string,
): CrossDocumentCheck {
  const diagnostics: Diagnostic[] = [];
  const rejected = new Set<SourceDocument>();
  const firstSeen = new Map<string, SourceDocument>();
  for (const doc of docs) {
    const value = asRecord(doc.value);
    if (value === undefined) continue;
    const subscriptions = asRecord(value['subscriptions']) ?? {};
    for (const key of Object.keys(asRecord(value['purchases']) ?? {})) {
      if (Object.hasOwn(subscriptions, key)) {
        diagnostics.push({
          file: doc.file,
          ...doc.locate(['purchases', key], 'key'),
          path: `purchases.${key}`,
          message: `duplicate item key \`${key}\`: it is also used under subscriptions; item keys must be unique within a customer`,
          severity: 'error',
        });
        rejected.add(doc);
      }
    }
    const coterms = checkCotermRules(doc);
    if (coterms.length > 0) {
      diagnostics.push(...coterms);
      rejected.add(doc);
    }
    const id = asRecord(value['customer'])?.['id'];
    if (typeof id !== 'string' || !isGuid(id)) continue;
    const earlier = firstSeen.get(id.toLowerCase());
    if (earlier === undefined) {
      firstSeen.set(id.toLowerCase(), doc);
      continue;
    }
    const where =
      earlier.file === doc.file
        ? `document ${earlier.index + 1} of this file`
        : displayName(earlier.file);
    diagnostics.push({
      file: doc.file,
      ...doc.locate(['customer', 'id'], 'value'),
      path: 'customer.id',
      message: `duplicate customer id ${id.toLowerCase()}: already declared in ${where}; each customer must be declared once`,
      severity: 'error',
    });
    rejected.add(doc);
  }
  return { diagnostics, rejected };
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}
