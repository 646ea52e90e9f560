import cron from 'node-cron';

export interface TickScheduler {
  /** Resolves when the scheduler has stopped and the tick in progress (if any) has ended. */
  readonly done: Promise<void>;
  /** Stops scheduling; the tick in progress finishes first. */
  stop(): void;
}

export interface TickSchedulerOptions {
  /** A tick came due while the previous one still ran, and was skipped. */
  readonly onSkip?: () => void;
  /**
   * A tick rejected. Every tick's promise is handled here, so a failing tick never becomes an
   * unhandled rejection (which would end the process). @default a process warning on stderr
   */
  readonly onError?: (error: unknown) => void;
  /** Calls `fire` on the cron `expression` (a test seam). @default node-cron */
  readonly schedule?: (expression: string, fire: () => void) => { stop(): unknown };
}

/**
 * Runs `tick` on a cron `expression`, never two at once: a tick that comes due while the
 * previous one still runs is skipped (and reported through `onSkip`), so a slow cycle can
 * never overlap the next one. A tick that rejects goes to `onError`; the schedule goes on.
 */
export function scheduleTicks(
  expression: string,
  tick: () => Promise<void>,
  options: TickSchedulerOptions = {},
): TickScheduler {
  const onError = options.onError ?? warnTickError;
  const schedule = options.schedule ?? ((e: string, fire: () => void) => cron.schedule(e, fire));
  let running: Promise<void> | undefined;
  let resolveDone: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (resolveDone = resolve));
  const task = schedule(expression, () => {
    if (running !== undefined) {
      options.onSkip?.();
      return;
    }
    running = Promise.resolve()
      .then(tick)
      .catch((error: unknown) => {
        try {
          onError(error);
        } catch {
          // Reporting failed too; the schedule goes on.
        }
      })
      .finally(() => (running = undefined));
  });
  return {
    done,
    stop: () => {
      void task.stop();
      void (running ?? Promise.resolve()).finally(resolveDone);
    },
  };
}

function warnTickError(error: unknown): void {
  const why = error instanceof Error ? error.message : String(error);
  process.emitWarning(`a scheduled tick failed: ${why}`, { code: 'QM_TICK_FAILED' });
}
