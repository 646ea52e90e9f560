import type { Command } from 'commander';
import { runCycle, writePlanFile } from '../../agent/index.js';
import { parseCustomerId, type CustomerId } from '../../model/index.js';
import { ExitCode } from '../exit-codes.js';
import type { CommandContext, CommandRegistrar } from '../main.js';
import { renderPlanHuman, renderPlanJson, renderPlanMarkdown } from '../render/index.js';
import { reportSpecErrors, specFileShown } from '../spec-errors.js';
import { CUSTOMER_HELP } from '../customer-selector.js';
import { collect, resolvePlanSelection, TARGET_HELP } from '../target-selector.js';
import { UserError } from '../user-error.js';
import { checkWriteBackOptions, reportWriteBack, WRITE_BACK_HELP } from '../write-back.js';
import { loadWorkspace, progressReporter, withReconcileApp } from '../workspace.js';
import { applyShardOption, SHARD_HELP } from './shard-option.js';

interface PlanOptions {
  config?: string;
  out?: string;
  json?: boolean;
  markdown?: boolean;
  shard?: string;
  detailedExitcode?: boolean;
  customer?: string[];
  target?: string[];
  writeBack?: boolean;
}

/**
 * `qm plan`: refresh live state and print the plan. Never writes to Partner Center; it only
 * records the snapshot and binds subscriptions of earlier purchases that became visible, under
 * a brief lease — while another writer holds the lease it plans but records nothing. Spec errors
 * in the plan (`unknown-product`, `sku-limits`, `no-availability`) are printed on stderr as
 * `file:line:col` diagnostics after the plan and make it exit 1. `--write-back` then writes the
 * plan's drift patches into the spec files (`reportWriteBack`); a refused patch exits 1. Drift
 * entries are not actions: they never make `--detailed-exitcode` exit 2.
 */
export const registerPlan: CommandRegistrar = (program: Command, ctx: CommandContext) => {
  program
    .command('plan')
    .description('refresh live state and show what apply would do (never writes to Partner Center)')
    .option('--out <file>', 'save the plan for `qm apply FILE`')
    .option('--json', 'print the plan as JSON (formatVersion 1)')
    .option('--markdown', 'print the plan as a pull-request comment (GitHub-flavoured markdown)')
    .option('--shard <i/n>', SHARD_HELP)
    .option(
      '--detailed-exitcode',
      'exit 2 when the plan has actions (blocked items alone do not count; spec errors exit 1)',
    )
    .option('--customer <customer...>', CUSTOMER_HELP)
    .option('--target <customer/item>', TARGET_HELP, collect)
    .option('--write-back', WRITE_BACK_HELP)
    .action(async (_o: unknown, command: Command) => {
      const opts = command.optsWithGlobals<PlanOptions>();
      if (opts.json === true && opts.markdown === true) {
        throw new UserError(
          'invalid-argument',
          '--json and --markdown choose different outputs; pick one',
        );
      }
      checkWriteBackOptions(opts);
      const all = loadWorkspace(ctx.io, opts.config, { streamed: true });
      const workspace = applyShardOption(all, opts.shard);
      const selection = resolvePlanSelection(opts, all, workspace, ctx.io.cwd);
      const onProgress = progressReporter(ctx.io);
      const { plan, notRecorded } = await withReconcileApp(ctx.io, workspace, (app) =>
        runCycle(app, workspace.source, {
          command: 'plan',
          ...selection,
          ...(onProgress === undefined ? {} : { onProgress }),
        }),
      );
      if (notRecorded !== undefined)
        ctx.io.err(
          `note: another writer holds the state lease, so this plan recorded nothing it observed (${notRecorded})`,
        );
      if (opts.out !== undefined) writePlanFile(opts.out, plan);
      ctx.io.out(
        opts.json === true
          ? renderPlanJson(plan)
          : opts.markdown === true
            ? renderPlanMarkdown(plan, {
                specFile: specFileShown(workspace.config.specs, ctx.io.cwd),
              })
            : renderPlanHuman(plan, {
                color: ctx.io.isTty && ctx.io.env['NO_COLOR'] === undefined,
                specFile: specFileShown(workspace.config.specs, ctx.io.cwd),
              }),
      );
      if (opts.out !== undefined && opts.json !== true && opts.markdown !== true)
        ctx.io.out(
          `Saved the plan to ${opts.out}; apply exactly this plan with \`qm apply ${opts.out}\`.`,
        );
      // Spec errors go red whatever else the plan holds (1 beats `--detailed-exitcode`'s 2).
      const specErrors = reportSpecErrors(
        ctx.io,
        plan,
        workspace.config.specs,
        'the rest of the plan is shown above',
      );
      const refused =
        opts.writeBack === true
          ? reportWriteBack(
              ctx.io,
              plan,
              workspace.config.specs,
              opts.json === true || opts.markdown === true,
            )
          : 0;
      ctx.setExitCode(
        specErrors > 0 || refused > 0
          ? ExitCode.error
          : opts.detailedExitcode === true && plan.actions.length > 0
            ? ExitCode.changes
            : ExitCode.ok,
      );
    });
};

/**
 * Parses `--customer` values as customer ids only (commands that take names and spec files use
 * `resolveCustomerSelectors`). @throws UserError `invalid-argument` for a non-GUID.
 */
export function parseCustomers(values: readonly string[] | undefined): CustomerId[] | undefined {
  if (values === undefined) return undefined;
  return values.map((value) => {
    const id = parseCustomerId(value);
    if (id === undefined)
      throw new UserError(
        'invalid-argument',
        `--customer ${value} is not a customer tenant id (a GUID)`,
      );
    return id;
  });
}
