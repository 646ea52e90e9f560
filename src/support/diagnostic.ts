/**
 * A problem found in user input (a spec or config file). Diagnostics are collected, never
 * thrown: a run reports every problem at once. `path` is the field path inside the document
 * (`subscriptions.m365.quantity`), `line`/`col` are 1-based.
 */
export interface Diagnostic {
  readonly file: string;
  readonly line: number;
  readonly col: number;
  readonly path: string;
  readonly message: string;
  readonly severity: 'error' | 'warning';
}

/** `file:line:col: message (at path)` — the shape every editor and CI log understands. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.path === '' ? '' : ` (at ${d.path})`;
  const prefix = d.severity === 'warning' ? 'warning: ' : '';
  return `${d.file}:${d.line}:${d.col}: ${prefix}${d.message}${where}`;
}

/** Sorts by file, line, column, then message, so output is stable. */
export function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  return [...list].sort(
    (a, b) =>
      a.file.localeCompare(b.file) ||
      a.line - b.line ||
      a.col - b.col ||
      a.message.localeCompare(b.message),
  );
}

export function hasErrors(list: readonly Diagnostic[]): boolean {
  return list.some((d) => d.severity === 'error');
}
