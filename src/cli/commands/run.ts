import type { Command } from 'commander';
import {
  createDaemonLogger,
  runDaemonCycle,
  runDaemonLoop,
  runOnce,
  type DaemonRuntime,
} from '../../agent/index.js';
import type { AgentConfig } from '../../config/index.js';
import type { Plan } from '../../model/index.js';
import { systemClock } from '../../support/index.js';
import type { ExitCode } from '../exit-codes.js';
import type { CommandContext, CommandRegistrar } from '../main.js';
import { renderActionResult, renderPlanHuman } from '../render/index.js';
import { UserError } from '../user-error.js';
import { loadWorkspace, progressReporter, withReconcileApp } from '../workspace.js';
import { specErrorDiagnostics, specFileShown } from '../spec-errors.js';
import type { DashboardServer } from '../../dashboard/index.js';
import { reportOutcome } from './apply.js';
import { serveDashboard } from './dashboard.js';
import { applyShardOption, SHARD_HELP } from './shard-option.js';

interface RunOptions {
  config?: string;
  once?: boolean;
  shard?: string;
  metricsPort?: string;
}

/**
 * `qm run`: the daemon. Every `schedule` tick: recover → refresh → plan → apply the actions
 * `policy.autoApply` allows; the rest wait for review (`qm plan` / `qm apply`). Ticks never
 * overlap; SIGINT/SIGTERM let the call in progress finish, then exit cleanly. `--once` runs
 * one cycle and exits (what `npm start` and a Kubernetes CronJob do). The daemon serves
 * /healthz and /metrics when a metrics port is configured, logs JSON lines (pino) to stderr,
 * and POSTs webhook notices (docs/operations.md).
 */
export const registerRun: CommandRegistrar = (program: Command, ctx: CommandContext) => {
  program
    .command('run')
    .description('reconcile on the config schedule, applying what policy.autoApply allows')
    .option('--once', 'run one cycle and exit')
    .option('--shard <i/n>', SHARD_HELP)
    .option(
      '--metrics-port <port>',
      'serve /healthz and /metrics on this port; 0 = any free port (overrides daemon.metricsPort and QM_METRICS_PORT)',
    )
    .action(async (_o: unknown, command: Command) => {
      const opts = command.optsWithGlobals<RunOptions>();
      const controller = new AbortController();
      const stop = (): void => controller.abort(new Error('stopped by signal'));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      try {
        if (opts.once === true) {
          ctx.setExitCode(await runOnceCommand(ctx, opts, controller.signal));
          return;
        }
        await daemon(ctx, opts, controller.signal);
      } finally {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
      }
    });
};

/**
 * One cycle (`runDaemonCycle`); specs are re-read every tick, so a merged change is picked up.
 * Renders the plan, each result, what waits for review, and the outcome.
 */
async function runTick(
  ctx: CommandContext,
  opts: RunOptions,
  signal: AbortSignal,
  runtime: DaemonRuntime | undefined,
): Promise<ExitCode> {
  const workspace = applyShardOption(
    loadWorkspace(ctx.io, opts.config, { streamed: true }),
    opts.shard,
  );
  // Progress only for a one-off run on a terminal: the daemon's stderr carries JSON logs.
  const onProgress = opts.once === true ? progressReporter(ctx.io) : undefined;
  const outcome = await withReconcileApp(
    ctx.io,
    workspace,
    (app) =>
      runDaemonCycle(app, workspace, runtime, {
        signal,
        ...(onProgress === undefined ? {} : { onProgress }),
        onPlan: (plan) =>
          ctx.io.out(
            renderPlanHuman(plan, { color: ctx.io.isTty && ctx.io.env['NO_COLOR'] === undefined }),
          ),
        onResult: (r) => ctx.io.out(renderActionResult(r)),
      }),
    runtime === undefined ? {} : { onCall: runtime.onCall },
  );
  for (const action of outcome.deferred) {
    ctx.io.out(`  review  ${action.kind} ${action.item} (${action.customerId}): ${action.reason}`);
  }
  if (runtime !== undefined)
    logSpecErrors(runtime, outcome.plan, workspace.config.specs, ctx.io.cwd);
  return reportOutcome(ctx, outcome, workspace.config.specs);
}

