import cron from 'node-cron';

export interface TickScheduler {
  /** Resolves when the scheduler has stopped and the tick in progress (if any) has ended. */
  readonly done: Promise<void>;
  /** Stops scheduling; the tick in progress finishes first. */
  stop(): void;
}

/**
 * Runs `tick` on a cron `expression`, never two at once: a tick that comes due while the
 * previous one still runs is skipped (and reported through `onSkip`), so a slow cycle can
 * never overlap the next one.
 */
export function scheduleTicks(
  expression: string,
  tick: () => Promise<void>,
  onSkip: () => void = () => undefined,
): TickScheduler {
  let running: Promise<void> | undefined;
  let resolveDone: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (resolveDone = resolve));
  const task = cron.schedule(expression, () => {
    if (running !== undefined) {
      onSkip();
      return;
    }
    running = tick().finally(() => (running = undefined));
  });
  return {
    done,
    stop: () => {
      void task.stop();
      void (running ?? Promise.resolve()).finally(resolveDone);
    },
  };
}
