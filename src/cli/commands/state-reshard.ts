import type { Command } from 'commander';
import {
  layoutFromName,
  parseShard,
  shardFilesBeside,
  shardOf,
  shardStatePath,
} from '../../agent/index.js';
import {
  chooseReshard,
  inspectForReshard,
  reshardStateFiles,
  type ReshardResult,
  type StateFileLayout,
  type StateFileReport,
} from '../../state/index.js';
import type { CommandContext } from '../main.js';
import { UserError } from '../user-error.js';
import { loadStateConfig } from './state-store-access.js';

interface ReshardOptions {
  config?: string;
  to?: string;
  from?: string;
  json?: boolean;
}

/**
 * `qm state reshard --to N [--from M]`: moves every customer's state from the shard files of
 * the layout that holds it now (detected from the files beside the configured state file;
 * `--from` must agree) into the N files it hashes to, or finishes a reshard a crash
 * interrupted. Never calls Partner Center. Reference: docs/scale.md, docs/state-command.md.
 */
export function registerStateReshard(state: Command, ctx: CommandContext): void {
  state
    .command('reshard')
    .description(
      'move bindings, journal rows (in doubt too), snapshots and notices to the shard files their customers hash to under --shard i/N',
    )
    .requiredOption('--to <n>', 'the new number of shards (1 = the unsharded state file)')
    .option('--from <m>', 'the number of shards the state is in now (refused if it is not)')
    .option('--json', 'print JSON')
    .action((_o: unknown, command: Command) => {
      const opts = command.optsWithGlobals<ReshardOptions>();
      const to = countOption('--to', opts.to);
      const from = opts.from === undefined ? undefined : countOption('--from', opts.from);
      const base = loadStateConfig(ctx.io, opts.config).state;
      const files = layoutFiles(base)
        .map(inspectForReshard)
        .filter((f): f is StateFileReport => f !== undefined);
      const choice = chooseReshard(files, { to, ...(from === undefined ? {} : { from }) });
      if (choice.kind === 'nothing') {
        if (opts.json === true)
          ctx.io.out(
            JSON.stringify({ formatVersion: 1, moved: false, reason: choice.reason }, null, 2),
          );
        else ctx.io.out(`Nothing to move: ${choice.reason}.`);
        return;
      }
      const paths = (count: number): string[] =>
        Array.from({ length: count }, (_, index) => shardStatePath(base, { index, count }));
      const result = reshardStateFiles({
        ...(choice.resume === undefined ? {} : { id: choice.resume.id }),
        from: choice.from,
        to: choice.to,
        sources: paths(choice.from),
        destinations: paths(choice.to),
        destinationOf: (customerId) => shardOf(customerId, choice.to),
      });
      if (opts.json === true)
        ctx.io.out(JSON.stringify({ formatVersion: 1, moved: true, ...result }, null, 2));
      else renderReshard(result, ctx.io.out);
    });
}

/** The configured state file and every shard file beside it, with the layout each name says. */
function layoutFiles(base: string): StateFileLayout[] {
  const shards = shardFilesBeside(base).flatMap((path) => {
    const parsed = parseShard(layoutFromName(path));
    return parsed.ok ? [{ path, ...parsed.shard }] : [];
  });
  return [{ path: base, index: 0, count: 1 }, ...shards];
}

function countOption(flag: string, text: string | undefined): number {
  const parsed = parseShard(`0/${text ?? ''}`);
  if (!parsed.ok || !/^\s*\d+\s*$/.test(text ?? '')) {
    throw new UserError(
      'invalid-argument',
      `${flag} ${text ?? ''} must be a whole number of shards from 1 to 1024`,
    );
  }
  return parsed.shard.count;
}

function renderReshard(result: ReshardResult, out: (line: string) => void): void {
  const moved = result.destinations.reduce((n, d) => n + d.customers, 0);
  const flag = result.to === 1 ? 'no --shard' : `--shard i/${result.to}`;
  out(
    result.resumed
      ? `Finished the reshard from ${result.from} to ${result.to} shard file(s) that an earlier run started (${moved} more customer(s) moved now).`
      : `Moved ${moved} customer(s) from ${result.from} to ${result.to} shard file(s).`,
  );
  for (const d of result.destinations) {
    const rows = d.rows;
    out(
      `  ${d.path}: ${d.customers} customer(s), ${rows['binding'] ?? 0} binding(s), ${rows['journal'] ?? 0} journal row(s), ${rows['snapshot'] ?? 0} snapshot(s)`,
    );
  }
  if (result.rowsInDoubt.length > 0) {
    out(`Rows in doubt moved (new ids; settle them with ${flag}):`);
    for (const r of result.rowsInDoubt) {
      out(
        `  row ${r.from.id} of ${r.from.path} → row ${r.to.id} of ${r.to.path} (${r.kind} ${r.item ?? '-'} of ${r.customerId}, ${r.status})`,
      );
    }
  }
  out(
    `The old file(s) (${result.sources.map((s) => s.path).join(', ')}) now hold no customer and refuse writers: run with ${flag} from now on.`,
  );
}
