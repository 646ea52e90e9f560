/**
 * Shared harness of the wire conformance suites (client-decodes*, client-requests*): the real
 * client against an undici MockAgent that answers with documented corpus fixtures, and the
 * comparison functions both suites assert with (and feed deliberately wrong fixtures through).
 */
import type { CustomerId } from '../../src/model/index.js';
import {
  createPartnerCenterClient,
  createStaticTokenSource,
  type PartnerCenterClient,
} from '../../src/partnercenter/index.js';
import { ManualClock } from '../../src/support/index.js';
import {
  createMockWire,
  recordRequest,
  ORIGIN,
  type SeenRequest,
} from '../partnercenter/mock-wire.js';
import { fixture, type Fixture, type JsonValue } from './corpus.js';

export const CUSTOMER = 'd6bf25b7-e0a8-4f2d-a31b-97b55cfc774d' as CustomerId;
export const SUBSCRIPTION = '83ef9d05-4169-4ef9-9657-0e86b1eab1de';

/**
 * Docs placeholders in printed header values (`Location: /customers/<customer-tenant-id>/…`)
 * stand for the ids of the call; they are filled in so the client can follow the header.
 * Bodies are never touched.
 */
const PLACEHOLDERS: readonly [RegExp, string][] = [
  [/<customer-tenant-id>|<customer-id>|\{customer-tenant-id\}/g, CUSTOMER],
  [/<subscriptionID>|<subscription-id>|<id-for-subscription>|\{subscription-id\}/g, SUBSCRIPTION],
];

/** Printed request/hop headers that must not be replayed as response headers. */
const NOT_REPLAYED = new Set([
  'content-length',
  'authorization',
  'accept',
  'expect',
  'connection',
  'host',
  'ms-contract-version',
]);

function replayHeaders(headers: Fixture['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (NOT_REPLAYED.has(name.toLowerCase())) continue;
    let text = Array.isArray(value) ? value.join(', ') : value;
    for (const [pattern, id] of PLACEHOLDERS) text = text.replace(pattern, id);
    out[name] = text;
  }
  return out;
}

export interface Wire {
  readonly client: PartnerCenterClient;
  readonly clock: ManualClock;
  readonly seen: SeenRequest[];
  /** Answers the next `method path` call with the fixture's status, headers and body. */
  serve(fx: Fixture, path: string, how?: { method?: string; status?: number }): void;
  /** Fails when a served fixture was never asked for. */
  pending(): string[];
  close(): Promise<void>;
}

/** A real client on a MockAgent: one attempt per call (no retries), 202 polls without waiting. */
export function createWire(): Wire {
  const wire = createMockWire();
  const clock = new ManualClock();
  const client = createPartnerCenterClient({
    baseUrl: ORIGIN,
    tokenSource: createStaticTokenSource('tok'),
    clock,
    dispatcher: wire.agent,
    retry: { maxAttempts: 1, jitter: () => 0 },
    rateLimitPerMinute: 0,
    pollIntervalMs: 0,
    recentReadTtlMs: 0,
  });
  return {
    client,
    clock,
    seen: wire.seen,
    serve(fx, path, how) {
      const method = how?.method ?? fx.endpoint.split(' ')[0]!;
      const status = how?.status ?? (fx.kind === 'request' ? 200 : (fx.status ?? 200));
      const data = fx.body === null ? '' : JSON.stringify(fx.body);
      wire.agent
        .get(ORIGIN)
        .intercept({ method, path })
        .reply((opts) => {
          recordRequest(wire, opts);
          return {
            statusCode: status,
            data,
            responseOptions: { headers: replayHeaders(fx.headers) },
          };
        });
    },
    pending: () =>
      wire.agent
        .pendingInterceptors()
        .map((i) => `${String(i.method)} ${String(i.path)} was never called`),
    close: () => wire.agent.close(),
  };
}

// ---------------------------------------------------------------------------------------------
// Suite 1: decode rows

/** A fixture served at a path (a GET before a PATCH, the next page of a list, …). */
export interface Served {
  /** A corpus fixture, or `inline` for a reply the docs never printed (an empty last page). */
  readonly file?: string;
  readonly inline?: JsonValue;
  readonly at: string;
  readonly method?: string;
  readonly status?: number;
}

/** One row: fixture file → operation → assertions on the model it decodes to. */
export interface DecodeRow {
  /** The response fixture under test (counted for coverage). */
  readonly file: string;
  /** Path (with query) the fixture is served at: where the client must ask for it. */
  readonly at: string;
  /** Method it is served for, when not the fixture's own (error bodies served on another route). */
  readonly method?: string;
  /** Replies registered before the fixture (same-path replies are used in order). */
  readonly before?: readonly Served[];
  /** Replies registered after it (the 202 poll, the next page). */
  readonly after?: readonly Served[];
  readonly call: (client: PartnerCenterClient, wire: Wire) => Promise<unknown>;
  /** Assertions (vitest `expect`) on the value, or on the error when `rejects` is set. */
  readonly check: (outcome: never) => void;
  /** The operation is expected to fail (error fixtures). */
  readonly rejects?: boolean;
}

/** Types a row's `check` against its `call`. */
export function row<T>(
  r: Omit<DecodeRow, 'call' | 'check'> & {
    call: (client: PartnerCenterClient, wire: Wire) => Promise<T>;
    check: (value: T) => void;
  },
): DecodeRow {
  return r;
}

/** An error row: `check` receives what the operation rejected with. */
export function errorRow(
  r: Omit<DecodeRow, 'check' | 'rejects'> & { check: (error: Record<string, unknown>) => void },
): DecodeRow {
  return { ...r, rejects: true };
}

