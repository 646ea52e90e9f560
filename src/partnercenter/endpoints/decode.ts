import type { CallResult } from '../caller.js';
import { PartnerCenterError } from '../errors.js';

/**
 * Runs a mapper over a call's body; a shape error is re-thrown carrying the call's status and
 * MS-RequestId, so the caller can journal which request produced it.
 */
export function decodeBody<T>(result: CallResult, map: (body: unknown) => T): T {
  try {
    return map(result.body);
  } catch (error) {
    if (error instanceof PartnerCenterError) {
      throw new PartnerCenterError(error.code, result.status, result.requestId, error.message, {
        cause: error,
      });
    }
    throw error;
  }
}

/** Maps each element, re-throwing shape errors like {@link decodeBody}. */
export function decodeEach<T>(
  items: readonly unknown[],
  map: (item: unknown, index: number) => T,
  requestId = '',
): T[] {
  try {
    return items.map(map);
  } catch (error) {
    if (error instanceof PartnerCenterError) {
      throw new PartnerCenterError(error.code, 200, requestId, error.message, { cause: error });
    }
    throw error;
  }
}

/** Encodes a path segment. */
export function seg(value: string | number): string {
  return encodeURIComponent(String(value));
}

/** Builds a query string from defined values (`?a=1&b=2`, or `''`). */
export function query(
  params: Readonly<Record<string, string | number | boolean | undefined>>,
): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined) search.set(key, String(value));
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
}
