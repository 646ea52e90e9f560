import type { SandboxClock } from './clock.js';

/**
 * Per-key request budgets over fixed one-minute windows of the sandbox clock. The server keys
 * by route family and customer tenant: Partner Center throttles orders and subscriptions at
 * about 500 requests per minute per tenant (docs/partner-center-api.md §1.7), and throttling per
 * (partner, customer) lets calls for other customers proceed.
 */
export class RateLimiter {
  readonly #windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly perMinute: number,
    private readonly clock: SandboxClock,
  ) {}

  /** Counts one request; returns the seconds to wait when the budget is spent. */
  check(key: string): { allowed: true } | { allowed: false; retryAfterSeconds: number } {
    if (this.perMinute <= 0) return { allowed: true };
    const now = this.clock.now().getTime();
    let window = this.#windows.get(key);
    if (window === undefined || now - window.start >= 60_000 || now < window.start) {
      window = { start: now, count: 0 };
      this.#windows.set(key, window);
    }
    if (window.count < this.perMinute) {
      window.count += 1;
      return { allowed: true };
    }
    return {
      allowed: false,
      retryAfterSeconds: Math.max(1, Math.ceil((window.start + 60_000 - now) / 1000)),
    };
  }
}
