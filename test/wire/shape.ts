/* eslint-disable @typescript-eslint/no-explicit-any -- selectors read wire JSON loosely. */
/**
 * Structural ("shape") comparison of a JSON answer against a documented example from the wire
 * corpus (test/wire/corpus). Values are not compared, only:
 *
 * - every key the documented example has is present in the answer, with the same JSON type
 *   (string / number / boolean / object / array / null), recursively; for arrays the first
 *   documented element is compared with the first answered element;
 * - enum-valued fields use a documented spelling (the example's own value or one listed in the
 *   rule; case-insensitively unless the rule says the casing matters);
 * - in `strict` mode (the sandbox's `documented` dialect) the answer carries no key the example
 *   lacks.
 *
 * Every mismatch names its JSON path (`$.items[0].productType.id`). Documented keys the sandbox
 * deliberately leaves out, and extra keys it deliberately adds, are allow-listed per fixture with
 * a one-line reason, by path pattern: `$.a.b` (exact), `$.items[].x` (`[]` = any index) or
 * `**.x` (that key at any depth; `**.a.b` for a suffix).
 */
import { expect } from 'vitest';
import { fixture, loadCorpus, type JsonValue } from './corpus.js';

export type JsonType = 'string' | 'number' | 'boolean' | 'object' | 'array' | 'null';

export function jsonType(value: unknown): JsonType | 'absent' {
  if (value === undefined) return 'absent';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  const type = typeof value;
  if (type === 'string' || type === 'number' || type === 'boolean' || type === 'object')
    return type;
  return 'absent';
}

export interface ShapeMismatch {
  /** JSON path in the answer, e.g. `$.items[0].quantity`. */
  readonly path: string;
  readonly problem: 'missing' | 'type' | 'enum' | 'extra' | 'empty';
  readonly detail: string;
}

export interface EnumRule {
  /** Documented spellings besides the example's own value at that path. */
  readonly values: readonly string[];
  /** Compare spelling including case (the examples print a casing that matters). */
  readonly caseSensitive?: boolean;
}

export interface ShapeRules {
  /** Documented keys the answer deliberately lacks: path pattern → one-line reason. */
  readonly omit?: Readonly<Record<string, string>>;
  /** Enum-valued fields: path pattern → documented spellings. Merged over `DEFAULT_ENUMS`. */
  readonly enums?: Readonly<Record<string, EnumRule>>;
  /** Report keys of the answer that the example lacks (for the `documented` dialect). */
  readonly strict?: boolean;
  /** Keys the answer may add even when `strict`: path pattern → one-line reason. */
  readonly extra?: Readonly<Record<string, string>>;
  /**
   * Match keys case-insensitively (the example prints a key in another casing than the rest of
   * the docs, e.g. PascalCase in a response).
   */
  readonly caseInsensitiveKeys?: boolean;
  /**
   * With `strict`: other documented examples of the same resource. A key the example lacks is
   * accepted when one of them prints it at the same place (`at` is where the resource sits in
   * the compared body, e.g. `$.items[]`; the examples are resources, rooted at `$`).
   */
  readonly elsewhere?: { readonly at: string; readonly examples: readonly JsonValue[] };
}

/** Every key path of `value` (`$.lineItems[].links.sku`), over every array element. */
export function keyPaths(value: unknown, path = '$', out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    for (const element of value) keyPaths(element, `${path}[]`, out);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, member] of Object.entries(value)) {
      const keyPath = childPath(path, key);
      out.add(keyPath);
      keyPaths(member, keyPath, out);
    }
  }
  return out;
}

/** Billing cycles as the examples spell them (lower snake_case, PascalCase in some places). */
export const BILLING_CYCLES = ['monthly', 'annual', 'one_time', 'triennial', 'none'] as const;
/** ISO-8601 terms of the examples (`renewalTermDuration` may be `""` in the NCE example). */
export const TERM_DURATIONS = ['P1M', 'P1Y', 'P3Y'] as const;

/**
 * Enum fields checked in every comparison: spellings seen in the corpus and on the resource
 * pages (subscription-resources, product-resources, order-resources).
 */
export const DEFAULT_ENUMS: Readonly<Record<string, EnumRule>> = {
  '**.billingCycle': { values: BILLING_CYCLES },
  '**.supportedBillingCycles[]': { values: BILLING_CYCLES, caseSensitive: true },
  '**.termDuration': { values: TERM_DURATIONS, caseSensitive: true },
  '**.productType.id': {
    values: ['OnlineServicesNCE', 'OnlineServices', 'Azure', 'Software'],
    caseSensitive: true,
  },
  '**.subType.id': { values: ['VirtualMachines', 'Azure', 'SaaS'], caseSensitive: true },
};

