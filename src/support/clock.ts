/**
 * The one way code outside tests learns the time. Inject a `Clock`; never call `Date.now()`
 * in code that tests must control.
 */
export interface Clock {
  now(): Date;
  /** Resolves after `ms` of this clock's time. A manual clock resolves when advanced past it. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** Wall-clock time. */
export const systemClock: Clock = {
  now: () => new Date(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason as Error);
        return;
      }
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = (): void => {
        clearTimeout(timer);
        reject(signal?.reason as Error);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

/**
 * A clock that only moves when told. `sleep` resolves once `advance` passes the deadline, so
 * retry and backoff code can be tested without waiting on wall time.
 */
export class ManualClock implements Clock {
  #now: number;
  #sleepers: { until: number; resolve: () => void }[] = [];

  constructor(start: Date | string = '2026-01-01T00:00:00.000Z') {
    this.#now = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.#now);
  }

  sleep(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => this.#sleepers.push({ until: this.#now + ms, resolve }));
  }

  /** Moves time forward and wakes every sleeper whose deadline has passed. */
  advance(ms: number): void {
    this.#now += ms;
    const due = this.#sleepers.filter((s) => s.until <= this.#now);
    this.#sleepers = this.#sleepers.filter((s) => s.until > this.#now);
    for (const sleeper of due) sleeper.resolve();
  }

  /** Sets the time (never backwards) and wakes due sleepers. */
  set(to: Date | string): void {
    this.advance(Math.max(0, new Date(to).getTime() - this.#now));
  }

  /** How many sleepers are waiting: lets tests advance exactly when code is blocked. */
  get pendingSleeps(): number {
    return this.#sleepers.length;
  }
}
