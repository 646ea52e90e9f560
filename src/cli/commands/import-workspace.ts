import { relative } from 'node:path';
import { findSpecFiles, loadSpecs } from '../../spec/index.js';
import { formatDiagnostic, hasErrors } from '../../support/index.js';
import type { CliIo } from '../io.js';
import { UserError } from '../user-error.js';
import { loadConfigOrStop, loadWorkspace, type Workspace } from '../workspace.js';
import { desiredSource } from '../../model/index.js';

/**
 * The workspace of `qm import` and `qm customers`: as every command loads it (any error in the
 * config or a spec stops the command before a network call, so a customer whose spec has an
 * error is never taken for one without a spec), except that a specs folder that is missing or
 * holds no spec file yet is an empty estate, not an error: adopting one starts there.
 * @throws UserError `invalid-input`
 */
export function loadImportWorkspace(io: CliIo, configFlag: string | undefined): Workspace {
  const config = loadConfigOrStop(io, configFlag);
  if (!hasSpecFiles(config.specs)) {
    const desired = { customers: [] };
    return { config, desired, source: desiredSource(desired) };
  }
  return loadWorkspace(io, configFlag);
}

function hasSpecFiles(dir: string): boolean {
  try {
    const search = findSpecFiles(dir);
    return search.files.length > 0 || search.problems.length > 0;
  } catch (error) {
    // Anything but a missing folder is reported by the loader, as every command reports it.
    return (error as NodeJS.ErrnoException).code !== 'ENOENT';
  }
}

/**
 * Loads the specs again after `qm import` wrote `files`, and prints every diagnostic in them: a
 * file it wrote must pass `qm validate`.
 * @throws UserError `import-invalid` when one does not (a bug: the message says what to send)
 */
export function checkWrittenSpecs(io: CliIo, specsDir: string, files: readonly string[]): void {
  if (files.length === 0) return;
  const written = new Set(files);
  const problems = loadSpecs(specsDir, { cwd: io.cwd }).diagnostics.filter((d) =>
    written.has(d.file),
  );
  for (const d of problems) io.err(formatDiagnostic({ ...d, file: relative(io.cwd, d.file) }));
  if (hasErrors(problems)) {
    throw new UserError(
      'import-invalid',
      'qm import wrote spec files that do not validate (listed above): fix them by hand or remove them, and report the Partner Center subscription that caused it',
    );
  }
}

/** `file` relative to the working directory, as messages print paths. */
export function shownPath(io: CliIo, file: string): string {
  return relative(io.cwd, file) || file;
}

/** Progress on stderr while reading customers, only when stderr is a terminal. */
export function importProgress(): ((done: number, total: number) => void) | undefined {
  if (process.stderr.isTTY !== true) return undefined;
  return (done, total) => {
    process.stderr.write(`\rreading customers ${done}/${total}${done === total ? '\n' : ''}`);
  };
}

/** `1 item`, `2 items`. */
export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
