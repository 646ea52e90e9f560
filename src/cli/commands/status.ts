import type { Command } from 'commander';
import { buildStatusReport } from '../../agent/index.js';
import type { DesiredState } from '../../model/index.js';
import type { CommandContext, CommandRegistrar } from '../main.js';
import { renderStatusHuman, renderStatusJson } from '../render/index.js';
import { CUSTOMER_HELP, resolveCustomerSelectors } from '../customer-selector.js';
import { loadWorkspace, type Workspace } from '../workspace.js';
import { applyShardOption, SHARD_HELP, type ShardedWorkspace } from './shard-option.js';
import { openStateForReading } from './state-store-access.js';

/** How many plans awaiting review `qm status` lists (the newest). */
const AWAITING_SHOWN = 5;

/** `qm status` lists the renewals within this many days (`qm renewals` has them all). */
const RENEWALS_DAYS = 30;

/**
 * `qm status`: the inventory — per customer (by name) every spec item with seats, term,
 * autorenew, renewal, windows and state, and the unmanaged subscriptions — from the last
 * refresh with what the agent changed since folded in; purchases in flight, activation links,
 * the renewals of the next 30 days and the newest plans saved for review. Offline
 * (docs/cli-status-history.md).
 */
export const registerStatus: CommandRegistrar = (program: Command, ctx: CommandContext) => {
  program
    .command('status')
    .description(
      'the inventory: every item with seats, renewal, windows and state, from the last refresh and the journal (no network)',
    )
    .option('--customer <customer...>', CUSTOMER_HELP)
    .option('--json', 'print JSON')
    .option('--shard <i/n>', SHARD_HELP)
    .action((_o: unknown, command: Command) => {
      const opts = command.optsWithGlobals<{
        config?: string;
        customer?: string[];
        json?: boolean;
        shard?: string;
      }>();
      const all = loadWorkspace(ctx.io, opts.config);
      const workspace = applyShardOption(all, opts.shard);
      const desired = selectCustomers(all, workspace, opts.customer, ctx.io.cwd);
      const store = openStateForReading(ctx.io, workspace.config.state);
      try {
        const report = buildStatusReport(store, desired, new Date());
        const awaitingReview = store.plans.list(AWAITING_SHOWN).map((p) => ({
          id: p.id,
          savedAt: p.savedAt,
          actions: p.plan.actions.length,
        }));
        const view = { ...report, awaitingReview };
        if (opts.json === true) ctx.io.out(renderStatusJson(view));
        else for (const line of renderStatusHuman(view, RENEWALS_DAYS)) ctx.io.out(line);
      } finally {
        store.close();
      }
    });
};

/**
 * The customers `--customer` names — ids, names or spec files (cli/customer-selector.ts) — or
 * every spec customer in scope without it.
 * @throws UserError `unknown-customer`, `ambiguous-customer` as the selector does
 */
function selectCustomers(
  all: Workspace,
  sharded: ShardedWorkspace,
  values: readonly string[] | undefined,
  cwd: string,
): DesiredState {
  const shard = sharded.shard;
  const ids = resolveCustomerSelectors(values, sharded.desired, sharded.config.specs, cwd, {
    ...(shard === undefined
      ? {}
      : {
          narrowedFrom: { desired: all.desired, name: `shard ${shard.index}/${shard.count}` },
        }),
  });
  if (ids === undefined) return sharded.desired;
  const wanted = new Set<string>(ids);
  return { customers: sharded.desired.customers.filter((c) => wanted.has(c.id)) };
}
