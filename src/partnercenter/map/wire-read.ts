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

/** The `items` of a Collection; a bare array is accepted too (check-inventory answers one). */
export function collectionItems(body: unknown, what: string): unknown[] {
  if (Array.isArray(body)) return body;
  const items = asRecord(body, what)['items'];
  if (items === undefined || items === null) return [];
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
