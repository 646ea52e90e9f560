import { join, relative, resolve } from 'node:path';
import { isSpecError, type Plan } from '../model/index.js';
import { formatDiagnostic, sortDiagnostics, type Diagnostic } from '../support/index.js';
import type { CliIo } from './io.js';

/**
 * How a spec file of the model (`SourceRef.file`, relative to the specs folder) is shown: relative
 * to the working directory, as `qm validate` shows it.
 */
export function specFileShown(specsDir: string, cwd: string): (file: string) => string {
  return (file) => {
    const absolute = resolve(cwd, join(specsDir, file));
    return relative(cwd, absolute) || absolute;
  };
}

/**
 * The plan's spec errors (`unknown-product`, `sku-limits`, `no-availability`) as error
 * diagnostics at their spec position, sorted. An entry without a position (a plan saved by an
 * older version) points at line 1 of `?`.
 */
export function specErrorDiagnostics(
  plan: Pick<Plan, 'blocked'>,
  shown: (file: string) => string,
): Diagnostic[] {
  return sortDiagnostics(
    plan.blocked.filter(isSpecError).map((b) => ({
      file: b.source === undefined ? '?' : shown(b.source.file),
      line: b.source?.line ?? 1,
      col: b.source?.col ?? 1,
      path: '',
      message: `${b.customerName ?? b.customerId}: item ${b.item}: ${b.reason} [${b.code}]`,
      severity: 'error' as const,
    })),
  );
}

/**
 * Prints the plan's spec errors on stderr as `file:line:col` diagnostics, then one line saying
 * what they mean. Returns how many there were (a command exits 1 when any).
 */
export function reportSpecErrors(
  io: CliIo,
  plan: Pick<Plan, 'blocked'>,
  specsDir: string,
  rest: string,
): number {
  const diagnostics = specErrorDiagnostics(plan, specFileShown(specsDir, io.cwd));
  if (diagnostics.length === 0) return 0;
  for (const d of diagnostics) io.err(formatDiagnostic(d));
  const n = diagnostics.length;
  io.err(
    `${n} spec error${n === 1 ? '' : 's'} (listed above): those items are blocked until the spec is fixed; ${rest}`,
  );
  return n;
}
