import { MALFORMED_CODE, PartnerCenterError } from '../errors.js';

/**
 * Defensive readers for decoded bodies. A missing optional field reads as `undefined`; a
 * missing required one is a `malformed-response` error naming the field.
 */

/** Thrown by mappers; the endpoint re-throws it with the MS-RequestId of the call. */
export function malformed(what: string, requestId = ''): PartnerCenterError {
  return new PartnerCenterError(
    MALFORMED_CODE,
    200,
    requestId,
    `Partner Center response has no valid ${what}`,
  );
}

export function asRecord(value: unknown, what: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw malformed(what);
  return value as Record<string, unknown>;
}

export function optString(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

export function reqString(value: unknown, what: string): string {
  const text = optString(value);
  if (text === undefined || text === '') throw malformed(what);
  return text;
}

export function optNumber(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
    return Number(value);
  return undefined;
}

export function reqNumber(value: unknown, what: string): number {
  const number = optNumber(value);
  if (number === undefined) throw malformed(what);
  return number;
}

export function optBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'True') return true;
  if (value === 'false' || value === 'False') return false;
  return undefined;
}

export function stringList(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string')
    : [];
}

/**
 * Lists whose documented answer may be one bare resource instead of a Collection, keyed by the
 * `what` label their endpoint reads them with, and how to recognise that resource. The NCE
 * "list availabilities" examples print a single Availability object, not `{totalCount, items}`
 * (catalog/get-a-list-of-availabilities-for-a-sku.response.nce.json and its by-customer twin).
 */
const SINGLE_RESOURCE_LISTS: Readonly<Record<string, (body: Record<string, unknown>) => boolean>> =
  {
    availabilities: (body) => typeof body['catalogItemId'] === 'string',
  };

/**
 * The `items` of a Collection; a bare array is accepted too (check-inventory answers one), and
 * so is a single resource where the docs print one for a list (see `SINGLE_RESOURCE_LISTS`).
 */
export function collectionItems(body: unknown, what: string): unknown[] {
  if (Array.isArray(body)) return body;
  const record = asRecord(body, what);
  const items = record['items'];
  if (items === undefined || items === null) {
    return SINGLE_RESOURCE_LISTS[what]?.(record) === true ? [record] : [];
  }
  if (!Array.isArray(items)) throw malformed(`${what}.items`);
  return items;
}

/** `{productId, skuId}` from an NCE `offerId` (`productId:skuId:availabilityId`). */
export function splitOfferId(offerId: string): { productId: string; skuId: string } | undefined {
  const [productId, skuId] = offerId.split(':');
  return productId !== undefined && skuId !== undefined && productId !== ''
    ? { productId, skuId }
    : undefined;
}

/** Builds an object without the keys whose value is `undefined` (exactOptionalPropertyTypes). */
export function compact<T extends Record<string, unknown>>(
  value: T,
): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, inner]) => inner !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>;
  };
}

/** The array, or `[]` when the field is absent or not an array. */
export function arrayOf<T>(value: readonly T[] | null | undefined): readonly T[] {
  return Array.isArray(value) ? (value as readonly T[]) : [];
}

/** UTC with seconds and at most milliseconds: what the general pattern below rebuilds anyway. */
const CANONICAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{3})?Z$/;
const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * Milliseconds since the epoch of a Partner Center timestamp, or `undefined` when unreadable.
 * A value without an offset is UTC, never the machine's time zone (`new Date('2021-01-15T00:00')`
 * would read it as local time); old samples' `2015-11-25T06: 41: 12Z` (spaces after the colons)
 * and fractions beyond milliseconds (`.3517492Z`) read too.
 */
export function parseUtcInstant(text: string): number | undefined {
  // Most answers are already canonical (`2026-03-02T10:00:00Z`, `….123Z`): read as they are.
  if (CANONICAL.test(text)) {
    const ms = Date.parse(text);
    if (!Number.isNaN(ms)) return ms;
  }
  const match = TIMESTAMP.exec(text.trim().replace(/:\s+/g, ':'));
  if (match === null) return undefined;
  const [, year, month, day, hour = '00', minute = '00', second = '00', fraction = ''] = match;
  const zone = match[8] ?? 'Z';
  const offset = zone.toUpperCase() === 'Z' ? 'Z' : zone.replace(/^([+-]\d{2}):?(\d{2})$/, '$1:$2');
  const iso = `${year}-${month}-${day}T${hour}:${minute}:${second}${fraction.slice(0, 4)}${offset}`;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * A timestamp field as a UTC ISO-8601 string (`…Z`, milliseconds only when not zero). Absent or `null` → `undefined`; present
 * but unreadable → a `malformed-response` error naming `what`.
 */
export function optInstant(value: unknown, what: string): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const ms = typeof value === 'string' ? parseUtcInstant(value) : undefined;
  if (ms === undefined) throw malformed(`${what} (a timestamp; got ${JSON.stringify(value)})`);
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}
