import type { ActionResult } from '../../applier/index.js';
import type { AgentConfig } from '../../config/index.js';
import type { DesiredSource, Plan } from '../../model/index.js';
import type { Clock } from '../../support/index.js';
import { runCycle, type CycleOutcome } from '../cycle.js';
import type { AgentPorts } from '../ports.js';
import { scheduleTicks, type TickSchedulerOptions } from '../scheduler.js';
import { createDaemonLogger, type DaemonLogger } from './daemon-logger.js';
import { startDaemonRuntime, type DaemonRuntime } from './daemon-runtime.js';

/** Hooks a `qm run` cycle reports through (the CLI renders them). */
export interface DaemonCycleHooks {
  readonly signal?: AbortSignal;
  readonly onProgress?: (done: number, total: number) => void;
  readonly onPlan?: (plan: Plan) => void;
  readonly onResult?: (result: ActionResult) => void;
}

/**
 * One `qm run` cycle: `runCycle` applying what `policy.autoApply` allows (the rest waits for
 * review), with the runtime (when present) seeing the run id, every result and the outcome
 * while the state is still open, and sending the renewal notices due.
 */
export async function runDaemonCycle(
  ports: AgentPorts,
  specs: { readonly source: DesiredSource },
  runtime: DaemonRuntime | undefined,
  hooks: DaemonCycleHooks = {},
): Promise<CycleOutcome> {
  const outcome = await runCycle(ports, specs.source, {
    command: 'run',
    allowedKinds: ports.config.policy.autoApply,
    ...(hooks.signal === undefined ? {} : { signal: hooks.signal }),
    ...(hooks.onProgress === undefined ? {} : { onProgress: hooks.onProgress }),
    ...(hooks.onPlan === undefined ? {} : { onPlan: hooks.onPlan }),
    onResult: (result) => {
      runtime?.onResult(result);
      hooks.onResult?.(result);
    },
    ...(runtime === undefined ? {} : { onRunStart: runtime.onRunStart }),
  });
  // The notices go through the specs in batches, as the cycle did: docs/scale.md "Flat memory".
  if (runtime !== undefined) await runtime.noticeRenewals(ports, specs.source, outcome);
  await runtime?.tickFinished(ports.state, outcome);
  return outcome;
}

/**
 * `qm run --once`: one tick. With a webhook configured (a CronJob's only channel) a runtime
 * without the metrics server carries the notices; a tick that throws is notified, then rethrown.
 */
export async function runOnce<T>(options: {
  readonly config: AgentConfig;
  readonly clock: Clock;
  /** `QM_LOG_LEVEL`. @default 'warn' */
  readonly logLevel?: string;
  readonly tick: (runtime: DaemonRuntime | undefined) => Promise<T>;
}): Promise<T> {
  const { config } = options;
  if (config.daemon?.webhookUrl === undefined) return options.tick(undefined);
  const logger = createDaemonLogger({ level: options.logLevel ?? 'warn' });
  const { metricsPort: _unused, ...daemon } = config.daemon;
  const runtime = await startDaemonRuntime({
    config: { ...config, daemon },
    clock: options.clock,
    logger,
  });
  try {
    return await options.tick(runtime);
  } catch (error) {
    await runtime.tickFailed(error);
    throw error;
  } finally {
    await runtime.close();
  }
}

export interface DaemonLoopOptions {
  /** Schedule, metrics port, webhook. */
  readonly config: AgentConfig;
  readonly clock: Clock;
  readonly logger: DaemonLogger;
  /** Aborted by SIGINT/SIGTERM: no new tick starts, the one in progress finishes. */
  readonly signal: AbortSignal;
  /** `--shard i/n`, for the start log line. */
  readonly shard?: string;
  /**
   * One tick: re-read the specs, build the app, `runDaemonCycle`, render. Resolves to the exit
   * code the tick would have had alone; a throw counts as a failed tick (health, webhook).
   */
  readonly tick: (runtime: DaemonRuntime) => Promise<number>;
  /** Called once the runtime is up and the schedule about to start (the CLI says so). */
  readonly onStarted?: () => void;
  /** Test seam for the scheduler. */
  readonly schedule?: TickSchedulerOptions['schedule'];
}

/**
 * `qm run`: starts the runtime (health server, metrics, webhook), then ticks on
 * `config.schedule` until `signal` aborts; ticks never overlap. Resolves once stopped.
 * @throws the health server's listen error when its port is taken
 */
export async function runDaemonLoop(options: DaemonLoopOptions): Promise<void> {
  const { config, logger, signal } = options;
  const runtime = await startDaemonRuntime({ config, clock: options.clock, logger });
  logger.info(
    {
      event: 'daemon-started',
      schedule: config.schedule,
      ...(options.shard === undefined ? {} : { shard: options.shard }),
    },
    `reconciling on schedule "${config.schedule}"`,
  );
  options.onStarted?.();
  try {
    const scheduler = scheduleTicks(
      config.schedule,
      async () => {
        try {
          const code = await options.tick(runtime);
          if (code !== 0)
            logger.warn(
              { event: 'tick-exit-code', exitCode: code },
              `tick ended with exit code ${code}`,
            );
        } catch (error) {
          await runtime.tickFailed(error);
        }
      },
      {
        onSkip: () =>
          logger.warn(
            { event: 'tick-skipped' },
            'tick skipped: the previous cycle is still running',
          ),
        onError: (error) =>
          logger.error(
            { event: 'tick-failed', err: error instanceof Error ? error.message : String(error) },
            'reporting a failed tick failed',
          ),
        ...(options.schedule === undefined ? {} : { schedule: options.schedule }),
      },
    );
    if (signal.aborted) scheduler.stop();
    else signal.addEventListener('abort', () => scheduler.stop(), { once: true });
    await scheduler.done;
  } finally {
    logger.info({ event: 'daemon-stopped' }, 'stopped');
    await runtime.close();
  }
}
