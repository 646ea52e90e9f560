import { randomUUID } from 'node:crypto';
import { request, type Dispatcher } from 'undici';
import type { PriceRow, PriceSource, PriceTimeline } from '../../model/index.js';
import { systemClock, type Clock } from '../../support/index.js';
import type { TokenSource } from '../auth/token-source.js';
import type { CallEvent } from '../caller.js';
import { decodeErrorResponse } from '../error-body.js';
import { PartnerCenterError } from '../errors.js';
import { readPriceSheet } from '../pricesheet/read-price-sheet.js';
import { createRateLimiter } from '../rate-limiter.js';
import { DEFAULT_RETRY_POLICY, decideRetry, type RetryPolicy } from '../retry-policy.js';
import { createDispatcher } from '../transport.js';
import { bodyFailure, explainPriceSheetError, transportFailure } from './pricesheet-errors.js';

/** Which sheet to read: a cached {@link PriceSource}, or a past month (`history`). */
export type PriceSheetRequest = Omit<PriceSource, 'timeline' | 'view'> & {
  readonly view: string;
  readonly timeline: PriceTimeline | 'history';
};

export interface PriceSheetClientOptions {
  /** The price sheet API root (no `/v1.0`), e.g. `https://api.partner.microsoft.com`. */
  readonly baseUrl: string;
  /** An App+User token for `https://api.partner.microsoft.com/.default`. */
  readonly tokenSource: TokenSource;
  /** Backoff, `Retry-After` and the rate budget wait on it. @default systemClock */
  readonly clock?: Clock;
  readonly dispatcher?: Dispatcher;
  readonly retry?: Partial<RetryPolicy>;
  /** Wait for the response head. @default 60000 */
  readonly headersTimeoutMs?: number;
  /** Longest silence while the body streams (not the whole download). @default 120000 */
  readonly bodyTimeoutMs?: number;
  /** @default 60 per minute */
  readonly rateLimitPerMinute?: number;
  /** @default 'Quartermaster' */
  readonly applicationName?: string;
  readonly newRequestId?: () => string;
  /** Reports every attempt (status, code, time to the response head). */
  readonly onCall?: (event: CallEvent) => void;
}

/** The price sheet API (get-a-price-sheet): one CSV file per market, view and month. */
export interface PriceSheetClient {
  /**
   * The sheet's rows, streaming (the file is never held whole): `GET {base}/v1.0/sales/
   * pricesheets(Market='{M}',PricesheetView='{view}')/$value` with no query for `current`,
   * `?timeline=future`, or `?timeline=history&month=YYYYMM`; `Accept-Encoding: deflate`. The
   * call is retried (same MS-RequestId) until its response head arrives; a body that breaks
   * off fails the iteration (`network`/`timeout`) and is not resumed.
   * @throws PartnerCenterError naming the call, its code and what to do (403: an App+User
   *   token with the Admin or Sales agent role is needed); `malformed-response` for a body
   *   that is not a price sheet.
   */
  streamPriceSheet(
    ref: PriceSheetRequest,
    options?: { signal?: AbortSignal },
  ): AsyncIterable<PriceRow>;
  close(): Promise<void>;
}

