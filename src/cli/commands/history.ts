import type { Command } from 'commander';
import { createProductNames, describeProduct } from '../../agent/index.js';
import type { CommandContext, CommandRegistrar } from '../main.js';
import { loadConfigOrStop } from '../workspace.js';
import { applyShardToConfig, SHARD_HELP } from './shard-option.js';
import { openStateForReading } from './state-store-access.js';

interface HistoryOptions {
  config?: string;
  limit?: string;
  json?: boolean;
  shard?: string;
}

/** `qm history`: past runs and every mutating API call, from the journal. Read-only. */
export const registerHistory: CommandRegistrar = (program: Command, ctx: CommandContext) => {
  program
    .command('history')
    .description('past runs and every API call made, from the journal (read-only)')
    .option('--limit <n>', 'how many runs and calls to show', '20')
    .option('--json', 'print JSON')
    .option('--shard <i/n>', SHARD_HELP)
    .action((_o: unknown, command: Command) => {
      const opts = command.optsWithGlobals<HistoryOptions>();
      const config = applyShardToConfig(loadConfigOrStop(ctx.io, opts.config), opts.shard);
      const store = openStateForReading(ctx.io, config.state);
      try {
        const limit = Math.max(1, Number(opts.limit ?? 20) || 20);
        const runs = store.runs.listRuns(limit);
        const rows = store.journal.list({ limit });
        // Each call's product (display only), from what the store holds: agent/product-names.ts.
        const names = createProductNames(rows, {
          snapshots: store.snapshots.list(),
          bindings: store.bindings.list(),
        });
        const products = new Map(rows.map((row) => [row.id, names.ofRow(row)]));
        if (opts.json === true) {
          const calls = rows.map((row) => {
            const name = products.get(row.id)?.productName;
            return name === undefined ? row : { ...row, productName: name };
          });
          ctx.io.out(JSON.stringify({ formatVersion: 1, runs, calls }, null, 2));
          return;
        }
        ctx.io.out('Runs (newest first):');
        for (const r of runs) {
          const counts = Object.entries(r.counts ?? {})
            .map(([k, v]) => `${k}=${v}`)
            .join(' ');
          ctx.io.out(
            `  #${r.id} ${r.command} ${r.startedAt} → ${r.endedAt ?? 'running or died'} ${r.outcome ?? ''} ${counts}`.trimEnd(),
          );
        }
        ctx.io.out('API calls (newest first):');
        for (const c of rows) {
          const err = c.errorCode === undefined ? '' : ` [${c.errorCode}] ${c.errorMessage ?? ''}`;
          const orders = c.orderIds.length === 0 ? '' : ` orders ${c.orderIds.join(',')}`;
          const product = describeProduct(products.get(c.id) ?? {});
          const named = product === undefined ? '' : `: ${product},`;
          ctx.io.out(
            `  ${c.createdAt} run #${c.runId ?? '-'} ${c.kind}/${c.step ?? '-'} ${c.item ?? ''} (${c.customerId})${named} ${c.status} request ${c.requestId}${orders}${err}`,
          );
        }
      } finally {
        store.close();
      }
    });
};
