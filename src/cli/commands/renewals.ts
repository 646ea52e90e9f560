import type { Command } from 'commander';
import { computeRenewals } from '../../agent/index.js';
import type { CommandContext, CommandRegistrar } from '../main.js';
import { renderRenewalsHuman, renderRenewalsJson } from '../render/index.js';
import { UserError } from '../user-error.js';
import { loadWorkspace, progressReporter, withReconcileApp } from '../workspace.js';
import { applyShardOption, SHARD_HELP } from './shard-option.js';

interface RenewalsOptions {
  config?: string;
  within?: string;
  json?: boolean;
  shard?: string;
}

/**
 * `qm renewals`: the renewal calendar of every managed subscription, read live from Partner
 * Center as `qm plan` reads (docs/cli-renewals.md). Never writes to Partner Center; records the
 * snapshots and price sheet cache as `qm plan` does, under a brief lease.
 */
export const registerRenewals: CommandRegistrar = (program: Command, ctx: CommandContext) => {
  program
    .command('renewals')
    .description(
      'the renewal calendar: dates, autorenew, what renews, open windows, price now and next (never writes to Partner Center)',
    )
    .option('--within <days>', 'only renewals within this many days of today (UTC)')
    .option('--json', 'print JSON (formatVersion 1)')
    .option('--shard <i/n>', SHARD_HELP)
    .action(async (_o: unknown, command: Command) => {
      const opts = command.optsWithGlobals<RenewalsOptions>();
      const within = parseWithin(opts.within);
      const workspace = applyShardOption(loadWorkspace(ctx.io, opts.config), opts.shard);
      const onProgress = progressReporter(ctx.io);
      const { report, notRecorded } = await withReconcileApp(ctx.io, workspace, (app) =>
        computeRenewals(app, workspace.desired, {
          ...(within === undefined ? {} : { within }),
          ...(onProgress === undefined ? {} : { onProgress }),
        }),
      );
      if (notRecorded !== undefined)
        ctx.io.err(
          `note: another writer holds the state lease, so qm renewals recorded nothing it observed (${notRecorded})`,
        );
      ctx.io.out(opts.json === true ? renderRenewalsJson(report) : renderRenewalsHuman(report));
    });
};

/**
 * Parses `--within`: whole days, 0 or more.
 * @throws UserError `invalid-argument` naming the flag and the value.
 */
export function parseWithin(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value.trim()))
    throw new UserError(
      'invalid-argument',
      `--within ${value} is not a whole number of days: give 0 or more, e.g. --within 30`,
    );
  return Number(value.trim());
}