/** Creates the price sheet client; nothing is sent until a sheet is iterated. */
export function createPriceSheetClient(options: PriceSheetClientOptions): PriceSheetClient {
  const clock = options.clock ?? systemClock;
  const ownDispatcher = options.dispatcher === undefined;
  const dispatcher = options.dispatcher ?? createDispatcher();
  const retry = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  const limiter = createRateLimiter(clock, options.rateLimitPerMinute ?? 60);

  async function open(ref: PriceSheetRequest, signal: AbortSignal | undefined) {
    const { url, path } = priceSheetUrl(options.baseUrl, ref);
    const requestId = options.newRequestId?.() ?? randomUUID();
    for (let attempt = 1; ; attempt++) {
      await limiter.acquire('pricesheets', signal);
      const correlationId = randomUUID();
      const started = clock.now().getTime();
      const report = (status: number, code?: string): void =>
        options.onCall?.({
          method: 'GET',
          family: 'other',
          path,
          status,
          ...(code === undefined ? {} : { code }),
          requestId,
          correlationId,
          attempt,
          ms: clock.now().getTime() - started,
        });
      let failure: PartnerCenterError;
      // A token that cannot be had is the token source's own error, never retried here.
      const token = await options.tokenSource.getToken(signal);
      try {
        const response = await request(url, {
          dispatcher,
          method: 'GET',
          headers: {
            'accept-encoding': 'deflate',
            'ms-requestid': requestId,
            'ms-correlationid': correlationId,
            'ms-partnercenter-application': options.applicationName ?? 'Quartermaster',
            ...(token === '' ? {} : { authorization: `Bearer ${token}` }),
          },
          headersTimeout: options.headersTimeoutMs ?? 60_000,
          bodyTimeout: options.bodyTimeoutMs ?? 120_000,
          ...(signal === undefined ? {} : { signal }),
        });
        if (response.statusCode >= 200 && response.statusCode < 300) {
          report(response.statusCode);
          return { response, requestId, path };
        }
        const bodyText = await response.body.text();
        const header = response.headers['retry-after'];
        failure = decodeErrorResponse(
          {
            status: response.statusCode,
            bodyText,
            retryAfter: Array.isArray(header) ? header[0] : header,
            requestId,
            method: 'GET',
            path,
          },
          clock.now(),
        );
      } catch (error) {
        if (signal?.aborted === true) throw signal.reason;
        failure = transportFailure(error, requestId, `GET ${path}`);
      }
      report(failure.status, failure.code);
      const decision = decideRetry(failure, attempt, 'GET', retry);
      if (decision.kind === 'give-up') throw explainPriceSheetError(failure, ref);
      await clock.sleep(decision.delayMs, signal);
    }
  }

  return {
    async *streamPriceSheet(ref, callOptions) {
      const { response, requestId, path } = await open(ref, callOptions?.signal);
      const encoding = response.headers['content-encoding'];
      let rows = 0;
      try {
        for await (const row of readPriceSheet({
          body: response.body,
          ...(typeof encoding === 'string' ? { contentEncoding: encoding } : {}),
          market: ref.market.toUpperCase(),
        })) {
          rows++;
          yield row;
        }
      } catch (error) {
        throw bodyFailure(error, response.statusCode, requestId, `GET ${path}`, rows);
      } finally {
        if (!response.body.destroyed) response.body.destroy();
      }
    },
    close: () => (ownDispatcher ? dispatcher.close() : Promise.resolve()),
  };
}

/**
 * The URL of a sheet. Market and view go into the OData key as written in the documented
 * example (`Market='ad'`; markets are case-insensitive, sent upper-case here).
 * @throws PartnerCenterError `bad-request` (status 0) for a market that is not two letters, a
 *   view that is not a name, or a history month that is not `YYYY-MM`/`YYYYMM`.
 */
export function priceSheetUrl(
  baseUrl: string,
  ref: PriceSheetRequest,
): { readonly url: string; readonly path: string } {
  const market = ref.market.toUpperCase();
  const refuse = (what: string): never => {
    throw new PartnerCenterError(
      'invalid-price-sheet-request',
      0,
      '',
      `price sheet request refused before sending: ${what}`,
    );
  };
  if (!/^[A-Z]{2}$/.test(market))
    refuse(`market \`${ref.market}\` is not a two-letter country code`);
  if (!/^[a-z_]+$/i.test(ref.view)) refuse(`view \`${ref.view}\` is not a price sheet view name`);
  let query = '';
  if (ref.timeline === 'future') query = '?timeline=future';
  if (ref.timeline === 'history') {
    const month = /^(\d{4})-?(\d{2})$/.exec(ref.month);
    if (month === null) refuse(`month \`${ref.month}\` is not YYYY-MM`);
    query = `?timeline=history&month=${month?.[1] ?? ''}${month?.[2] ?? ''}`;
  }
  const path = `/v1.0/sales/pricesheets(Market='${market}',PricesheetView='${ref.view}')/$value${query}`;
  return { url: `${baseUrl.replace(/\/+$/, '')}${path}`, path };
}
