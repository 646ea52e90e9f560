import type { CustomerScope } from './customer-scope.js';

/**
 * How far Partner Center's clock (its `Date` header) may be from the agent's before
 * window-sensitive actions stop: refund and cancellation windows are judged on the agent's
 * clock, and a window a day off would refund, cancel or schedule on the wrong side of it.
 */
export const MAX_CLOCK_SKEW_MS = 60_000;

/** Why window-sensitive actions are blocked for this scope, or `undefined` when they are not. */
export function clockSkewReason(scope: Pick<CustomerScope, 'clockSkewMs'>): string | undefined {
  const skew = scope.clockSkewMs;
  if (skew === undefined || Math.abs(skew) <= MAX_CLOCK_SKEW_MS) return undefined;
  const seconds = Math.round(Math.abs(skew) / 1000);
  const amount =
    seconds >= 5400
      ? `${(seconds / 3600).toFixed(1)} h`
      : seconds >= 120
        ? `${Math.round(seconds / 60)} min`
        : `${seconds} s`;
  const side = skew > 0 ? 'behind' : 'ahead of';
  return `the agent's clock is ${amount} ${side} Partner Center's (its Date header), more than the ${MAX_CLOCK_SKEW_MS / 1000} s allowed; refund and cancellation windows are judged on the agent's clock, so correct the system clock (NTP) and run again`;
}
