import type { RetryClass } from './error-kinds.js';
import type { PartnerCenterError } from './errors.js';

/**
 * The retry policy, declared as data (ky-style). Which failures are retryable at all is
 * decided by `classifyFailure`; this file says which of those a method may retry and how
 * long to wait. Partner Center rules (docs/partner-center-api.md §1.4, §1.7): a mutating call is
 * retried only on timeout/network/429/5xx and always with the same MS-RequestId; 429 waits
 * `Retry-After`; business 4xx never retry.
 */
export interface RetryPolicy {
  /** Attempts in total, the first included. @default 4 */
  readonly maxAttempts: number;
  /** Backoff before the first retry, doubled per attempt. @default 500 */
  readonly baseDelayMs: number;
  /** Ceiling of the exponential backoff. @default 30000 */
  readonly maxDelayMs: number;
  /** Ceiling on a server-sent `Retry-After`. @default 120000 */
  readonly maxRetryAfterMs: number;
  /** Source of jitter in [0, 1); inject a constant for deterministic tests. @default Math.random */
  readonly jitter: () => number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 120_000,
  jitter: Math.random,
};

/** Which retry classes each kind of method may retry. */
export const RETRY_RULES: Readonly<
  Record<RetryClass, { readonly read: boolean; readonly write: boolean }>
> = {
  transient: { read: true, write: true },
  'reads-only': { read: true, write: false },
  never: { read: false, write: false },
};

export type RetryDecision =
  { readonly kind: 'retry'; readonly delayMs: number } | { readonly kind: 'give-up' };

/** True for methods that change server state; they retry only under the same MS-RequestId. */
export function isMutating(method: string): boolean {
  const upper = method.toUpperCase();
  return upper !== 'GET' && upper !== 'HEAD';
}

/**
 * Decides whether attempt number `attempt` (1-based) that failed with `error` is retried, and
 * after how long: the server's `Retry-After` (capped) when present, else equal-jitter
 * exponential backoff.
 */
export function decideRetry(
  error: PartnerCenterError,
  attempt: number,
  method: string,
  policy: RetryPolicy,
): RetryDecision {
  if (attempt >= policy.maxAttempts) return { kind: 'give-up' };
  const rule = RETRY_RULES[error.retry];
  if (!(isMutating(method) ? rule.write : rule.read)) return { kind: 'give-up' };
  if (error.retryAfterMs !== undefined) {
    return { kind: 'retry', delayMs: Math.min(error.retryAfterMs, policy.maxRetryAfterMs) };
  }
  return { kind: 'retry', delayMs: backoffDelay(attempt, policy) };
}

/** Equal jitter: half the exponential step fixed, half random, so a retry never fires at once. */
export function backoffDelay(attempt: number, policy: RetryPolicy): number {
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  const jitter = Math.min(1, Math.max(0, policy.jitter()));
  return Math.round(step / 2 + (jitter * step) / 2);
}
