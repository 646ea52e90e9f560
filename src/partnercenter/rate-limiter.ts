import type { Clock } from '../support/index.js';

/**
 * Client-side budget per route family, so the agent never causes a 429 storm. Partner Center
 * documents 500 requests/minute per tenant for orders and subscriptions
 * (docs/partner-center-api.md §1.7, https://learn.microsoft.com/en-us/partner-center/developer/order-resources).
 */
export interface RateLimiter {
  /** Resolves when one more call of `family` fits in the budget; waits on the injected clock. */
  acquire(family: string, signal?: AbortSignal): Promise<void>;
}

const WINDOW_MS = 60_000;

/**
 * A sliding-window limiter: at most `perMinute` acquisitions per family in any 60 s of the
 * clock's time. `perMinute <= 0` or `Infinity` disables it.
 */
export function createRateLimiter(clock: Clock, perMinute: number): RateLimiter {
  const windows = new Map<string, number[]>();
  return {
    async acquire(family, signal) {
      if (!(perMinute > 0) || !Number.isFinite(perMinute)) return;
      for (;;) {
        signal?.throwIfAborted();
        const now = clock.now().getTime();
        const stamps = (windows.get(family) ?? []).filter((at) => at > now - WINDOW_MS);
        windows.set(family, stamps);
        if (stamps.length < perMinute) {
          stamps.push(now);
          return;
        }
        const oldest = stamps[0] ?? now;
        await clock.sleep(oldest + WINDOW_MS - now + 1, signal);
      }
    },
  };
}
