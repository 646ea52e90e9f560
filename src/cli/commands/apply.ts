import type { Command } from 'commander';
import { readPlanFile, runCycle, type CycleOutcome } from '../../agent/index.js';
import type { Plan } from '../../model/index.js';
import { askYes } from '../confirm.js';
import { ExitCode } from '../exit-codes.js';
import type { CommandContext, CommandRegistrar } from '../main.js';
import {
  renderActionResult,
  renderApplySummary,
  renderPlanHuman,
  renderRecovery,
} from '../render/index.js';
import { reportSpecErrors } from '../spec-errors.js';
import { UserError } from '../user-error.js';
import { loadWorkspace, progressReporter, withReconcileApp } from '../workspace.js';
import { parseCustomers } from './plan.js';
import { readAwaitingPlan } from './show.js';
import { applyShardOption, SHARD_HELP } from './shard-option.js';

interface ApplyOptions {
  config?: string;
  autoApprove?: boolean;
  customer?: string[];
  shard?: string;
  planId?: string;
}

/**
 * `qm apply [PLANFILE]`: applies a saved plan exactly (refused when stale), or plans afresh and
 * asks for confirmation (`--auto-approve` skips the question). `--plan-id ID` applies a plan the
 * daemon saved for review in the state store, exactly as a file. Holds the state lease.
 */
export const registerApply: CommandRegistrar = (program: Command, ctx: CommandContext) => {
  program
    .command('apply')
    .description('apply a saved plan exactly, or plan and confirm; writes to Partner Center')
    .argument('[planfile]', 'a plan saved by `qm plan --out`')
    .option(
      '--auto-approve',
      'apply without asking (a fresh plan only; a saved plan is already reviewed)',
    )
    .option('--plan-id <id>', 'apply a plan awaiting review in the state store (`qm status`)')
    .option('--customer <id...>', 'only these customer ids (fresh plan only)')
    .option('--shard <i/n>', SHARD_HELP)
    .action(async (planFile: string | undefined, _o: unknown, command: Command) => {
      const opts = command.optsWithGlobals<ApplyOptions>();
      const { io } = ctx;
      if (planFile !== undefined && opts.planId !== undefined)
        throw new UserError('invalid-argument', 'give a plan file or --plan-id, not both');
      const fromFile =
        planFile === undefined ? undefined : { plan: readPlanFile(planFile), path: planFile };
      const reviewed = fromFile !== undefined || opts.planId !== undefined;
      if (reviewed && opts.customer !== undefined) {
        throw new UserError(
          'invalid-argument',
          '--customer cannot narrow a saved plan; plan again with --customer',
        );
      }
      const interactive = !reviewed && opts.autoApprove !== true;
      if (interactive && !io.isTty) {
        throw new UserError(
          'confirmation-required',
          'apply without a plan file asks for confirmation, but standard input is not a terminal: pass --auto-approve, or save a plan with `qm plan --out FILE` and run `qm apply FILE`',
        );
      }
      const workspace = applyShardOption(loadWorkspace(io, opts.config), opts.shard);
      const saved =
        opts.planId === undefined
          ? fromFile
          : {
              plan: readAwaitingPlan(io, workspace.config.state, opts.planId),
              path: { planId: opts.planId },
            };
      const customers = parseCustomers(opts.customer);
      const onProgress = progressReporter(io);
      const outcome = await withReconcileApp(io, workspace, (app) =>
        runCycle(app, workspace.desired, {
          command: 'apply',
          ...(customers === undefined ? {} : { customers }),
          ...(saved === undefined ? {} : { saved }),
          ...(onProgress === undefined ? {} : { onProgress }),
          ...(interactive
            ? {
                confirm: async (plan: Plan) => {
                  io.out(renderPlanHuman(plan, { color: io.env['NO_COLOR'] === undefined }));
                  return askYes(io, 'Apply these actions?');
                },
              }
            : {}),
          onResult: (result) => io.out(renderActionResult(result)),
        }),
      );
      ctx.setExitCode(reportOutcome(ctx, outcome, workspace.config.specs));
    });
};

/**
 * Prints recovery notes, blocked items, spec errors (stderr, `file:line:col`) and the summary;
 * returns the exit code: 3 when an action failed, else 1 when the plan has spec errors (the rest
 * was applied), else 0.
 */
export function reportOutcome(
  ctx: CommandContext,
  outcome: CycleOutcome,
  specsDir: string,
): ExitCode {
  const code = reportApplied(ctx, outcome);
  const specErrors = reportSpecErrors(
    ctx.io,
    outcome.plan,
    specsDir,
    'the rest of the plan was handled as shown above',
  );
  return code === ExitCode.ok && specErrors > 0 ? ExitCode.error : code;
}

function reportApplied(ctx: CommandContext, outcome: CycleOutcome): ExitCode {
  const { io } = ctx;
  for (const line of renderRecovery(outcome.recovered)) io.err(line);
  for (const b of outcome.plan.blocked)
    io.out(`  blocked ${b.item} (${b.customerId}) [${b.code}]: ${b.reason}`);
  if (outcome.deferred.length > 0) {
    io.out(
      `${outcome.deferred.length} action(s) wait for review (not in policy.autoApply; saved as plan ${outcome.awaitingReview ?? '?'}): review them with \`qm show --plan-id ${outcome.awaitingReview ?? 'ID'}\`, then \`qm apply --plan-id ${outcome.awaitingReview ?? 'ID'}\`.`,
    );
  }
  if (outcome.outcome === 'aborted') {
    io.out('Apply cancelled; nothing was changed.');
    return ExitCode.ok;
  }
  if (outcome.report === undefined) {
    io.out('No changes to apply.');
    return ExitCode.ok;
  }
  io.out(renderApplySummary(outcome.report));
  return outcome.report.counts.failed > 0 ? ExitCode.applyFailed : ExitCode.ok;
}
