import { PartnerCenterError } from './errors.js';
import { normalizeParsedKeys } from './dto/normalize-keys.js';

/**
 * Decoding of failed responses. Two body shapes exist (docs/partner-center-api.md §1.7–1.8,
 * https://learn.microsoft.com/en-us/partner-center/developer/api-throttling-guidance):
 * the usual `{code, description, data, source}` and the throttling `{statusCode, message}`.
 * Keys may arrive in either case; bodies may be empty or not JSON at all.
 */

/** The failed response as the transport saw it. */
export interface FailedResponse {
  readonly status: number;
  readonly bodyText: string;
  readonly retryAfter: string | undefined;
  readonly requestId: string;
  readonly method: string;
  readonly path: string;
}

/**
 * Turns a non-2xx response into a {@link PartnerCenterError}. The code is the body's `code`
 * (stringified when numeric); without one it is `http-<status>` so classification falls back
 * to the status.
 */
export function decodeErrorResponse(response: FailedResponse, now: Date): PartnerCenterError {
  const body = parseJsonObject(response.bodyText);
  const rawCode = body?.['code'] ?? body?.['errorCode'];
  const code =
    typeof rawCode === 'string' && rawCode.trim() !== ''
      ? rawCode.trim()
      : typeof rawCode === 'number'
        ? String(rawCode)
        : `http-${response.status}`;
  const text = firstString(body?.['description'], body?.['message'], body?.['errorDescription']);
  const retryAfterMs = parseRetryAfter(response.retryAfter, now);
  const message =
    `${response.method} ${response.path} failed with HTTP ${response.status} (${code})` +
    (text === undefined ? '' : `: ${text}`);
  return new PartnerCenterError(code, response.status, response.requestId, message, {
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  });
}

/**
 * Parses `Retry-After`: delta-seconds or an HTTP date (RFC 9110 §10.2.3). Returns
 * milliseconds from `now`, never negative; `undefined` when absent or unreadable.
 */
export function parseRetryAfter(value: string | undefined, now: Date): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now.getTime());
}

function parseJsonObject(text: string): Record<string, unknown> | undefined {
  if (text.trim() === '') return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
    return normalizeParsedKeys(parsed) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

function firstString(...values: unknown[]): string | undefined {
  return values.find((value): value is string => typeof value === 'string' && value !== '');
}