/** Documented `status` spellings per resource (resource pages and the corpus examples). */
export const STATUS = {
  subscription: { values: ['active', 'suspended', 'deleted', 'expired', 'pending'] },
  order: { values: ['pending', 'completed', 'cancelled'] },
  cart: { values: ['Active', 'Ordered', 'Expired'], caseSensitive: true },
  registration: { values: ['NotRegistered', 'Registering', 'Registered'], caseSensitive: true },
} as const satisfies Readonly<Record<string, EnumRule>>;

function patternMatches(pattern: string, path: string): boolean {
  const normal = path.replace(/\[\d+\]/g, '[]');
  if (pattern.startsWith('**.')) {
    const suffix = pattern.slice(2);
    return normal.endsWith(suffix) && normal.length > suffix.length;
  }
  return normal === pattern;
}

function ruleFor<T>(rules: Readonly<Record<string, T>> | undefined, path: string): T | undefined {
  if (rules === undefined) return undefined;
  for (const [pattern, value] of Object.entries(rules))
    if (patternMatches(pattern, path)) return value;
  return undefined;
}

function findKey(obj: Record<string, unknown>, key: string, anyCase: boolean): string | undefined {
  if (key in obj) return key;
  if (!anyCase) return undefined;
  const lower = key.toLowerCase();
  return Object.keys(obj).find((k) => k.toLowerCase() === lower);
}

