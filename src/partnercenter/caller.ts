import { randomUUID } from 'node:crypto';
import type { Dispatcher } from 'undici';
import type { Clock } from '../support/index.js';
import type { TokenSource } from './auth/token-source.js';
import { decodeErrorResponse } from './error-body.js';
import { MALFORMED_CODE, PartnerCenterError } from './errors.js';
import { normalizeParsedKeys } from './dto/normalize-keys.js';
import type { RateLimiter } from './rate-limiter.js';
import { decideRetry, type RetryPolicy } from './retry-policy.js';
import { routeFamilyOf, type RouteFamily } from './route-family.js';
import { sendRequest } from './transport.js';

/** One HTTP attempt, reported through `onCall` (the agent counts calls and errors with it). */
export interface CallEvent {
  readonly method: string;
  readonly family: RouteFamily;
  readonly path: string;
  /** HTTP status; 0 when no response arrived. */
  readonly status: number;
  /** Partner Center or transport error code, on failure. */
  readonly code?: string;
  readonly requestId: string;
  readonly correlationId: string;
  /** 1-based attempt number within the logical call. */
  readonly attempt: number;
  /** Duration on the injected clock. */
  readonly ms: number;
  /** The response's `Date` header (Partner Center's clock), when it carried one. */
  readonly serverDate?: string;
}

/** A logical call: retried as a whole under one MS-RequestId. */
export interface CallSpec {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH';
  /** `/v1/...` path (query included), a path relative to `/v1`, or an absolute URL. */
  readonly path: string;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  /** Idempotency key; one is generated when absent and reused on every retry. */
  readonly requestId?: string;
  readonly signal?: AbortSignal;
  /** `bytes`: a success body is returned raw in `bytes` (a PDF), not parsed as JSON. @default 'json' */
  readonly expect?: 'json' | 'bytes';
}

export interface CallResult {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** Parsed JSON with keys normalised to camelCase; `undefined` for an empty body. */
  readonly body: unknown;
  readonly requestId: string;
  /** The raw success body, when the spec asked for `expect: 'bytes'`. */
  readonly bytes?: Uint8Array;
}

export interface CallerOptions {
  readonly baseUrl: string;
  readonly tokenSource: TokenSource;
  readonly clock: Clock;
  readonly timeoutMs: number;
  readonly retry: RetryPolicy;
  readonly limiter: RateLimiter;
  readonly applicationName: string;
  readonly dispatcher: Dispatcher;
  readonly newRequestId: () => string;
  readonly onCall: ((event: CallEvent) => void) | undefined;
}

export type Caller = (spec: CallSpec) => Promise<CallResult>;

/**
 * Builds the function every endpoint goes through: rate budget, headers (docs/partner-center-api.md
 * §1.3), token, one attempt on undici, error decoding, and the retry policy — waiting only on
 * the injected clock.
 */
