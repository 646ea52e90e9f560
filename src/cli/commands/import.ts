import type { Command } from 'commander';
import { importCustomer, renderImportYaml, withLease } from '../../agent/index.js';
import { parseCustomerId } from '../../model/index.js';
import type { CommandContext, CommandRegistrar } from '../main.js';
import { UserError } from '../user-error.js';
import { loadWorkspace, withReconcileApp } from '../workspace.js';
import { applyShardOption, SHARD_HELP } from './shard-option.js';

/** `qm import CUSTOMER_ID`: bind matching live subscriptions; print YAML for the rest. */
export const registerImport: CommandRegistrar = (program: Command, ctx: CommandContext) => {
  program
    .command('import')
    .description(
      "bind a customer's live subscriptions to matching spec items and print YAML for the others",
    )
    .argument('<customerId>', 'customer tenant id (GUID)')
    .option('--dry-run', 'show what would be bound without binding')
    .option('--shard <i/n>', SHARD_HELP)
    .action(async (customerArg: string, _o: unknown, command: Command) => {
      const opts = command.optsWithGlobals<{ config?: string; dryRun?: boolean; shard?: string }>();
      const customerId = parseCustomerId(customerArg);
      if (customerId === undefined)
        throw new UserError(
          'invalid-argument',
          `${customerArg} is not a customer tenant id (a GUID)`,
        );
      const all = loadWorkspace(ctx.io, opts.config);
      const workspace = applyShardOption(all, opts.shard);
      const inSpecs = all.desired.customers.some((c) => c.id === customerId);
      if (inSpecs && !workspace.desired.customers.some((c) => c.id === customerId)) {
        throw new UserError(
          'wrong-shard',
          `customer ${customerId} belongs to another shard than ${opts.shard}: run qm import with that customer's shard (docs/scale.md)`,
        );
      }
      const dryRun = opts.dryRun === true;
      const result = await withReconcileApp(ctx.io, workspace, (app) =>
        withLease(app, 'import', () =>
          importCustomer(app, workspace.desired.customers, customerId, dryRun),
        ),
      );
      const { out } = ctx.io;
      for (const b of result.bound)
        out(
          `${dryRun ? 'would bind' : 'bound'} ${b.item} → ${b.subscription.id} (${b.subscription.friendlyName}, ${b.subscription.quantity} seats)`,
        );
      for (const a of result.ambiguous) {
        out(
          `ambiguous ${a.item}: ${a.candidates.length} live subscriptions match (${a.candidates.map((c) => c.id).join(', ')}); set subscriptionId: on the item to choose`,
        );
      }
      if (result.unclaimed.length > 0) {
        out('Live subscriptions no spec item covers; to manage them add under `subscriptions:`:');
        out(renderImportYaml(result.unclaimed));
      }
      if (
        result.bound.length === 0 &&
        result.ambiguous.length === 0 &&
        result.unclaimed.length === 0
      )
        out('Nothing to import: every live subscription is bound or covered.');
    });
};