function childPath(path: string, key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

/**
 * Compares the shape of `actual` (an answer) with `documented` (an example body). Returns every
 * mismatch, empty when the shapes agree.
 */
export function compareShape(
  documented: JsonValue,
  actual: unknown,
  rules: ShapeRules = {},
): ShapeMismatch[] {
  const out: ShapeMismatch[] = [];
  const enums = { ...DEFAULT_ENUMS, ...(rules.enums ?? {}) };
  const anyCase = rules.caseInsensitiveKeys ?? false;
  const elsewhere = rules.elsewhere;
  const elsewherePaths = new Set<string>();
  for (const example of elsewhere?.examples ?? []) keyPaths(example, '$', elsewherePaths);
  const documentedElsewhere = (keyPath: string): boolean => {
    if (elsewhere === undefined) return false;
    const normal = keyPath.replace(/\[\d+\]/g, '[]');
    if (!normal.startsWith(`${elsewhere.at}.`) && !normal.startsWith(`${elsewhere.at}[`))
      return false;
    return elsewherePaths.has(`$${normal.slice(elsewhere.at.length)}`);
  };

  const checkEnum = (doc: JsonValue, act: unknown, path: string): void => {
    const rule = ruleFor(enums, path);
    if (rule === undefined || typeof doc !== 'string' || typeof act !== 'string') return;
    const allowed = [doc, ...rule.values];
    const ok = rule.caseSensitive
      ? allowed.includes(act)
      : allowed.some((v) => v.toLowerCase() === act.toLowerCase());
    if (!ok)
      out.push({
        path,
        problem: 'enum',
        detail: `${JSON.stringify(act)} is not a documented spelling (${allowed
          .filter((v, i) => allowed.indexOf(v) === i)
          .map((v) => JSON.stringify(v))
          .join(', ')}${rule.caseSensitive ? ', case-sensitive' : ''})`,
      });
  };

  const walk = (doc: JsonValue, act: unknown, path: string): void => {
    const docType = jsonType(doc);
    const actType = jsonType(act);
    // A documented `null` says "nullable" and nothing about the type when set.
    if (docType === 'null') return;
    if (docType !== actType) {
      out.push({ path, problem: 'type', detail: `documented ${docType}, answered ${actType}` });
      return;
    }
    if (docType === 'string') {
      checkEnum(doc, act, path);
      return;
    }
    if (Array.isArray(doc) && Array.isArray(act)) {
      const first = doc[0];
      if (first === undefined) return;
      if (act.length === 0) {
        const elementPath = `${path}[0]`;
        if (ruleFor(rules.omit, elementPath) === undefined)
          out.push({
            path: elementPath,
            problem: 'empty',
            detail: 'documented array has elements, answered array is empty',
          });
        return;
      }
      if (typeof first === 'string') {
        act.forEach((element, i) => {
          walk(first, element, `${path}[${i}]`);
        });
        return;
      }
      walk(first, act[0], `${path}[0]`);
      return;
    }
    if (docType !== 'object') return;
    const docObj = doc as Record<string, JsonValue>;
    const actObj = act as Record<string, unknown>;
    const matched = new Set<string>();
    for (const [key, docValue] of Object.entries(docObj)) {
      const keyPath = childPath(path, key);
      const actKey = findKey(actObj, key, anyCase);
      if (actKey === undefined) {
        if (ruleFor(rules.omit, keyPath) === undefined)
          out.push({ path: keyPath, problem: 'missing', detail: `documented key "${key}" absent` });
        continue;
      }
      matched.add(actKey);
      walk(docValue, actObj[actKey], childPath(path, actKey));
    }
    // `{}` in an example stands for an elided object (`{ ... }` in the docs): nothing to hold against.
    if (rules.strict && Object.keys(docObj).length > 0) {
      for (const key of Object.keys(actObj)) {
        if (matched.has(key)) continue;
        const keyPath = childPath(path, key);
        if (ruleFor(rules.extra, keyPath) === undefined && !documentedElsewhere(keyPath))
          out.push({
            path: keyPath,
            problem: 'extra',
            detail: `key "${key}" is not in the documented example`,
          });
      }
    }
  };

  walk(documented, actual, '$');
  return out;
}

/** One line per mismatch, for assertion messages. */
export function formatMismatches(mismatches: readonly ShapeMismatch[]): string {
  return mismatches.map((m) => `${m.path}: ${m.problem}: ${m.detail}`).join('\n');
}

type Resource = 'order' | 'subscription' | 'availability';

const IS_RESOURCE: Readonly<Record<Resource, (obj: Record<string, JsonValue>) => boolean>> = {
  order: (o) => 'referenceCustomerId' in o && 'lineItems' in o,
  subscription: (o) => 'offerId' in o && 'quantity' in o && 'status' in o && !('lineItems' in o),
  availability: (o) => 'catalogItemId' in o && 'terms' in o,
};

/**
 * Every object of a resource printed in a documented response example (e.g. every Order, be it
 * in a checkout result, an orders list or an order by id), for `ShapeRules.elsewhere`.
 */
export function documentedResources(resource: Resource): JsonValue[] {
  const found: JsonValue[] = [];
  const visit = (value: JsonValue): void => {
    if (Array.isArray(value)) {
      value.forEach(visit);
    } else if (value !== null && typeof value === 'object') {
      if (IS_RESOURCE[resource](value)) found.push(value);
      Object.values(value).forEach(visit);
    }
  };
  for (const example of loadCorpus()) if (example.kind === 'response') visit(example.body);
  return found;
}

/** What a conformance check needs of an HTTP answer. */
export interface Answer {
  readonly status: number;
  readonly body: unknown;
}

export interface ConformanceOptions extends ShapeRules {
  /** The part of the answer the example depicts (e.g. `items[0]` where the docs print one element). */
  readonly select?: (body: any) => unknown;
  /** The part of the example to compare (e.g. one element where the docs mis-print a page). */
  readonly documented?: (body: any) => JsonValue;
  /** The status expected when the example belongs to another call (e.g. GET of a created cart). */
  readonly status?: number;
}

/**
 * Compares an answer with the documented response example `file` (relative to
 * test/wire/corpus): the HTTP status must be the example's, the body's shape must match
 * (`compareShape`). Returns one line per problem (`file $.path: problem: detail`), `[]` when the
 * answer conforms.
 */
export function conformance(
  file: string,
  answer: Answer,
  options: ConformanceOptions = {},
): string[] {
  const example = fixture(file);
  if (example.kind !== 'response') throw new Error(`${file} is not a response example`);
  const problems: string[] = [];
  const status = options.status ?? example.status;
  if (typeof status === 'number' && answer.status !== status)
    problems.push(`${file} status: expected ${status}, answered ${answer.status}`);
  const documented = options.documented ? options.documented(example.body) : example.body;
  const actual = options.select ? options.select(answer.body) : answer.body;
  for (const m of compareShape(documented, actual, options))
    problems.push(`${file} ${m.path}: ${m.problem}: ${m.detail}`);
  return problems;
}

/**
 * The assertion the sandbox-conformance suites share: one soft expectation per documented
 * example, listing every mismatch with its JSON path (`SHAPE_REPORT=1` also prints them).
 */
export function check(file: string, answer: Answer, options: ConformanceOptions = {}): void {
  const problems = conformance(file, answer, options);
  if (process.env.SHAPE_REPORT !== undefined && problems.length > 0)
    console.log(`[${file}]\n${problems.join('\n')}`);
  expect.soft(problems, file).toEqual([]);
}