/**
 * The comparison of suite 1: serves the row's fixtures (after `mutate`, for the negative
 * tests), calls the operation and runs the row's assertions. Returns the mismatches found
 * (empty = the client decodes the documented example as the row says).
 */
export async function decodeMismatches(
  r: DecodeRow,
  mutate: (fx: Fixture) => Fixture = (fx) => fx,
): Promise<string[]> {
  const wire = createWire();
  const load = (file: string): Fixture => mutate(structuredClone(fixture(file)));
  const served = (s: Served): Fixture =>
    s.file === undefined
      ? { ...fixture(r.file), headers: {}, body: s.inline ?? null, status: 200 }
      : load(s.file);
  for (const s of r.before ?? []) wire.serve(served(s), s.at, s);
  wire.serve(load(r.file), r.at, r.method === undefined ? {} : { method: r.method });
  for (const s of r.after ?? []) wire.serve(served(s), s.at, s);
  const problems: string[] = [];
  try {
    let outcome: unknown;
    let failed = false;
    try {
      outcome = await r.call(wire.client, wire);
    } catch (error) {
      outcome = error;
      failed = true;
    }
    if (failed !== (r.rejects === true)) {
      problems.push(
        failed
          ? `operation failed: ${outcome instanceof Error ? outcome.message : String(outcome)}`
          : `operation succeeded but the row expects an error: ${JSON.stringify(outcome)}`,
      );
    } else {
      try {
        r.check(outcome as never);
      } catch (error) {
        problems.push(error instanceof Error ? error.message : String(error));
      }
    }
    problems.push(...wire.pending());
  } finally {
    await wire.close();
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Suite 2: request shapes

export interface ShapeRules {
  /**
   * Compare key names ignoring case. Only where the docs themselves print both casings of the
   * same key (PascalCase from the .NET SDK serialiser, camelCase elsewhere); the test says which.
   */
  readonly ignoreKeyCase?: boolean;
  /** Keys (dotted paths, `[]` for array elements) the client may add, each with its reason. */
  readonly extraAllowed?: Readonly<Record<string, string>>;
  /** Documented keys the client may leave out, each with its reason. */
  readonly omitAllowed?: Readonly<Record<string, string>>;
}

/** Keys whose values are enums: compared case-insensitively, spelling otherwise exact. */
const ENUM_KEYS = new Set(['billingcycle', 'status', 'scope', 'termduration', 'duration', 'type']);

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'array' : typeof value;
}

/**
 * The comparison of suite 2: what the client sent against the documented request. Reports
 * keys missing or added, JSON value types that differ, and enum spellings that differ (ignoring
 * case). Values that are not enums may differ (ids, quantities); arrays compare element-wise
 * against the documented first element when lengths differ.
 */
export function shapeMismatches(
  sent: unknown,
  documented: unknown,
  rules: ShapeRules = {},
  path = '',
): string[] {
  const at = path === '' ? '(body)' : path;
  if (typeOf(sent) !== typeOf(documented) && documented !== null && sent !== null) {
    return [`${at}: sent a ${typeOf(sent)}, documented a ${typeOf(documented)}`];
  }
  if (Array.isArray(sent) && Array.isArray(documented)) {
    return sent.flatMap((item, i) =>
      documented.length === 0
        ? []
        : shapeMismatches(item, documented[Math.min(i, documented.length - 1)], rules, `${path}[]`),
    );
  }
  if (typeOf(sent) !== 'object' || typeOf(documented) !== 'object') {
    const key = path.split('.').pop()!.replace('[]', '').toLowerCase();
    if (
      ENUM_KEYS.has(key) &&
      typeof sent === 'string' &&
      typeof documented === 'string' &&
      sent.toLowerCase() !== documented.toLowerCase()
    ) {
      return [
        `${at}: enum spelled ${JSON.stringify(sent)}, documented ${JSON.stringify(documented)}`,
      ];
    }
    return [];
  }
  const norm = (key: string): string => (rules.ignoreKeyCase === true ? key.toLowerCase() : key);
  const s = sent as Record<string, unknown>;
  const d = documented as Record<string, unknown>;
  const docKeys = new Map(Object.keys(d).map((k) => [norm(k), k]));
  const sentKeys = new Map(Object.keys(s).map((k) => [norm(k), k]));
  const problems: string[] = [];
  const allowed = (table: Readonly<Record<string, string>> | undefined, key: string): boolean =>
    Object.keys(table ?? {}).some((p) => norm(p) === norm(key));
  for (const [k, original] of sentKeys) {
    const child = path === '' ? original : `${path}.${original}`;
    const docKey = docKeys.get(k);
    if (docKey === undefined) {
      if (!allowed(rules.extraAllowed, child))
        problems.push(`${child}: not in the documented request`);
      continue;
    }
    problems.push(...shapeMismatches(s[original], d[docKey], rules, child));
  }
  for (const [k, original] of docKeys) {
    const child = path === '' ? original : `${path}.${original}`;
    if (!sentKeys.has(k) && !allowed(rules.omitAllowed, child))
      problems.push(`${child}: documented but not sent`);
  }
  return problems;
}

/** Query parameters of a URL or path, names as written. */
export function queryOf(url: string): Record<string, string> {
  const q = url.includes('?') ? url.slice(url.indexOf('?') + 1) : '';
  return Object.fromEntries(new URLSearchParams(q));
}

/** Path of a printed or sent URL without origin and query, lower-cased, placeholders as `{}`. */
export function pathShape(url: string): string {
  const noOrigin = url.replace(/^https?:\/\/\s*[^/]+/i, '');
  return noOrigin
    .split('?')[0]!
    .replace(/\/+$/, '')
    .replace(/<[^>]*>|\{[^}]*\}/g, '{}')
    .toLowerCase();
}
