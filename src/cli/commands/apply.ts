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
import { CUSTOMER_HELP } from '../customer-selector.js';
import { collect, resolvePlanSelection, TARGET_HELP } from '../target-selector.js';
import { UserError } from '../user-error.js';
import { loadWorkspace, progressReporter, withReconcileApp } from '../workspace.js';
import { readAwaitingPlan } from './show.js';
import { applyShardOption, SHARD_HELP } from './shard-option.js';

interface ApplyOptions {
  config?: string;
  autoApprove?: boolean;
  customer?: string[];
  target?: string[];
  shard?: string;
  planId?: string;
}

/**
 * `qm apply [PLANFILE]`: applies a saved plan exactly (refused when stale), or plans afresh,
 * prints the plan and asks for confirmation on standard input's terminal (`--auto-approve` skips
 * the question, not the plan; an answer other than `yes` exits 1). `--plan-id ID` applies a plan
 * the daemon saved for review in the state store, exactly as a file. Holds the state lease.
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
    .option('--customer <customer...>', `${CUSTOMER_HELP} (fresh plan only)`)
    .option('--target <customer/item>', `${TARGET_HELP} (fresh plan only)`, collect)
    .option('--shard <i/n>', SHARD_HELP)
    .action(async (planFile: string | undefined, _o: unknown, command: Command) => {
      const opts = command.optsWithGlobals<ApplyOptions>();
      const { io } = ctx;
      if (planFile !== undefined && opts.planId !== undefined)
        throw new UserError('invalid-argument', 'give a plan file or --plan-id, not both');
      const fromFile =
        planFile === undefined ? undefined : { plan: readPlanFile(planFile), path: planFile };
      const reviewed = fromFile !== undefined || opts.planId !== undefined;
      if (reviewed && (opts.customer !== undefined || opts.target !== undefined)) {
        const flag = opts.customer === undefined ? '--target' : '--customer';
        throw new UserError(
          'invalid-argument',
          `${flag} cannot narrow a saved plan (it applies exactly what was reviewed); plan again with ${flag}`,
        );
      }
      const interactive = !reviewed && opts.autoApprove !== true;
      if (interactive && !io.stdinIsTty) {
        throw new UserError(
          'confirmation-required',
          'apply without a plan file asks for confirmation, but standard input is not a terminal: pass --auto-approve, or save a plan with `qm plan --out FILE` and run `qm apply FILE`',
        );
      }
      const all = loadWorkspace(io, opts.config, { streamed: true });
      const workspace = applyShardOption(all, opts.shard);
      const selection = resolvePlanSelection(opts, all, workspace, io.cwd);
      const saved =
        opts.planId === undefined
          ? fromFile
          : {
              plan: readAwaitingPlan(io, workspace.config.state, opts.planId),
              path: { planId: opts.planId },
            };
      const onProgress = progressReporter(io);
      const outcome = await withReconcileApp(io, workspace, (app) =>
        runCycle(app, workspace.source, {
          command: 'apply',
          ...selection,
          ...(saved === undefined ? {} : { saved }),
          ...(onProgress === undefined ? {} : { onProgress }),
          // A fresh plan is shown before anything is applied, asked about or not (Terraform).
          ...(reviewed
            ? {}
            : {
                onPlan: (plan: Plan) =>
                  io.out(
                    renderPlanHuman(plan, {
                      color: io.isTty && io.env['NO_COLOR'] === undefined,
                    }),
                  ),
              }),
          ...(interactive ? { confirm: () => askYes(io, 'Apply these actions?') } : {}),
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
    // Terraform's rule: a declined confirmation is an error, so a script notices.
    io.err(
      "error [apply-cancelled]: Apply cancelled: the answer was not 'yes', so nothing was changed. Run `qm apply` again to answer, or review a saved plan (`qm plan --out FILE`, then `qm apply FILE`)",
    );
    return ExitCode.error;
  }
  if (outcome.report === undefined) {
    io.out('No changes to apply.');
    return ExitCode.ok;
  }
  io.out(renderApplySummary(outcome.report));
  return outcome.report.counts.failed > 0 ? ExitCode.applyFailed : ExitCode.ok;
}
