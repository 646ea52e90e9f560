import type { Command } from 'commander';
import { shardOf } from '../../agent/index.js';
import { parseCustomerId } from '../../model/index.js';
import type { CommandContext, CommandRegistrar } from '../main.js';
import { UserError } from '../user-error.js';
import { runImportAll } from './import-all.js';
import { runImportOne } from './import-one.js';
import { loadImportWorkspace } from './import-workspace.js';
import { applyShardOption, SHARD_HELP } from './shard-option.js';

/** The options of `qm import` (docs/cli-import.md). */
export interface ImportOptions {
  readonly config?: string;
  readonly all?: boolean;
  readonly print?: boolean;
  readonly dryRun?: boolean;
  readonly pageSize?: string;
  readonly shard?: string;
}

/**
 * `qm import CUSTOMER_ID` and `qm import --all`: adopt live subscriptions into the specs
 * (docs/cli-import.md). Reads Partner Center, never writes to it; writes spec files and
 * bindings, under the lease.
 */
export const registerImport: CommandRegistrar = (program: Command, ctx: CommandContext) => {
  program
    .command('import')
    .description(
      'adopt live subscriptions: bind them to spec items and write the items the specs lack (never writes to Partner Center)',
    )
    .argument('[customerId]', 'customer tenant id (GUID); or --all')
    .option(
      '--all',
      'every customer of the partner with live subscriptions and no spec: a new spec file each',
    )
    .option('--print', 'one customer: print the YAML on stdout instead of writing a file')
    .option('--dry-run', 'say what would be written and bound; write nothing')
    .option('--page-size <n>', 'with --all: customers per GET /v1/customers page (default 100)')
    .option('--shard <i/n>', SHARD_HELP)
    .action(async (customerArg: string | undefined, _o: unknown, command: Command) => {
      const opts = command.optsWithGlobals<ImportOptions>();
      if (opts.all === true) {
        if (customerArg !== undefined)
          throw new UserError(
            'invalid-argument',
            `give either a customer id or --all, not both (got ${customerArg} and --all)`,
          );
        if (opts.print === true)
          throw new UserError(
            'invalid-argument',
            '--print is for one customer (qm import <customer-id> --print > specs/<name>.yaml); --all writes one file per customer, or shows them with --dry-run',
          );
        await runImportAll(ctx, opts, parsePageSize(opts.pageSize));
        return;
      }
      if (customerArg === undefined)
        throw new UserError(
          'invalid-argument',
          'give a customer tenant id (qm import <customer-id>; qm customers lists them) or --all for every customer without a spec',
        );
      if (opts.pageSize !== undefined)
        throw new UserError(
          'invalid-argument',
          '--page-size applies to --all (the customer list); qm import <customer-id> reads no list',
        );
      const customerId = parseCustomerId(customerArg);
      if (customerId === undefined)
        throw new UserError(
          'invalid-argument',
          `${customerArg} is not a customer tenant id (a GUID); qm customers lists the partner's customers with their ids`,
        );
      const all = loadImportWorkspace(ctx.io, opts.config);
      const workspace = applyShardOption(all, opts.shard);
      const { shard } = workspace;
      if (shard !== undefined && shardOf(customerId, shard.count) !== shard.index) {
        throw new UserError(
          'wrong-shard',
          `customer ${customerId} belongs to another shard than ${opts.shard}: run qm import with that customer's shard (docs/scale.md)`,
        );
      }
      await runImportOne(ctx, workspace, customerId, opts);
    });
};

/**
 * Parses `--page-size`: a whole number of customers, 1 or more.
 * @throws UserError `invalid-argument` naming the flag and the value
 */
export function parsePageSize(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = /^\s*\d+\s*$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < 1)
    throw new UserError(
      'invalid-argument',
      `--page-size ${value} is not a whole number of customers per page: give 1 or more, e.g. --page-size 100`,
    );
  return n;
}
