/**
 * Conformance corpus: Microsoft's own documented Partner Center request/response examples,
 * copied from the docs' source markdown (see test/wire/corpus/README.md).
 *
 * Each fixture is one example block. Bodies are verbatim except for the JSON-syntax fixes listed in
 * `jsonFixes` (never a value or key change). Use them to test that the client reads what Microsoft
 * printed, and that the sandbox emulator answers in the same shape.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export type JsonValue =
  null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export type FixtureKind = 'request' | 'response';

export interface FixtureSource {
  /** Microsoft Learn page the example belongs to. */
  page: string;
  /** GitHub repository holding the docs' source markdown (a public fork of MicrosoftDocs/partner-center-pr). */
  repo: string;
  /** Branch of that repository the file was read from. */
  branch?: string;
  /** Path of the markdown file inside the repository. */
  path: string;
  /** 40-hex commit that last touched the file on that branch (the text read is the file at this commit). */
  commit: string;
  /** Revision label: '2021-03', '2021-10' or '2021-11'. */
  revision: string;
  /** Heading (or English anchor) of the section the example sits under. */
  section?: string;
  /** 1-based line of the opening code fence in the markdown file. */
  line?: number;
}

export interface Fixture {
  /** Path relative to test/wire/corpus, with forward slashes. Set by the loader. */
  file: string;
  source: FixtureSource;
  /**
   * "METHOD /v1/path/{template}" with an optional "?query={template}" when the query selects the
   * operation (`/v1.0/...` for the price sheets of api.partner.microsoft.com).
   */
  endpoint: string;
  kind: FixtureKind;
  /** HTTP status for responses (from the printed status line, or as stated in `notes` when none is printed). */
  status?: number | null;
  /** False when the example printed no status line (status then comes from the page text or is assumed). */
  statusPrinted?: boolean;
  /** URL as printed on the request line (may be relative, contain placeholders, or be malformed). */
  url?: string;
  /** The request line exactly as printed (some response examples are printed with a request line). */
  requestLine?: string;
  /** The status line exactly as printed. */
  statusLine?: string;
  /** Headers as printed; a name printed twice yields an array. */
  headers: Record<string, string | string[]>;
  /**
   * The JSON body as printed (after JSON-syntax fixes), or null when none was printed. A body that
   * is not JSON (the price sheet's CSV file) is its text as printed, a string; `notes` says so.
   */
  body: JsonValue;
  /** "none" or a description of each JSON-syntax fix made. */
  jsonFixes: string;
  /** Anything odd about the example that is not a JSON fix (missing status line, etc.). */
  notes?: string;
}

export const CORPUS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'corpus');

function listJson(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listJson(full));
    else if (entry.isFile() && entry.name.endsWith('.json')) out.push(full);
  }
  return out.sort();
}

function readFixture(full: string): Fixture {
  const parsed = JSON.parse(readFileSync(full, 'utf8')) as Omit<Fixture, 'file'>;
  return { ...parsed, file: relative(CORPUS_DIR, full).split(sep).join('/') };
}

let cache: Fixture[] | undefined;

/** All fixtures under test/wire/corpus, sorted by file path. */
export function loadCorpus(): Fixture[] {
  cache ??= listJson(CORPUS_DIR).map(readFixture);
  return cache;
}

/** One fixture by its path relative to test/wire/corpus, e.g. "subscriptions/get-a-subscription-by-id.response.nce.json". */
export function fixture(relPath: string): Fixture {
  const found = loadCorpus().find((f) => f.file === relPath);
  if (!found) throw new Error(`no corpus fixture ${relPath}`);
  return found;
}

function normaliseTemplate(path: string): string {
  return path
    .replace(/\{[^}]*\}/g, '{}')
    .replace(/\/+$/, '')
    .toLowerCase();
}

/**
 * Fixtures for an endpoint. `pathTemplate` may use any placeholder names ("{id}", "{customer-id}").
 * Without a query part it matches every fixture of that path (e.g. "/v1/customers/{c}/subscriptions" also
 * returns the "?order_id=" fixtures); with a query part it must match the fixture's query part too.
 */
export function byEndpoint(method: string, pathTemplate: string, kind?: FixtureKind): Fixture[] {
  const [wantPath = '', wantQuery] = pathTemplate.split('?');
  return loadCorpus().filter((f) => {
    const space = f.endpoint.indexOf(' ');
    const fMethod = f.endpoint.slice(0, space);
    const [fPath = '', fQuery] = f.endpoint.slice(space + 1).split('?');
    if (fMethod.toUpperCase() !== method.toUpperCase()) return false;
    if (normaliseTemplate(fPath) !== normaliseTemplate(wantPath)) return false;
    if (wantQuery !== undefined && normaliseTemplate(fQuery ?? '') !== normaliseTemplate(wantQuery))
      return false;
    return kind === undefined || f.kind === kind;
  });
}
