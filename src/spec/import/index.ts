/**
 * spec/import — what `qm import` writes (docs/cli-import.md): drafts of spec documents from
 * live subscriptions, rendered as new files, pasted text, or added to an existing file keeping
 * what it says and how (comments, layout). Never replaces a file it did not read.
 */
export * from './spec-draft.js';
export { renderNewSpec, renderItemsToPaste, noteLines, SCHEMA_COMMENT } from './render-draft.js';
export { addToSpecText, type SpecAddition } from './add-to-spec.js';
export { createSpecFileWriter, replaceSpecFile, type SpecFileWriter } from './spec-files.js';
