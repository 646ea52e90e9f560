/**
 * The sandbox's notion of time. Every rule that depends on time (order list delay, refund
 * windows, renewals, rate-limit windows) reads this clock, never `Date.now()` directly, so tests
 * and users can move time forward (`advance`) without waiting.
 */
export interface SandboxClock {
  now(): Date;
  /** Moves time forward by `ms` (negative values are ignored). */
  advance(ms: number): void;
  /** Jumps to an ISO-8601 instant (may move backwards: it is a test tool). */
  set(iso: string): void;
}

/**
 * Creates a sandbox clock.
 * - With `start`: a manual clock that only moves on `advance`/`set`.
 * - Without: wall time plus an adjustable offset (`advance` adds to the offset).
 */
export function createSandboxClock(start?: Date | string): SandboxClock {
  if (start === undefined) return createWallClock(0);
  let now = parseInstant(start);
  return {
    now: () => new Date(now),
    advance: (ms) => {
      now += Math.max(0, ms);
    },
    set: (iso) => {
      now = parseInstant(iso);
    },
  };
}

/**
 * Wall time shifted by `offsetMs`. `onChange` receives the new offset after each move so the
 * server can persist it: a restarted sandbox keeps the time users advanced to.
 */
export function createWallClock(
  offsetMs: number,
  onChange?: (offsetMs: number) => void,
): SandboxClock {
  let offset = offsetMs;
  return {
    now: () => new Date(Date.now() + offset),
    advance: (ms) => {
      offset += Math.max(0, ms);
      onChange?.(offset);
    },
    set: (iso) => {
      offset = parseInstant(iso) - Date.now();
      onChange?.(offset);
    },
  };
}

function parseInstant(value: Date | string): number {
  const ms = new Date(value).getTime();
  if (Number.isNaN(ms)) throw new RangeError(`invalid instant: ${String(value)}`);
  return ms;
}
