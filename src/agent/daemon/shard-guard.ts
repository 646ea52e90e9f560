import { readdirSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { OperationalError } from '../../support/index.js';
import type { ShardLayoutPort } from '../ports.js';
import { parseShard, shardOf, shardStatePath, type Shard } from './shard.js';

/** What a state file records as its layout: `unsharded`, or `i/n` (n > 1). */
export function shardLayoutOf(shard: Shard | undefined): string {
  return shard === undefined || shard.count === 1 ? 'unsharded' : `${shard.index}/${shard.count}`;
}

/**
 * Refuses a reconciling run (plan, apply, run, import) whose shard layout conflicts with the
 * state files around it, so an unsharded run and a `--shard` run never both manage a customer:
 * - its own state file records another layout;
 * - unsharded, while shard state files (`<stem>.shard-i-of-n<ext>`) beside it hold bindings or
 *   journal rows;
 * - `--shard i/n`, while the unsharded state file beside it holds bindings or journal rows for
 *   a customer of shard i, or a shard file of another count (`i/m`, m ≠ n) holds any: n changed
 *   without `qm state reshard`.
 * Then records the run's layout in its state file (first write only). Call it once the state
 * file is open. Each message names both layouts and what to do (docs/scale.md).
 * @throws OperationalError `shard-layout-mismatch`
 */
export function assertShardLayout(
  port: ShardLayoutPort,
  options: { readonly baseStatePath: string; readonly shard?: Shard },
): void {
  const { baseStatePath, shard } = options;
  const layout = shardLayoutOf(shard);
  const own = shard === undefined ? baseStatePath : shardStatePath(baseStatePath, shard);
  const recorded = port.read(own);
  if (recorded !== undefined && recorded !== layout) {
    refuse(
      `the state file ${own} records shard layout ${recorded}, but this run is ${layout}`,
      `run with ${flagOf(recorded)}, or move its state with \`qm state\` (docs/scale.md)`,
    );
  }
  if (layout === 'unsharded') {
    for (const path of shardFilesBeside(baseStatePath)) {
      const customers = port.customersWithHistory(path);
      if (customers.length === 0) continue;
      const theirs = port.read(path) ?? layoutFromName(path);
      refuse(
        `this run is unsharded, but the shard state file ${path} (layout ${theirs}) holds bindings or journal rows for ${customers.length} customer(s)`,
        `run with ${flagOf(theirs)} as before, or move that state into ${baseStatePath} with \`qm state\` (docs/scale.md) first`,
      );
    }
  } else if (shard !== undefined) {
    // Another shard count's files still holding state: n changed without `qm state reshard`.
    for (const path of shardFilesBeside(baseStatePath)) {
      const theirs = parseShard(layoutFromName(path));
      if (!theirs.ok || theirs.shard.count === shard.count) continue;
      const customers = port.customersWithHistory(path);
      if (customers.length === 0) continue;
      refuse(
        `this run is shard ${layout}, but the shard state file ${path} (layout ${theirs.shard.index}/${theirs.shard.count}) holds bindings or journal rows for ${customers.length} customer(s)`,
        `run with --shard i/${theirs.shard.count} as before, or move the state to ${shard.count} shard files with \`qm state reshard --to ${shard.count}\` (docs/scale.md) first`,
      );
    }
    const mine = port
      .customersWithHistory(baseStatePath)
      .filter((id) => shardOf(id, shard.count) === shard.index);
    if (mine.length > 0) {
      refuse(
        `this run is shard ${layout}, but the unsharded state file ${baseStatePath} (layout unsharded) holds bindings or journal rows for ${mine.length} customer(s) of this shard (${mine.slice(0, 3).join(', ')}${mine.length > 3 ? ', …' : ''})`,
        `run without --shard as before, or move their state to ${own} with \`qm state\` (docs/scale.md) first`,
      );
    }
  }
  port.record(own, layout);
}

function refuse(what: string, todo: string): never {
  throw new OperationalError('shard-layout-mismatch', `${what}; ${todo}`);
}

function flagOf(layout: string): string {
  return layout === 'unsharded' ? 'no --shard' : `--shard ${layout}`;
}

/** Shard state files of `statePath` in its folder (any i, n), sorted by name. */
export function shardFilesBeside(statePath: string): string[] {
  const folder = dirname(statePath);
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return []; // no folder yet: no shard files either
  }
  const pattern = shardFilePattern(statePath);
  return names
    .filter((name) => pattern.test(name))
    .sort()
    .map((name) => join(folder, name));
}

/** The layout `i/n` a shard state file's name says (`unknown` for another name). */
export function layoutFromName(path: string): string {
  const match = /\.shard-(\d+)-of-(\d+)/.exec(basename(path));
  return match === null ? 'unknown' : `${match[1]}/${match[2]}`;
}

function shardFilePattern(statePath: string): RegExp {
  const ext = extname(statePath);
  const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${escape(basename(statePath, ext))}\\.shard-\\d+-of-\\d+${escape(ext)}$`);
}
