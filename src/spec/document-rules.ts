import type { Diagnostic, SourceDocument } from '../support/index.js';
import { checkCotermRules } from './coterm-rules.js';

/**
 * Rules that span the sections of one document, run on every parsed document (valid or not,
 * so all problems surface at once); a document with any of these problems yields no customer.
 *
 * - An item key is unique per customer: the same key under `subscriptions` and `purchases`
 *   is reported on the purchase. (Within one mapping, YAML's unique-key check reports it.)
 * - `coterm` is `month-end` or another subscription item of the same customer
 *   (`checkCotermRules`), reported at the `coterm` value.
 *
 * The rule across documents, a customer id declared once, is `createCustomerIdRule`. Pure.
 */
export function checkDocumentRules(doc: SourceDocument): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const value = asRecord(doc.value);
  if (value === undefined) return diagnostics;
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
    }
  }
  diagnostics.push(...checkCotermRules(doc));
  return diagnostics;
}

/** The customer id a document declares, lower-cased, when it is written as a string. */
export function declaredCustomerId(doc: SourceDocument): string | undefined {
  const id = asRecord(asRecord(doc.value)?.['customer'])?.['id'];
  return typeof id === 'string' ? id.toLowerCase() : undefined;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}
