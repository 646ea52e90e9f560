/**
 * The one place that decides what a failed Partner Center call means and whether it may be
 * retried. Facts from docs/partner-center-api.md §1.8–1.9 (https://learn.microsoft.com/en-us/partner-center/developer/error-codes)
 * and §1.4 (the SDK retries network failures and 5xx; we also retry 429 after `Retry-After`).
 */

/** Typed error kinds the agent branches on. Kebab-case; new Partner Center codes fall back by status. */
export type ErrorKind =
  | 'decrease-window-closed' // 800090: NCE seat decrease after the 7-day window
  | 'cancel-window-closed' // 900117: past the N-day cancellation window
  | 'quantity-out-of-range' // 2002: outside the SKU's min/max
  | 'etag-stale' // 2055: re-GET and recompute, never blind replay
  | 'order-in-progress' // 800060: never re-buy; poll orders
  | 'cart-in-progress' // 800064: another request is checking out this cart
  | 'cart-already-submitted' // 800065: legacy; treat as done
  | 'cart-not-found' // 800008: expired or wrong cart id
  | 'market-unavailable' // 800070: offer not sold in the country
  | 'subscription-suspended' // 800091
  | 'subscription-deleted' // 2011
  | 'order-not-found' // 20000: may be eventual consistency
  | 'subscription-not-found' // 20003
  | 'app-only-not-supported' // 900329: operation needs an App+User token
  | 'attestation-required' // 900203: the cart lacks PartnerOnRecordAttestationAccepted
  | 'foreign-origin' // a link or Location off the endpoint's origin: refused, no token sent
  | 'sandbox-limit' // 800018
  | 'unauthorized' // any 401
  | 'forbidden' // other 403
  | 'not-found' // other 404
  | 'conflict' // other 409
  | 'bad-request' // other 4xx
  | 'throttled' // 429
  | 'server-error' // 5xx
  | 'network' // no response: refused, reset, dropped
  | 'timeout' // per-call timeout elapsed
  | 'malformed-response'; // 2xx with an undecodable body

/**
 * When a failure may be retried: `transient` for every method (a mutating call keeps its
 * MS-RequestId, §1.4), `reads-only` for GETs only, `never` for terminal business errors.
 */
export type RetryClass = 'transient' | 'reads-only' | 'never';

export interface Classification {
  readonly kind: ErrorKind;
  readonly retry: RetryClass;
}

interface CodeRow extends Classification {
  readonly code: string;
}

interface StatusRow extends Classification {
  /** Inclusive status range. */
  readonly from: number;
  readonly to: number;
}

/** Partner Center codes the agent branches on. A code wins over its HTTP status. */
export const CODE_TABLE: readonly CodeRow[] = [
  { code: '800090', kind: 'decrease-window-closed', retry: 'never' },
  { code: '900117', kind: 'cancel-window-closed', retry: 'never' },
  { code: '2002', kind: 'quantity-out-of-range', retry: 'never' },
  { code: '2055', kind: 'etag-stale', retry: 'never' },
  { code: '800060', kind: 'order-in-progress', retry: 'never' },
  { code: '800064', kind: 'cart-in-progress', retry: 'never' },
  { code: '800065', kind: 'cart-already-submitted', retry: 'never' },
  { code: '800008', kind: 'cart-not-found', retry: 'never' },
  { code: '800070', kind: 'market-unavailable', retry: 'never' },
  { code: '800091', kind: 'subscription-suspended', retry: 'never' },
  { code: '2011', kind: 'subscription-deleted', retry: 'never' },
  { code: '20000', kind: 'order-not-found', retry: 'never' },
  { code: '20003', kind: 'subscription-not-found', retry: 'never' },
  { code: '900329', kind: 'app-only-not-supported', retry: 'never' },
  { code: '900203', kind: 'attestation-required', retry: 'never' },
  { code: 'foreign-origin', kind: 'foreign-origin', retry: 'never' },
  { code: '800018', kind: 'sandbox-limit', retry: 'never' },
  { code: 'network', kind: 'network', retry: 'transient' },
  { code: 'timeout', kind: 'timeout', retry: 'transient' },
  { code: 'malformed-response', kind: 'malformed-response', retry: 'reads-only' },
];

/** Fallback by HTTP status when the code is not in {@link CODE_TABLE}. First match wins. */
export const STATUS_TABLE: readonly StatusRow[] = [
  { from: 401, to: 401, kind: 'unauthorized', retry: 'never' },
  { from: 403, to: 403, kind: 'forbidden', retry: 'never' },
  { from: 404, to: 404, kind: 'not-found', retry: 'never' },
  { from: 409, to: 409, kind: 'conflict', retry: 'never' },
  { from: 429, to: 429, kind: 'throttled', retry: 'transient' },
  { from: 400, to: 499, kind: 'bad-request', retry: 'never' },
  { from: 500, to: 599, kind: 'server-error', retry: 'transient' },
];

const BY_CODE = new Map(CODE_TABLE.map((row) => [row.code, row]));

/**
 * Classifies a failed call by its Partner Center `code` and HTTP `status`: the typed kind and
 * whether it may be retried. Status 401 always means `unauthorized` (codes 400, 800001, 900420
 * all need a new token, not a retry); any 5xx stays retryable even with a code (800003, 800005,
 * 800094 say "retry with the same MS-RequestId").
 */
export function classifyFailure(failure: {
  readonly status: number;
  readonly code: string;
}): Classification {
  const { status, code } = failure;
  if (status === 401) return { kind: 'unauthorized', retry: 'never' };
  const byCode = BY_CODE.get(code);
  if (byCode !== undefined && !(status >= 500 && byCode.retry === 'never')) {
    return { kind: byCode.kind, retry: byCode.retry };
  }
  const byStatus = STATUS_TABLE.find((row) => status >= row.from && status <= row.to);
  if (byStatus !== undefined) return { kind: byStatus.kind, retry: byStatus.retry };
  return { kind: 'bad-request', retry: 'never' };
}
