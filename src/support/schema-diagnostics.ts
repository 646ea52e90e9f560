import type { ErrorObject } from 'ajv';
import type { Diagnostic } from './diagnostic.js';
import { formatYamlPath, type SourceDocument, type YamlPath } from './yaml-source.js';

/** How to word schema errors for one schema. */
export interface SchemaWording {
  /** The schema the errors came from: used to list allowed keys and explain conditional rules. */
  readonly schema: object;
  /** Regex source → what it means, e.g. `'^[0-9a-f]{8}-…$'` → `'a GUID (…)'`. */
  readonly patternNames?: Readonly<Record<string, string>>;
  /** Dotted paths whose values must not be echoed in messages (they may hold a secret). */
  readonly hideValue?: (path: string) => boolean;
}

/**
 * Maps ajv errors (run with `allErrors`) to diagnostics at the offending node: the key for
 * unknown keys, the value otherwise. Each message says what is allowed. When a failing rule
 * sits inside an `if`/`then`/`else`, the branch's `description` is appended as the reason,
 * so conditional rules explain themselves. Output is deduplicated, not sorted.
 */
export function diagnosticsFromSchemaErrors(
  errors: readonly ErrorObject[],
  doc: SourceDocument,
  wording: SchemaWording,
): Diagnostic[] {
  const out = new Map<string, Diagnostic>();
  // A value that breaks an unconditional rule is reported once, without the stricter
  // conditional variant of the same rule (e.g. `billing` outside both enums).
  const unconditional = new Set(
    errors
      .filter((e) => branchReason(wording.schema, e.schemaPath, true) === undefined)
      .map((e) => e.instancePath),
  );
  for (const error of errors) {
    // `if` only says "must match then"; the failing inner rule is reported on its own.
    if (error.keyword === 'if') continue;
    // propertyNames reports the inner failure too; keep the one that names the key.
    if (error.propertyName !== undefined && error.keyword !== 'propertyNames') continue;
    const reason = branchReason(wording.schema, error.schemaPath);
    if (
      reason !== undefined &&
      error.keyword !== 'required' &&
      unconditional.has(error.instancePath)
    )
      continue;
    const found = describe(error, doc, wording);
    const pos = doc.locate(found.path, found.target);
    const message =
      reason === undefined || reason === '' ? found.message : `${found.message} (${reason})`;
    const diagnostic: Diagnostic = {
      file: doc.file,
      line: pos.line,
      col: pos.col,
      path: formatYamlPath(found.path),
      message,
      severity: 'error',
    };
    out.set(`${diagnostic.path}\u0000${message}`, diagnostic);
  }
  return [...out.values()];
}

interface Described {
  readonly path: YamlPath;
  readonly target: 'key' | 'value';
  readonly message: string;
}

function describe(error: ErrorObject, doc: SourceDocument, wording: SchemaWording): Described {
  const path = pointerToPath(error.instancePath);
  const field = fieldName(path);
  const params = error.params as Record<string, unknown>;
  const got = (): string =>
    wording.hideValue?.(formatYamlPath(path)) === true
      ? 'a value (not shown)'
      : describeValue(valueAt(doc.value, path), doc.sourceText(path));
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(params['additionalProperty']);
      const allowed = Object.keys(
        schemaAt(wording.schema, siblingPath(error.schemaPath, 'properties')) ?? {},
      );
      const hint = closest(key, allowed);
      const suggestion = hint === undefined ? '' : `; did you mean \`${hint}\`?`;
      return {
        path: [...path, key],
        target: 'key',
        message: `unknown key \`${key}\` (allowed here: ${allowed.join(', ')})${suggestion}`,
      };
    }
    case 'required':
      return {
        path,
        target: path.length === 0 ? 'value' : 'key',
        message: `missing required key \`${String(params['missingProperty'])}\` in ${field}`,
      };
    case 'type': {
      const wanted = String(params['type']).split(',').map(typeName).join(' or ');
      const source = doc.sourceText(path);
      const value = valueAt(doc.value, path);
      const quote =
        wanted === 'a string' &&
        source !== undefined &&
        (typeof value === 'number' || typeof value === 'boolean')
          ? `; quote it ("${source}") to keep it as text`
          : '';
      return { path, target: 'value', message: `${field} must be ${wanted}, got ${got()}${quote}` };
    }
    case 'enum': {
      const values = (params['allowedValues'] as unknown[]).map((v) => String(v));
      const allowed = values.length === 1 ? String(values[0]) : `one of ${values.join(', ')}`;
      return { path, target: 'value', message: `${field} must be ${allowed}; got ${got()}` };
    }
    case 'const':
      return {
        path,
        target: 'value',
        message: `${field} must be ${JSON.stringify(params['allowedValue'])}; got ${got()}`,
      };
    case 'pattern': {
      const pattern = String(params['pattern']);
      const meaning = wording.patternNames?.[pattern] ?? `text matching /${pattern}/`;
      return { path, target: 'value', message: `${field} must be ${meaning}; got ${got()}` };
    }
    case 'propertyNames': {
      const named = params['propertyName'] ?? error.propertyName;
      const key = typeof named === 'string' ? named : '';
      const names = schemaAt(wording.schema, siblingPath(error.schemaPath, 'propertyNames')) as
        { pattern?: string } | undefined;
      const meaning =
        names?.pattern === undefined
          ? 'a valid name'
          : (wording.patternNames?.[names.pattern] ?? names.pattern);
      return {
        path: [...path, key],
        target: 'key',
        message: `key \`${key}\` is not allowed: keys must be ${meaning}`,
      };
    }
    case 'minimum':
    case 'exclusiveMinimum':
    case 'maximum':
    case 'exclusiveMaximum': {
      const bound = {
        minimum: 'at least',
        exclusiveMinimum: 'more than',
        maximum: 'at most',
        exclusiveMaximum: 'less than',
      }[error.keyword];
      return {
        path,
        target: 'value',
        message: `${field} must be ${bound} ${String(params['limit'])}; got ${got()}`,
      };
    }
    case 'minLength':
      return { path, target: 'value', message: `${field} must not be empty` };
    case 'false schema':
      return { path, target: 'key', message: `key ${field} is not allowed here` };
    default:
      return { path, target: 'value', message: `${field} ${String(error.message)}` };
  }
}

