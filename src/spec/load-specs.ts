import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import type { DesiredCustomer, DesiredState } from '../model/index.js';
import {
  parseYamlSource,
  sortDiagnostics,
  type Diagnostic,
  type SourceDocument,
} from '../support/index.js';
import { checkCrossDocumentRules } from './cross-document-rules.js';
import { findSpecFiles, specFileName } from './find-spec-files.js';
import { normaliseDocument } from './normalise-document.js';
import { validateSpecDocument } from './validate-document.js';

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

export interface LoadSpecsOptions {
  /** Messages name other files relative to this folder. @default process.cwd() */
  readonly cwd?: string;
}

/**
 * Loads every spec under `dir` (`**\/*.yaml`, `**\/*.yml`): read → parse (all documents,
 * with positions) → schema → per-document rules → cross-document rules → normalise. Never
 * throws for bad input: a missing or empty folder, unreadable files, YAML errors and rule
 * violations all become diagnostics with `file:line:col`. Model file names
 * (`DesiredCustomer.file`, `SourceRef.file`) are relative to `dir`.
 */
export function loadSpecs(dir: string, options: LoadSpecsOptions = {}): SpecLoadResult {
  const root = resolve(dir);
  const cwd = options.cwd ?? process.cwd();
  const folderProblem = (message: string, also: readonly Diagnostic[] = []): SpecLoadResult => ({
    desired: { customers: [] },
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
  const documents: SourceDocument[] = [];
  for (const file of files) {
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
      continue;
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
    documents.push(...present);
  }

  const crossDocument = checkCrossDocumentRules(documents, (file) => relative(cwd, file) || file);
  diagnostics.push(...crossDocument.diagnostics);
  const customers: DesiredCustomer[] = [];
  for (const doc of documents) {
    if (doc.hasErrors) continue;
    const check = validateSpecDocument(doc);
    diagnostics.push(...check.diagnostics);
    if (check.spec !== undefined && !crossDocument.rejected.has(doc)) {
      customers.push(normaliseDocument(check.spec, doc, specFileName(root, doc.file)));
    }
  }
  if (documents.length === 0) {
    diagnostics.push({
      file: root,
      line: 1,
      col: 1,
      path: '',
      message: `no customer is declared in ${root}: every spec file is empty`,
      severity: 'error',
    });
  }
  return { desired: { customers }, diagnostics: sortDiagnostics(diagnostics), files };
}