/** `--once`: webhook notices when one is configured (a CronJob's only channel), no server. */
function runOnceCommand(
  ctx: CommandContext,
  opts: RunOptions,
  signal: AbortSignal,
): Promise<ExitCode> {
  const { config } = loadWorkspace(ctx.io, opts.config);
  if (config.daemon?.dashboardPort !== undefined)
    ctx.io.err(
      'qm run --once: daemon.dashboardPort is set, but one cycle serves no dashboard (the daemon `qm run` does; or run `qm dashboard`)',
    );
  return runOnce({
    config,
    clock: systemClock,
    logLevel: ctx.io.env['QM_LOG_LEVEL'] ?? 'warn',
    tick: (runtime) => runTick(ctx, opts, signal, runtime),
  });
}

/** The daemon: the loop lives in agent/daemon; the CLI builds each tick and renders it. */
async function daemon(ctx: CommandContext, opts: RunOptions, signal: AbortSignal): Promise<void> {
  const config = withMetricsPort(loadWorkspace(ctx.io, opts.config).config, opts.metricsPort);
  // daemon.dashboardPort: the read-only dashboard beside the loop (docs/dashboard.md).
  const dashboard = await startDaemonDashboard(ctx, opts, config);
  try {
    await daemonLoop(ctx, opts, signal, config);
  } finally {
    await dashboard?.close();
  }
}

async function startDaemonDashboard(
  ctx: CommandContext,
  opts: RunOptions,
  config: AgentConfig,
): Promise<DashboardServer | undefined> {
  const port = config.daemon?.dashboardPort;
  if (port === undefined) return undefined;
  const server = await serveDashboard(ctx.io, {
    ...(opts.config === undefined ? {} : { configFlag: opts.config }),
    ...(opts.shard === undefined ? {} : { shard: opts.shard }),
    port,
    host: config.daemon?.dashboardHost ?? '127.0.0.1',
    what: 'daemon.dashboardHost',
  });
  ctx.io.err(`qm run: serving the dashboard on ${server.url} (read-only)`);
  return server;
}

async function daemonLoop(
  ctx: CommandContext,
  opts: RunOptions,
  signal: AbortSignal,
  config: AgentConfig,
): Promise<void> {
  await runDaemonLoop({
    config,
    clock: systemClock,
    logger: createDaemonLogger({ level: ctx.io.env['QM_LOG_LEVEL'] ?? 'info' }),
    signal,
    ...(opts.shard === undefined ? {} : { shard: opts.shard }),
    onStarted: () =>
      ctx.io.err(
        `qm run: reconciling on schedule "${config.schedule}"; Ctrl-C stops after the call in progress`,
      ),
    tick: (runtime) => runTick(ctx, opts, signal, runtime),
  });
}

/**
 * Spec errors into the daemon's JSON log as well (one `spec-error` line each), beside the
 * `file:line:col` lines `reportOutcome` prints on stderr: the rest of the plan was applied.
 */
function logSpecErrors(runtime: DaemonRuntime, plan: Plan, specsDir: string, cwd: string): void {
  for (const d of specErrorDiagnostics(plan, specFileShown(specsDir, cwd))) {
    runtime.logger.error(
      { event: 'spec-error', file: d.file, line: d.line, col: d.col },
      `${d.file}:${d.line}:${d.col}: ${d.message}`,
    );
  }
}

/** `--metrics-port` beats `daemon.metricsPort` and `QM_METRICS_PORT`. @throws UserError */
function withMetricsPort(config: AgentConfig, flag: string | undefined): AgentConfig {
  if (flag === undefined) return config;
  const port = Number(flag);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new UserError(
      'invalid-argument',
      `--metrics-port ${flag} must be a TCP port from 0 to 65535 (0 = any free port)`,
    );
  }
  return { ...config, daemon: { ...config.daemon, metricsPort: port } };
}