export function createCaller(options: CallerOptions): Caller {
  return async (spec) => {
    const requestId = spec.requestId ?? options.newRequestId();
    const url = resolveUrl(options.baseUrl, spec.path);
    refuseForeignOrigin(options.baseUrl, url, requestId, spec.method);
    const path = new URL(url).pathname;
    const family = routeFamilyOf(path);
    for (let attempt = 1; ; attempt++) {
      await options.limiter.acquire(family, spec.signal);
      const correlationId = randomUUID();
      const started = options.clock.now().getTime();
      const report = (status: number, code?: string, serverDate?: string): void =>
        options.onCall?.({
          method: spec.method,
          family,
          path,
          status,
          ...(code === undefined ? {} : { code }),
          requestId,
          correlationId,
          attempt,
          ms: options.clock.now().getTime() - started,
          ...(serverDate === undefined ? {} : { serverDate }),
        });
      try {
        const token = await options.tokenSource.getToken(spec.signal);
        const headers = buildHeaders(options, token, requestId, correlationId, spec);
        const response = await sendRequest(options.dispatcher, {
          method: spec.method,
          url,
          headers,
          ...(spec.body === undefined ? {} : { body: JSON.stringify(spec.body) }),
          timeoutMs: options.timeoutMs,
          requestId,
          ...(spec.signal === undefined ? {} : { signal: spec.signal }),
        });
        if (response.status >= 200 && response.status < 300 && spec.expect === 'bytes') {
          report(response.status, undefined, response.headers['date']);
          return {
            status: response.status,
            headers: response.headers,
            body: undefined,
            requestId,
            bytes: response.bodyBytes,
          };
        }
        if (response.status >= 200 && response.status < 300) {
          const body = parseBody(
            response.bodyText,
            response.status,
            requestId,
            `${spec.method} ${path}`,
          );
          report(response.status, undefined, response.headers['date']);
          return { status: response.status, headers: response.headers, body, requestId };
        }
        throw decodeErrorResponse(
          {
            status: response.status,
            bodyText: response.bodyText,
            retryAfter: response.headers['retry-after'],
            requestId,
            method: spec.method,
            path,
          },
          options.clock.now(),
        );
      } catch (error) {
        if (!(error instanceof PartnerCenterError)) throw error;
        report(error.status, error.code);
        const decision = decideRetry(error, attempt, spec.method, options.retry);
        if (decision.kind === 'give-up') throw error;
        await options.clock.sleep(decision.delayMs, spec.signal);
      }
    }
  };
}

function buildHeaders(
  options: CallerOptions,
  token: string,
  requestId: string,
  correlationId: string,
  spec: CallSpec,
): Record<string, string> {
  return {
    accept: 'application/json',
    'ms-requestid': requestId,
    'ms-correlationid': correlationId,
    'ms-contract-version': 'v1',
    'ms-partnercenter-application': options.applicationName,
    ...(token === '' ? {} : { authorization: `Bearer ${token}` }),
    ...(spec.body === undefined ? {} : { 'content-type': 'application/json' }),
    ...spec.headers,
  };
}

function parseBody(text: string, status: number, requestId: string, label: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return normalizeParsedKeys(JSON.parse(text));
  } catch (error) {
    throw new PartnerCenterError(
      MALFORMED_CODE,
      status,
      requestId,
      `${label} returned a body that is not JSON`,
      {
        cause: error,
      },
    );
  }
}

/**
 * Resolves an API path against the root (which has no `/v1`). Links in Partner Center bodies
 * and `Location` headers are relative to `/v1` (`/customers/...`), sometimes with it.
 */
export function resolveUrl(baseUrl: string, path: string): string {
  if (/^https?:\/\//i.test(path)) return path;
  const root = baseUrl.replace(/\/+$/, '');
  const rooted = path.startsWith('/') ? path : `/${path}`;
  return /^\/v1(\/|\?|$)/i.test(rooted) ? `${root}${rooted}` : `${root}/v1${rooted}`;
}

/** Code of a call refused because its URL left the configured API's origin. */
export const FOREIGN_ORIGIN_CODE = 'foreign-origin';

/**
 * The bearer token goes only to the configured API's origin (scheme, host and port). Absolute
 * URLs come from responses (`links.next.uri`, a 202 `Location`); one that points elsewhere is
 * refused, never followed, so a compromised or misconfigured hop cannot collect the token.
 * @throws PartnerCenterError `foreign-origin` (status 0, never retried)
 */
function refuseForeignOrigin(
  baseUrl: string,
  url: string,
  requestId: string,
  method: string,
): void {
  const expected = new URL(baseUrl).origin;
  const target = URL.canParse(url) ? new URL(url) : undefined;
  if (target?.origin === expected) return;
  const shown = target === undefined ? 'a malformed URL' : `${target.origin}${target.pathname}`;
  throw new PartnerCenterError(
    FOREIGN_ORIGIN_CODE,
    0,
    requestId,
    `${method} ${shown} refused: a response pointed outside the configured Partner Center (${expected}), and the token is sent only there. Check partnerCenter.endpoint; a proxy in front of Partner Center must keep links relative or on its own origin`,
  );
}

/** Generates a fresh MS-RequestId (GUID). */
export function newGuid(): string {
  return randomUUID();
}