/** `` `quantity` ``, or `` `autoApply[1]` `` for a list entry, or "the document". */
function fieldName(path: readonly string[]): string {
  const last = path[path.length - 1];
  if (last === undefined) return 'the document';
  const parent = path[path.length - 2];
  return /^\d+$/.test(last) && parent !== undefined ? `\`${parent}[${last}]\`` : `\`${last}\``;
}

function pointerToPath(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** `#/a/b/additionalProperties` → `a/b/<sibling>`. */
function siblingPath(schemaPath: string, sibling: string): string[] {
  const parts = pointerToPath(schemaPath.replace(/^#/, ''));
  return [...parts.slice(0, -1), sibling];
}

function schemaAt(schema: unknown, parts: readonly string[]): Record<string, unknown> | undefined {
  let node: unknown = schema;
  for (const part of parts) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node !== null && typeof node === 'object' ? (node as Record<string, unknown>) : undefined;
}

/**
 * The `description` of the innermost `then`/`else` branch the failing rule sits in (`''`
 * when it has none). `if` errors count as conditional when `includeIf` is set.
 */
function branchReason(schema: object, schemaPath: string, includeIf = false): string | undefined {
  const parts = pointerToPath(schemaPath.replace(/^#/, ''));
  for (let i = parts.length - 1; i >= 0; i--) {
    if (parts[i] === 'then' || parts[i] === 'else' || (includeIf && parts[i] === 'if')) {
      const description = schemaAt(schema, parts.slice(0, i + 1))?.['description'];
      return typeof description === 'string' ? description : '';
    }
  }
  return undefined;
}

function valueAt(value: unknown, path: YamlPath): unknown {
  let node = value;
  for (const part of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[String(part)];
  }
  return node;
}

function typeName(type: string): string {
  const names: Record<string, string> = {
    object: 'a mapping (key: value)',
    array: 'a list',
    string: 'a string',
    integer: 'a whole number',
    number: 'a number',
    boolean: 'true or false',
    null: 'empty',
  };
  return names[type] ?? type;
}

function describeValue(value: unknown, source: string | undefined): string {
  if (value === null || value === undefined) return 'nothing (empty value)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  const text = source ?? JSON.stringify(value);
  return `\`${text.length > 60 ? `${text.slice(0, 57)}...` : text}\``;
}

/** A known key within edit distance 2 (or equal ignoring case), for "did you mean". */
function closest(key: string, candidates: readonly string[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const name of candidates) {
    const distance = name.toLowerCase() === key.toLowerCase() ? 0 : editDistance(key, name);
    if (distance <= 2 && (best === undefined || distance < best.distance))
      best = { name, distance };
  }
  return best?.name;
}

/** Levenshtein distance between two strings (insertions, deletions, substitutions). */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost,
      );
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
