import { randomBytes } from 'node:crypto';
import { pcErrors } from './errors.js';

/**
 * Wire helpers: Partner Center accepts request bodies in any key casing (PascalCase from the
 * .NET SDK, camelCase elsewhere) and always answers camelCase (docs/partner-center-api.md §1.2).
 */

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Reads `name` from `obj` whatever its key casing; `undefined` when absent. */
export function pick(obj: unknown, name: string): unknown {
  if (!isObject(obj)) return undefined;
  if (name in obj) return obj[name];
  const lower = name.toLowerCase();
  for (const key of Object.keys(obj)) if (key.toLowerCase() === lower) return obj[key];
  return undefined;
}

/** True when `obj` carries `name` in any casing (even with a `null` value). */
export function has(obj: unknown, name: string): boolean {
  if (!isObject(obj)) return false;
  const lower = name.toLowerCase();
  return Object.keys(obj).some((key) => key.toLowerCase() === lower);
}

export function pickString(obj: unknown, name: string): string | undefined {
  const value = pick(obj, name);
  return typeof value === 'string' ? value : undefined;
}

/** An integer field; a non-integer present value is a 400 `800002`. */
export function pickInt(obj: unknown, name: string): number | undefined {
  const value = pick(obj, name);
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return Number(value);
  throw pcErrors.badInput(`${name} must be an integer.`);
}

export function pickBool(obj: unknown, name: string): boolean | undefined {
  const value = pick(obj, name);
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  throw pcErrors.badInput(`${name} must be a boolean.`);
}

/** A string-to-string map (e.g. `provisioningContext`) with keys lower-cased for lookup. */
export function pickStringMap(obj: unknown, name: string): Record<string, string> {
  const value = pick(obj, name);
  const out: Record<string, string> = {};
  if (!isObject(value)) return out;
  for (const [key, member] of Object.entries(value)) {
    if (typeof member === 'string') out[key] = member;
    else if (typeof member === 'number' || typeof member === 'boolean') out[key] = String(member);
  }
  return out;
}

/** Looks up a key of a string map case-insensitively. */
export function mapGet(map: Readonly<Record<string, string>>, key: string): string | undefined {
  const lower = key.toLowerCase();
  for (const [k, v] of Object.entries(map)) if (k.toLowerCase() === lower) return v;
  return undefined;
}

/**
 * Parses an enum sent as a string in any casing/underscoring (`one_time`, `OneTime`) or as its
 * integer value, into the lower snake_case wire form. Unknown values: 400 `900126`.
 */
export function parseEnum<T extends string>(
  field: string,
  value: unknown,
  members: readonly T[],
): T {
  if (typeof value === 'number') {
    const member = members[value];
    if (member !== undefined) return member;
  } else if (typeof value === 'string') {
    const squashed = value.replace(/[_\s-]/g, '').toLowerCase();
    for (const member of members) if (member.replace(/_/g, '') === squashed) return member;
    if (/^\d+$/.test(value)) return parseEnum(field, Number(value), members);
  }
  throw pcErrors.enumValue(field, value);
}

/** BillingCycleType members by integer value (docs/partner-center-api.md §2.3). */
export const BILLING_CYCLES = [
  'unknown',
  'monthly',
  'annual',
  'none',
  'one_time',
  'triennial',
  'biennial',
] as const;
export type WireBillingCycle = (typeof BILLING_CYCLES)[number];

/** `{ uri, method, headers }` (docs/partner-center-api.md §1.2). */
export interface WireLink {
  readonly uri: string;
  readonly method: string;
  readonly headers: readonly { key: string; value: string }[];
}

export function link(uri: string, method = 'GET'): WireLink {
  return { uri, method, headers: [] };
}

/** A Partner Center `Collection` with only a `self` link (no paging is documented). */
export function collection(items: readonly unknown[], selfUri: string): JsonObject {
  return {
    totalCount: items.length,
    items,
    links: { self: link(selfUri) },
    attributes: { objectType: 'Collection' },
  };
}

/** A fresh opaque etag; every mutation of a resource replaces it. */
export function newEtag(): string {
  return randomBytes(9).toString('base64url');
}

/** Strips quotes and a weak prefix from an `If-Match` value. */
export function normalizeEtag(value: string): string {
  return value
    .trim()
    .replace(/^W\//, '')
    .replace(/^"(.*)"$/, '$1');
}

/**
 * A seek-paged Collection body (docs/partner-center-api.md §1.6): `links.next` (uri ending in
 * `seekOperation=Next`, the token in its headers) and the body's `continuationToken` when there
 * is a next page.
 */
export function seekCollection(
  base: string,
  items: readonly unknown[],
  next: string | undefined,
): JsonObject {
  return {
    totalCount: items.length,
    items,
    links: {
      self: link(base),
      ...(next === undefined
        ? {}
        : {
            next: {
              uri: `${base}&seekOperation=Next`,
              method: 'GET',
              headers: [{ key: 'MS-ContinuationToken', value: next }],
            },
          }),
    },
    ...(next === undefined ? {} : { continuationToken: next }),
    attributes: { objectType: 'Collection' },
  };
}
