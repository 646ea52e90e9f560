import { errors as undiciErrors } from 'undici';
import { PRICESHEET_VIEWS } from '../../model/index.js';
import { MALFORMED_CODE, NETWORK_CODE, PartnerCenterError, TIMEOUT_CODE } from '../errors.js';
import { CsvFormatError } from '../pricesheet/csv-records.js';

/**
 * A failed price sheet call with what to do about it (get-a-price-sheet: App+User only, the user
 * an Admin agent or Sales agent; `month=YYYYMM` only with `timeline=history`). Same code, status
 * and request id; the message gains the advice and which sheet was asked for.
 */
export function explainPriceSheetError(
  error: PartnerCenterError,
  ref: { readonly market: string; readonly view: string; readonly timeline: string },
): PartnerCenterError {
  const sheet = `the ${ref.timeline} ${ref.view} price sheet of market ${ref.market.toUpperCase()}`;
  const advice = adviceFor(error.status);
  return new PartnerCenterError(
    error.code,
    error.status,
    error.requestId,
    `${error.message} (reading ${sheet})${advice === '' ? '' : `: ${advice}`}`,
    {
      cause: error,
      ...(error.retryAfterMs === undefined ? {} : { retryAfterMs: error.retryAfterMs }),
    },
  );
}

function adviceFor(status: number): string {
  switch (status) {
    case 401:
      return 'the pricing token was refused; check partnerCenter.pricing.auth (a token for https://api.partner.microsoft.com/.default, not the Partner Center REST audience)';
    case 403:
      return 'the price sheet API takes only App+User tokens of a user with the Admin agent or Sales agent role (an app-only token is refused); sign in as such a user through partnerCenter.pricing.auth (refresh-token or device-code)';
    case 400:
      return `check the market (a two-letter country), the view (one of ${PRICESHEET_VIEWS.join(', ')}) and the token (App+User); Partner Center also answers 400 to some token problems`;
    case 404:
      return 'Partner Center has no such sheet; check partnerCenter.pricing.views and the market';
    case 429:
      return 'Partner Center throttled the download; the next cycle tries again';
    default:
      return status >= 500 ? 'Partner Center failed; the next cycle tries again' : '';
  }
}

/** A call that got no response: `timeout` or `network` (retryable by the policy). */
export function transportFailure(
  error: unknown,
  requestId: string,
  label: string,
): PartnerCenterError {
  if (error instanceof PartnerCenterError) return error;
  const timedOut =
    error instanceof undiciErrors.HeadersTimeoutError ||
    error instanceof undiciErrors.BodyTimeoutError;
  const reason = error instanceof Error ? error.message : String(error);
  return new PartnerCenterError(
    timedOut ? TIMEOUT_CODE : NETWORK_CODE,
    0,
    requestId,
    `${label} ${timedOut ? 'timed out' : 'failed without a response'}: ${reason}`,
    { cause: error },
  );
}

/** A body that broke off or is not a price sheet, after `rows` rows. */
export function bodyFailure(
  error: unknown,
  status: number,
  requestId: string,
  label: string,
  rows: number,
): unknown {
  const reason = error instanceof Error ? error.message : String(error);
  const zlibCode = (error as { code?: unknown } | null)?.code;
  if (
    error instanceof CsvFormatError ||
    (typeof zlibCode === 'string' && zlibCode.startsWith('Z_'))
  ) {
    return new PartnerCenterError(
      MALFORMED_CODE,
      status,
      requestId,
      `${label} returned a body that is not a readable price sheet (after ${rows} rows): ${reason}`,
      { cause: error },
    );
  }
  if (error instanceof PartnerCenterError || !(error instanceof Error)) return error;
  const timedOut = error instanceof undiciErrors.BodyTimeoutError;
  return new PartnerCenterError(
    timedOut ? TIMEOUT_CODE : NETWORK_CODE,
    0,
    requestId,
    `${label} broke off after ${rows} rows: ${reason}; nothing of this download is kept`,
    { cause: error },
  );
}
