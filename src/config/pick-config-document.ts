import type { Diagnostic, ParsedYaml, SourceDocument } from '../support/index.js';
import { CONFIG_SCHEMA } from './config-schema.js';

const TOP_LEVEL_KEYS: readonly string[] = Object.keys(CONFIG_SCHEMA.properties);

/**
 * Picks the one config document of a parsed file, refusing what is not a config rather than
 * guessing: an empty file (nothing, comments only, `~`) is an error, never the built-in
 * defaults; a file with no known top-level key (`/etc/passwd`, a spec, a README pointed at by
 * mistake) is one error that names the file and echoes none of its content — its syntax
 * problems and keys are not reported, since they would print its lines. `from` says how the
 * file was chosen (` (from --config)`), for the messages. Pure.
 */
export function pickConfigDocument(
  file: string,
  parsed: ParsedYaml,
  from: string,
): { readonly doc: SourceDocument | undefined; readonly diagnostics: Diagnostic[] } {
  const at = { file, line: 1, col: 1, path: '', severity: 'error' } as const;
  const docs = parsed.documents.filter((d) => (d.value ?? undefined) !== undefined || d.hasErrors);
  const first = docs[0];
  if (first === undefined) {
    return {
      doc: undefined,
      diagnostics: [
        {
          ...at,
          message: `config file ${file}${from} is empty: write at least \`specs:\` (the spec folder) and \`partnerCenter:\` (endpoint and auth) in it, or point --config / QM_CONFIG at your config (see docs/config-reference.md)`,
        },
      ],
    };
  }
  // A document whose aliases could not be expanded has no value; its problem says why.
  const unbuilt = first.value === undefined;
  if (!unbuilt && !looksLikeConfig(first.value)) {
    return { doc: undefined, diagnostics: [{ ...at, message: notAConfig(file, from, first) }] };
  }
  const diagnostics = [...parsed.diagnostics];
  const second = docs[1];
  if (second !== undefined) {
    diagnostics.push({
      ...at,
      ...second.locate([], 'value'),
      message: 'the config file must hold one YAML document, not several',
    });
  }
  return { doc: first.hasErrors ? undefined : first, diagnostics };
}

function looksLikeConfig(value: unknown): boolean {
  return isMapping(value) && TOP_LEVEL_KEYS.some((key) => Object.hasOwn(value, key));
}

function notAConfig(file: string, from: string, doc: SourceDocument): string {
  const spec = isMapping(doc.value) && Object.hasOwn(doc.value, 'customer');
  const hint = spec
    ? 'it looks like a spec file: put it in the folder named by `specs:` and point --config / QM_CONFIG at the agent config'
    : 'point --config / QM_CONFIG at your agent config (see docs/config-reference.md)';
  return `${file}${from} is not a Quartermaster config (expected keys such as specs:, state:, partnerCenter:), so none of it is shown: ${hint}`;
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
