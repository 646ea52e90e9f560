import type { Command } from 'commander';
import type { ItemKey, OrderId } from '../../model/index.js';
import { resetStateStore } from '../../state/index.js';
import { askYes } from '../confirm.js';
import type { CommandContext, CommandRegistrar } from '../main.js';
import { UserError } from '../user-error.js';
import { SHARD_HELP } from './shard-option.js';
import { customerArg, moveItem, settleRow, unbindItem, type Settlement } from './state-repairs.js';
import { registerStateReshard } from './state-reshard.js';
import { listState, renderStateList } from './state-list.js';
import { loadStateConfig, openStateForReading, repairUnderLease } from './state-store-access.js';

interface StateOptions {
  config?: string;
  shard?: string;
  json?: boolean;
  succeeded?: boolean;
  failed?: boolean;
  order?: string;
  reason?: string;
  yes?: boolean;
}

/**
 * `qm state list|settle|unbind|mv|reset|reshard`: inspect and repair the state store. Every change
 * runs under the writer lease and is recorded as a run in `qm history`. Never calls Partner
 * Center. Reference: docs/state-command.md.
 */
export const registerState: CommandRegistrar = (program: Command, ctx: CommandContext) => {
  const state = program
    .command('state')
    .description(
      'inspect and repair the state store (rows in doubt, bindings); never calls Partner Center',
    );
  const configOf = (command: Command) => {
    const opts = command.optsWithGlobals<StateOptions>();
    return { opts, config: loadStateConfig(ctx.io, opts.config, opts.shard) };
  };
  const done = (text: string) => ctx.io.out(text);

  state
    .command('list')
    .description(
      'journal rows in doubt (in-flight, unknown), purchases in flight and bindings (read-only)',
    )
    .option('--json', 'print JSON')
    .option('--shard <i/n>', SHARD_HELP)
    .action((_o: unknown, command: Command) => {
      const { opts, config } = configOf(command);
      const store = openStateForReading(ctx.io, config.state);
      try {
        const listing = listState(store);
        if (opts.json === true)
          ctx.io.out(JSON.stringify({ formatVersion: 1, ...listing }, null, 2));
        else renderStateList(listing, ctx.io.out);
      } finally {
        store.close();
      }
    });

  state
    .command('settle')
    .description(
      'settle a journal row in doubt by hand: --succeeded --order ORDER_ID, or --failed --reason TEXT',
    )
    .argument('<row>', 'journal row id (qm state list)')
    .option('--succeeded', 'the call took effect')
    .option('--order <orderId>', 'with --succeeded: the order it placed')
    .option('--failed', 'the call did not take effect')
    .option('--reason <text>', 'with --failed: why you know')
    .option('--shard <i/n>', SHARD_HELP)
    .action((rowArg: string, _o: unknown, command: Command) => {
      const { opts, config } = configOf(command);
      const id = Number(rowArg);
      if (!Number.isInteger(id) || id <= 0)
        throw new UserError('invalid-argument', `${rowArg} is not a journal row id`);
      const how = settlementOf(opts);
      const result = repairUnderLease(config.state, 'state settle', (store) =>
        settleRow(store, id, how, new Date()),
      );
      done(result.detail);
    });

  state
    .command('unbind')
    .description('forget which live subscription a spec item manages')
    .argument('<customerId>', 'customer tenant id (GUID)')
    .argument('<item>', 'spec item key')
    .option('--shard <i/n>', SHARD_HELP)
    .action((customer: string, item: string, _o: unknown, command: Command) => {
      const { config } = configOf(command);
      const customerId = customerArg(customer);
      done(
        repairUnderLease(config.state, 'state unbind', (s) =>
          unbindItem(s, customerId, item as ItemKey),
        ).detail,
      );
    });

  state
    .command('mv')
    .description('rename a spec item key, keeping its binding and its journal rows')
    .argument('<customerId>', 'customer tenant id (GUID)')
    .argument('<oldKey>', 'the key the state knows')
    .argument('<newKey>', 'the key the spec now uses')
    .option('--shard <i/n>', SHARD_HELP)
    .action((customer: string, from: string, to: string, _o: unknown, command: Command) => {
      const { config } = configOf(command);
      const customerId = customerArg(customer);
      const result = repairUnderLease(config.state, 'state mv', (s) =>
        moveItem(s, customerId, from as ItemKey, to as ItemKey),
      );
      done(result.detail);
    });

  state
    .command('reset')
    .description(
      'start a new empty state store on purpose, keeping the old file as a timestamped .bak',
    )
    .option('--yes', 'do not ask for confirmation')
    .option('--shard <i/n>', SHARD_HELP)
    .action(async (_o: unknown, command: Command) => {
      const { opts, config } = configOf(command);
      if (opts.yes !== true) {
        if (!ctx.io.stdinIsTty)
          throw new UserError(
            'confirmation-required',
            'qm state reset forgets every binding and journal row; pass --yes to confirm',
          );
        const ok = await askYes(ctx.io, `Start a new empty state store at ${config.state}?`);
        if (!ok) throw new UserError('aborted', 'reset aborted; nothing changed');
      }
      const result = resetStateStore(config.state, `${process.pid}:state reset`);
      done(
        `${result.detail}. No purchase is made for a customer until the order-list delay has passed since ${result.resetAt} with that customer observed.`,
      );
    });

  registerStateReshard(state, ctx);
};

function settlementOf(opts: StateOptions): Settlement {
  if (opts.succeeded === true && opts.failed !== true && opts.order !== undefined) {
    return { status: 'succeeded', orderId: opts.order as OrderId };
  }
  if (
    opts.failed === true &&
    opts.succeeded !== true &&
    opts.reason !== undefined &&
    opts.reason.trim() !== ''
  ) {
    return { status: 'failed', reason: opts.reason };
  }
  throw new UserError(
    'invalid-argument',
    'say how the row ended: --succeeded --order ORDER_ID, or --failed --reason TEXT',
  );
}
