import { isGuid, type Diagnostic, type SourceDocument } from '../support/index.js';
import { declaredCustomerId } from './document-rules.js';

/**
 * Checks one document against those checked before it (call it on every parsed document, in
 * path order, then document order): returns the problem when its customer id was already
 * declared, reported on this later document at `customer.id` and naming the earlier file
 * (docs/spec-reference.md). Remembers only, per id, the file and index of the first document
 * that declared it — never the document — so a streaming load keeps no parse alive.
 */
export type CustomerIdRule = (doc: SourceDocument) => Diagnostic | undefined;

/** A fresh {@link CustomerIdRule}; `displayName` turns a file into the name used in messages. */
export function createCustomerIdRule(displayName: (file: string) => string): CustomerIdRule {
  const firstSeen = new Map<string, { readonly file: string; readonly index: number }>();
  return (doc) => {
    const id = declaredCustomerId(doc);
    if (id === undefined || !isGuid(id)) return undefined;
    const earlier = firstSeen.get(id);
    if (earlier === undefined) {
      firstSeen.set(id, { file: doc.file, index: doc.index });
      return undefined;
    }
    const where =
      earlier.file === doc.file
        ? `document ${earlier.index + 1} of this file`
        : displayName(earlier.file);
    return {
      file: doc.file,
      ...doc.locate(['customer', 'id'], 'value'),
      path: 'customer.id',
      message: `duplicate customer id ${id}: already declared in ${where}; each customer must be declared once`,
      severity: 'error',
    };
  };
}
