import { Agent, errors as undiciErrors, request, type Dispatcher } from 'undici';
import { NETWORK_CODE, PartnerCenterError, TIMEOUT_CODE } from './errors.js';

/**
 * One HTTP exchange on undici, no retries: the caller decides those. Connection failures
 * become `network` errors and an elapsed per-call timeout becomes `timeout`; an abort from the
 * caller's own signal is rethrown as is (it is not a failure to retry).
 */

export interface TransportRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly timeoutMs: number;
  readonly requestId: string;
  readonly signal?: AbortSignal;
}

export interface TransportResponse {
  readonly status: number;
  /** Header names lower-cased; repeated headers joined with `, `. */
  readonly headers: Readonly<Record<string, string>>;
  readonly bodyText: string;
  /** The body as received (binary documents such as invoice statements). */
  readonly bodyBytes: Uint8Array;
}

/** A pooled keep-alive dispatcher for one client. */
export function createDispatcher(): Dispatcher {
  return new Agent({ keepAliveTimeout: 10_000, keepAliveMaxTimeout: 60_000, connections: 16 });
}

/** Sends one request and reads the whole body. */
export async function sendRequest(
  dispatcher: Dispatcher,
  req: TransportRequest,
): Promise<TransportResponse> {
  const timeout = AbortSignal.timeout(req.timeoutMs);
  const signal = req.signal === undefined ? timeout : AbortSignal.any([req.signal, timeout]);
  try {
    const response = await request(req.url, {
      dispatcher,
      method: req.method,
      headers: req.headers,
      body: req.body ?? null,
      signal,
    });
    const bodyBytes = Buffer.from(await response.body.arrayBuffer());
    return {
      status: response.statusCode,
      headers: flattenHeaders(response.headers),
      bodyText: bodyBytes.toString('utf8'),
      bodyBytes,
    };
  } catch (error) {
    if (req.signal?.aborted === true) throw req.signal.reason;
    const label = `${req.method} ${new URL(req.url).pathname}`;
    if (
      timeout.aborted ||
      error instanceof undiciErrors.HeadersTimeoutError ||
      error instanceof undiciErrors.BodyTimeoutError
    ) {
      throw new PartnerCenterError(
        TIMEOUT_CODE,
        0,
        req.requestId,
        `${label} timed out after ${req.timeoutMs} ms`,
        {
          cause: error,
        },
      );
    }
    const reason = error instanceof Error ? error.message : String(error);
    throw new PartnerCenterError(
      NETWORK_CODE,
      0,
      req.requestId,
      `${label} failed without a response: ${reason}`,
      {
        cause: error,
      },
    );
  }
}

function flattenHeaders(
  headers: Record<string, string | string[] | undefined>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}
