/**
 * spec/ — the spec files (`specs/**\/*.yaml`) as a validated, normalised `DesiredState`.
 * Pipeline, one file at a time (nothing of a file's parse outlives it): read → parse (yaml, all
 * documents, LineCounter positions) → rules across a document's sections (unique item keys,
 * coterm) → unique customer ids across documents → schema (`specs/schema.json`, ajv) and
 * market rules (country, blocked markets) → normalise (defaults, case). `loadSpecs` holds every
 * customer; `openSpecSource` holds an index and reloads customers in batches.
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
export { openSpecSource, type SpecSourceOpen } from './spec-source.js';
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
