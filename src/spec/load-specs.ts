import type { DesiredCustomer, DesiredState } from '../model/index.js';
import type { Diagnostic } from '../support/index.js';
import { readSpecFolder, type LoadSpecsOptions } from './read-spec-folder.js';

export type { LoadSpecsOptions } from './read-spec-folder.js';

/** What `loadSpecs` found. */
export interface SpecLoadResult {
  /**
   * The customers whose documents passed every check, in path then document order. A
   * customer with any error is left out, so callers that go on despite errors fail closed.
   */
  readonly desired: DesiredState;
  /** Every problem in every file, sorted by file, line, column (absolute file paths). */
  readonly diagnostics: readonly Diagnostic[];
  /** The spec files read, absolute, in load order. */
  readonly files: readonly string[];
}

/**
 * Loads every spec under `dir` (`**\/*.yaml`, `**\/*.yml`): read → parse (all documents,
 * with positions) → rules across a document's sections → unique customer ids → schema and
 * market rules → normalise, one file at a time (`readSpecFolder`), so only the normalised
 * customers are held, never every file's parse. Never throws for bad input: a missing or
 * empty folder, unreadable files, YAML errors and rule violations all become diagnostics with
 * `file:line:col`. Model file names (`DesiredCustomer.file`, `SourceRef.file`) are relative
 * to `dir`. For an estate too large to hold at once, `openSpecSource` reads it in batches.
 */
export function loadSpecs(dir: string, options: LoadSpecsOptions = {}): SpecLoadResult {
  const customers: DesiredCustomer[] = [];
  const read = readSpecFolder(dir, options, (customer) => customers.push(customer));
  return { desired: { customers }, diagnostics: read.diagnostics, files: read.files };
}
