import {
  isMap,
  isScalar,
  isAlias,
  isSeq,
  LineCounter,
  parseAllDocuments,
  visit,
  type Document,
  type Node,
} from 'yaml';
import type { Diagnostic } from './diagnostic.js';

/** A 1-based position in a source file. */
export interface SourcePosition {
  readonly line: number;
  readonly col: number;
}

/** A path into a YAML document: map keys and sequence indexes. */
export type YamlPath = readonly (string | number)[];

/**
 * One YAML document of a file, with the means to point back into the source: every
 * diagnostic about it can name the `line:col` of the offending key or value.
 */
export interface SourceDocument {
  readonly file: string;
  /** 0-based position of the document in its file (files may hold several `---` documents). */
  readonly index: number;
  /** The document as plain JS data; `undefined` for a document with no content. */
  readonly value: unknown;
  /** True when the document had syntax errors (reported in `ParsedYaml.diagnostics`). */
  readonly hasErrors: boolean;
  /**
   * Where `path` is written. `'key'` points at the map key (for unknown or duplicate keys),
   * `'value'` at its value. A path that does not exist resolves to its deepest existing part.
   */
  locate(path: YamlPath, target: 'key' | 'value'): SourcePosition;
  /** The source text of the value at `path` (e.g. `0002` for an unquoted number), if any. */
  sourceText(path: YamlPath): string | undefined;
}

export interface ParsedYaml {
  readonly documents: readonly SourceDocument[];
  /** YAML syntax errors (severity error) and warnings, with positions. */
  readonly diagnostics: readonly Diagnostic[];
}

/** `a.b.0.c`: the dotted form diagnostics print. */
export function formatYamlPath(path: YamlPath): string {
  return path.map(String).join('.');
}

/**
 * Parses every document of a YAML file with source positions (`yaml` + `LineCounter`).
 * Pure: the caller reads the file. Duplicate keys are syntax errors (yaml's `uniqueKeys`).
 */
export function parseYamlSource(file: string, text: string): ParsedYaml {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const list = Array.isArray(docs) ? docs : [];
  const diagnostics: Diagnostic[] = [];
  const at = (offset: number): SourcePosition => lineCounter.linePos(Math.min(offset, text.length));
  const documents = list.map((doc, index): SourceDocument => {
    for (const problem of [...doc.errors, ...doc.warnings]) {
      const pos = at(problem.pos[0]);
      diagnostics.push({
        file,
        line: pos.line,
        col: pos.col,
        path: '',
        message: describeYamlProblem(problem.code, problem.message, text, problem.pos),
        severity: doc.errors.includes(problem) ? 'error' : 'warning',
      });
    }
    const built = doc.contents === null ? { value: undefined } : buildValue(doc);
    if (built.problem !== undefined) {
      const pos = at(built.problem.offset);
      diagnostics.push({
        file,
        ...pos,
        path: '',
        message: built.problem.message,
        severity: 'error',
      });
    }
    return {
      file,
      index,
      value: built.value,
      hasErrors: doc.errors.length > 0 || built.problem !== undefined,
      locate: (path, target) => at(locateOffset(doc, path, target)),
      sourceText: (path) => {
        const node = doc.getIn(path, true) as Node | undefined;
        return isScalar(node) && node.range ? text.slice(node.range[0], node.range[1]) : undefined;
      },
    };
  });
  return { documents, diagnostics };
}

/** Alias expansions allowed per document: yaml's guard against "billion laughs" alias bombs. */
export const MAX_YAML_ALIASES = 100;

/**
 * The document as plain data. yaml throws (instead of reporting) when aliases expand beyond
 * {@link MAX_YAML_ALIASES} or an alias names no anchor: that becomes a problem at the alias past
 * the limit (for a few aliases that nest into many values, the first alias), never a silently
 * empty document.
 */
function buildValue(doc: Document.Parsed): {
  value: unknown;
  problem?: { offset: number; message: string };
} {
  try {
    return { value: doc.toJS({ maxAliasCount: MAX_YAML_ALIASES }) as unknown };
  } catch (error) {
    const aliases: Node[] = [];
    visit(doc, { Alias: (_key, node) => void aliases.push(node) });
    const text = error instanceof Error ? error.message : String(error);
    const unresolved = /^Unresolved alias/.test(text);
    const culprit = unresolved
      ? aliases.find((a) => isAlias(a) && text.endsWith(`: ${a.source}`))
      : (aliases[MAX_YAML_ALIASES] ?? aliases[0]);
    const offset = culprit?.range?.[0] ?? (doc.contents as Node | null)?.range?.[0] ?? 0;
    const message = unresolved
      ? `YAML syntax: ${text}`
      : `YAML aliases (*name) expand beyond the limit of ${MAX_YAML_ALIASES} values (a guard against alias bombs): write the repeated values out instead of using anchors (&name) and aliases`;
    return { value: undefined, problem: { offset, message } };
  }
}

function describeYamlProblem(
  code: string,
  message: string,
  text: string,
  pos: readonly [number, number],
): string {
  if (code === 'DUPLICATE_KEY') {
    const key = (/^[^:\n]*/.exec(text.slice(pos[0]))?.[0] ?? '').trim();
    return `duplicate key \`${key}\`: keys must be unique within a mapping (YAML syntax)`;
  }
  const first = message.split('\n')[0] ?? message;
  return `YAML syntax: ${first.replace(/\s+at line \d+, column \d+:?$/, '')}`;
}

function locateOffset(doc: Document.Parsed, path: YamlPath, target: 'key' | 'value'): number {
  let node: unknown = doc.contents;
  let offset = (doc.contents as Node | null)?.range?.[0] ?? 0;
  for (const [depth, segment] of path.entries()) {
    const last = depth === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find(
        (p) => isScalar(p.key) && String(p.key.value) === String(segment),
      );
      if (!pair) return offset;
      const keyStart = (pair.key as Node).range?.[0] ?? offset;
      const value = pair.value as Node | null;
      if (last && target === 'key') return keyStart;
      // An empty value (`quantity:`) has no useful position of its own: point at the key.
      offset =
        value?.range && !(isScalar(value) && value.value === null) ? value.range[0] : keyStart;
      node = value;
    } else if (isSeq(node) && /^\d+$/.test(String(segment))) {
      const item = node.items[Number(segment)] as Node | undefined;
      if (!item?.range) return offset;
      offset = item.range[0];
      node = item;
    } else {
      return offset;
    }
  }
  return offset;
}
