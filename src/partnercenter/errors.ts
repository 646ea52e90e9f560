import { classifyFailure, type ErrorKind, type RetryClass } from './error-kinds.js';

/**
 * Every failure of a Partner Center call, HTTP or not. Callers branch on `code` (the Partner
 * Center error code such as `"800090"`, or a transport code such as `network`/`timeout`) or on
 * the typed `kind` from {@link classifyFailure}; never on `message`.
 */
export class PartnerCenterError extends Error {
  /** Server-requested wait (from `Retry-After`), when the response carried one. */
  readonly retryAfterMs: number | undefined;
  /** What the agent should make of it; decided by {@link classifyFailure} from status and code. */
  readonly kind: ErrorKind;
  /** Whether a retry may help (`transient`), only for reads (`reads-only`), or never. */
  readonly retry: RetryClass;

  constructor(
    readonly code: string,
    /** HTTP status; 0 when no response arrived (network failure, timeout). */
    readonly status: number,
    /** The MS-RequestId that was sent. */
    readonly requestId: string,
    message: string,
    options?: { cause?: unknown; retryAfterMs?: number },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'PartnerCenterError';
    this.retryAfterMs = options?.retryAfterMs;
    const classification = classifyFailure({ status, code });
    this.kind = classification.kind;
    this.retry = classification.retry;
  }
}

/** Transport code for a connection that failed or was reset before a full response arrived. */
export const NETWORK_CODE = 'network';
/** Transport code for a call that exceeded its per-call timeout. */
export const TIMEOUT_CODE = 'timeout';
/** A 2xx response whose body was not the JSON the operation expects. */
export const MALFORMED_CODE = 'malformed-response';
/** A 202 long-running operation that did not finish within the polling budget. */
export const POLL_TIMEOUT_CODE = 'poll-timeout';
