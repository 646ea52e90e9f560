import { afterEach, describe, expect, it } from 'vitest';
import { scheduleTicks } from '../../src/agent/index.js';

/** A schedule a test fires by hand: no cron, no real time. */
function manualSchedule(): {
  schedule: (expression: string, fire: () => void) => { stop(): void };
  fire(): void;
} {
  let fireTick: () => void = () => undefined;
  return {
    schedule: (_expression, fire) => {
      fireTick = fire;
      return { stop: () => undefined };
    },
    fire: () => fireTick(),
  };
}

describe('scheduleTicks', () => {
  const unhandled: unknown[] = [];
  const listener = (reason: unknown): void => void unhandled.push(reason);
  afterEach(() => {
    process.off('unhandledRejection', listener);
    unhandled.length = 0;
  });

  it('handles a tick that rejects: no unhandled rejection, the error is reported, ticks go on', async () => {
    process.on('unhandledRejection', listener);
    const manual = manualSchedule();
    const errors: string[] = [];
    let ticks = 0;
    const scheduler = scheduleTicks(
      '* * * * *',
      () => {
        ticks += 1;
        return Promise.reject(new Error(`tick ${ticks} failed`));
      },
      { schedule: manual.schedule, onError: (error) => errors.push((error as Error).message) },
    );
    manual.fire();
    await new Promise((resolve) => setImmediate(resolve));
    manual.fire();
    await new Promise((resolve) => setImmediate(resolve));
    scheduler.stop();
    await scheduler.done;
    // Give Node a turn to report any rejection nobody handled.
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(unhandled).toEqual([]);
    expect(errors).toEqual(['tick 1 failed', 'tick 2 failed']);
  });

  it('skips a tick that comes due while the previous one runs', async () => {
    const manual = manualSchedule();
    let release: () => void = () => undefined;
    let skipped = 0;
    let started = 0;
    const scheduler = scheduleTicks(
      '* * * * *',
      () => {
        started += 1;
        return new Promise<void>((resolve) => (release = resolve));
      },
      { schedule: manual.schedule, onSkip: () => (skipped += 1) },
    );
    manual.fire();
    await new Promise((resolve) => setImmediate(resolve));
    manual.fire();
    expect([started, skipped]).toEqual([1, 1]);
    release();
    scheduler.stop();
    await scheduler.done;
  });
});
