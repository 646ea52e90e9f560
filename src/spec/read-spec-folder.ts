import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import type { DesiredCustomer } from '../model/index.js';
import { parseYamlSource, sortDiagnostics, type Diagnostic } from '../support/index.js';
import { checkSpecDocument } from './check-spec-document.js';
import { createCustomerIdRule, type CustomerIdRule } from './customer-id-rule.js';
import { findSpecFiles } from './find-spec-files.js';

export interface LoadSpecsOptions {
  /** Messages name other files relative to this folder. @default process.cwd() */
  readonly cwd?: string;
}

/** Where a customer is declared: its spec file (absolute) and the document's 0-based index. */
export interface SpecOrigin {
  readonly file: string;
  readonly index: number;
}

/** What {@link readSpecFolder} found besides the customers it handed over. */
export interface SpecFolderRead {
  /** Every problem in every file, sorted by file, line, column (absolute file paths). */
  readonly diagnostics: readonly Diagnostic[];
  /** The spec files read, absolute, in load order. */
  readonly files: readonly string[];
}

/**
 * The one validation pass over a specs folder, streaming: each file is read, parsed and each
 * of its documents checked and normalised before the next file is read, so nothing of a
 * file's parse outlives it except the customers handed to `onCustomer` (in path, then
 * document order) and the diagnostics. The rule across documents (a customer id declared
 * once) remembers only the first file and document of each id. Never throws for bad input:
 * a missing or empty folder, unreadable files, YAML errors and rule violations all become
 * diagnostics with `file:line:col`.
 */
export function readSpecFolder(
  dir: string,
  options: LoadSpecsOptions,
  onCustomer: (customer: DesiredCustomer, origin: SpecOrigin) => void,
): SpecFolderRead {
  const root = resolve(dir);
  const cwd = options.cwd ?? process.cwd();
  const folderProblem = (message: string, also: readonly Diagnostic[] = []): SpecFolderRead => ({
    diagnostics: sortDiagnostics([
      { file: root, line: 1, col: 1, path: '', message, severity: 'error' },
      ...also,
    ]),
    files: [],
  });
  let files: string[];
  let linkProblems: readonly Diagnostic[];
  try {
    ({ files, problems: linkProblems } = findSpecFiles(root));
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT'
        ? 'does not exist'
        : `cannot be read (${String(error)})`;
    return folderProblem(
      `specs folder ${root} ${reason}; set \`specs\` in the config (or QM_SPECS) to the folder holding your spec files`,
    );
  }
  if (files.length === 0) {
    return folderProblem(
      `no spec files (*.yaml, *.yml) in ${root}: add one file per customer (see docs/spec-reference.md)`,
      linkProblems,
    );
  }

  const diagnostics: Diagnostic[] = [...linkProblems];
  const customerIds = createCustomerIdRule((file) => relative(cwd, file) || file);
  let documents = 0;
  for (const file of files) {
    documents += readSpecFile(file, root, customerIds, diagnostics, onCustomer);
  }
  if (documents === 0) {
    diagnostics.push({
      file: root,
      line: 1,
      col: 1,
      path: '',
      message: `no customer is declared in ${root}: every spec file is empty`,
      severity: 'error',
    });
  }
  return { diagnostics: sortDiagnostics(diagnostics), files };
}

/** Reads, parses and checks one file; returns how many documents it holds. */
function readSpecFile(
  file: string,
  root: string,
  customerIds: CustomerIdRule,
  diagnostics: Diagnostic[],
  onCustomer: (customer: DesiredCustomer, origin: SpecOrigin) => void,
): number {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    diagnostics.push({
      file,
      line: 1,
      col: 1,
      path: '',
      message: `cannot read file: ${String(error)}`,
      severity: 'error',
    });
    return 0;
  }
  const parsed = parseYamlSource(file, text);
  diagnostics.push(...parsed.diagnostics);
  const present = parsed.documents.filter((doc) => doc.value !== undefined || doc.hasErrors);
  if (present.length === 0) {
    diagnostics.push({
      file,
      line: 1,
      col: 1,
      path: '',
      message: 'file declares no customer (it is empty)',
      severity: 'warning',
    });
  }
  for (const doc of present) {
    const outcome = checkSpecDocument(doc, root, customerIds);
    diagnostics.push(...outcome.diagnostics);
    if (outcome.customer !== undefined) onCustomer(outcome.customer, { file, index: doc.index });
  }
  return present.length;
}
