/**
 * spec/ — the spec files (`specs/**\/*.yaml`) as a validated, normalised `DesiredState`.
 * Pipeline: read → parse (yaml, all documents, LineCounter positions) → schema
 * (`specs/schema.json`, ajv) → per-document rules (country, blocked markets) → cross-document
 * rules (unique item keys, unique customer ids) → normalise (defaults, case).
 *
 * May import: model/, support/ (and node:fs, node:path, yaml, ajv).
 * Invariants: bad input never throws — it becomes `Diagnostic`s with file:line:col, all of
 * them, sorted; a customer with any error is left out of the desired state (fail closed);
 * `specs/schema.json` and the `SpecDocument` types agree (checked by a test).
 */
export { loadSpecs, type LoadSpecsOptions, type SpecLoadResult } from './load-specs.js';
export { findSpecFiles, specFileName, type SpecFileSearch } from './find-spec-files.js';
export { validateSpecDocument, type DocumentCheck } from './validate-document.js';
export { normaliseDocument } from './normalise-document.js';
export { checkCrossDocumentRules, type CrossDocumentCheck } from './cross-document-rules.js';
export { readSpecSchema, specSchemaValidator, SPEC_SCHEMA_URL } from './spec-schema.js';
export * from './spec-document.js';
export * from './import/index.js';
export {
  patchSpecQuantities,
  writeBackDrift,
  type PatchOutcome,
  type QuantityPatch,
  type WriteBackOutcome,
} from './write-back.js';
