import type { Command } from 'commander';
import { runApplyCycle, scheduleTicks } from '../../agent/index.js';
import { ExitCode } from '../exit-codes.js';
import type { CommandContext, CommandRegistrar } from '../main.js';
import { renderActionResult, renderPlanHuman } from '../render/index.js';
import { loadWorkspace, withApp, type Workspace } from '../workspace.js';
import { reportOutcome } from './apply.js';

interface RunOptions {
  config?: string;
  once?: boolean;
}

/**
 * `qm run`: the daemon. Every `schedule` tick: recover → refresh → plan → apply the actions
 * `policy.autoApply` allows; the rest wait for review (`qm plan` / `qm apply`). Ticks never
 * overlap; SIGINT/SIGTERM let the call in progress finish, then exit cleanly. `--once` runs
 * one cycle and exits (what `npm start` does).
 */
export const registerRun: CommandRegistrar = (program: Command, ctx: CommandContext) => {
  program
    .command('run')
    .description('reconcile on the config schedule, applying what policy.autoApply allows')
    .option('--once', 'run one cycle and exit')
    .action(async (_o: unknown, command: Command) => {
      const opts = command.optsWithGlobals<RunOptions>();
      const controller = new AbortController();
      const stop = (): void => controller.abort(new Error('stopped by signal'));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      try {
        if (opts.once === true) {
          ctx.setExitCode(await runTick(ctx, opts, controller.signal));
          return;
        }
        await daemon(ctx, opts, controller.signal);
      } finally {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
      }
    });
};

/** One cycle; specs are re-read every tick, so a merged change is picked up. */
async function runTick(ctx: CommandContext, opts: RunOptions, signal: AbortSignal): Promise<ExitCode> {
  const workspace: Workspace = loadWorkspace(ctx.io, opts.config);
  const outcome = await withApp(ctx.io, workspace, (app) =>
    runApplyCycle(app, workspace.desired, {
      command: 'run',
      allowedKinds: workspace.config.policy.autoApply,
      signal,
      onPlan: (plan) => ctx.io.out(renderPlanHuman(plan, { color: ctx.io.isTty && ctx.io.env['NO_COLOR'] === undefined })),
      onResult: (result) => ctx.io.out(renderActionResult(result)),
    }),
  );
  if (outcome.deferred.length > 0) {
    for (const action of outcome.deferred) {
      ctx.io.out(`  review  ${action.kind} ${action.item} (${action.customerId}): ${action.reason}`);
    }
  }
  return reportOutcome(ctx, outcome);
}

async function daemon(ctx: CommandContext, opts: RunOptions, signal: AbortSignal): Promise<void> {
  const { config } = loadWorkspace(ctx.io, opts.config);
  ctx.io.err(`qm run: reconciling on schedule "${config.schedule}"; Ctrl-C stops after the call in progress`);
  const scheduler = scheduleTicks(
    config.schedule,
    async () => {
      try {
        const code = await runTick(ctx, opts, signal);
        if (code !== ExitCode.ok) ctx.io.err(`tick ended with exit code ${code}`);
      } catch (error) {
        ctx.io.err(`tick failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    },
    () => ctx.io.err('tick skipped: the previous cycle is still running'),
  );
  signal.addEventListener('abort', () => scheduler.stop(), { once: true });
  await scheduler.done;
}
