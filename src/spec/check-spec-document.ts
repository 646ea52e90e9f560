import type { DesiredCustomer } from '../model/index.js';
import type { Diagnostic, SourceDocument } from '../support/index.js';
import type { CustomerIdRule } from './customer-id-rule.js';
import { checkDocumentRules } from './document-rules.js';
import { specFileName } from './find-spec-files.js';
import { normaliseDocument } from './normalise-document.js';
import { validateSpecDocument } from './validate-document.js';

/** What one spec document yields. */
export interface SpecDocumentOutcome {
  /** Its problems: rules across its sections, the customer-id rule, schema, market rules. */
  readonly diagnostics: readonly Diagnostic[];
  /** The normalised customer, only when the document has no error at all. */
  readonly customer?: DesiredCustomer;
}

/**
 * One parsed document of a spec file under `root` → its problems and, when it has none, its
 * customer (`DesiredCustomer.file` relative to `root`): the rules across its sections
 * (`checkDocumentRules`), then `customerIds` when given (the rule across documents: pass the
 * same rule for every document of a load, in load order), then — unless YAML already found
 * errors in it — the schema and market rules, then normalisation. Keeps nothing of `doc`.
 */
export function checkSpecDocument(
  doc: SourceDocument,
  root: string,
  customerIds?: CustomerIdRule,
): SpecDocumentOutcome {
  const diagnostics = checkDocumentRules(doc);
  const duplicate = customerIds?.(doc);
  if (duplicate !== undefined) diagnostics.push(duplicate);
  const rejected = diagnostics.length > 0;
  if (doc.hasErrors) return { diagnostics };
  const check = validateSpecDocument(doc);
  diagnostics.push(...check.diagnostics);
  if (check.spec === undefined || rejected) return { diagnostics };
  return {
    diagnostics,
    customer: normaliseDocument(check.spec, doc, specFileName(root, doc.file)),
  };
}
