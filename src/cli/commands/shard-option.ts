import {
  parseShard,
  selectShard,
  selectShardSource,
  shardConfig,
  type Shard,
} from '../../agent/index.js';
import type { AgentConfig } from '../../config/index.js';
import { UserError } from '../user-error.js';
import { lazyWorkspace, type Workspace } from '../workspace.js';

/** The `--shard i/n` help text, shared by every command that reads or writes a state file. */
export const SHARD_HELP =
  'only the customers of shard i of n (0-based; stable hash of the customer id); own state file, rate budget / n';

/** A workspace narrowed to `--shard` (or not), knowing the unsharded state path. */
export interface ShardedWorkspace extends Workspace {
  readonly shard?: Shard;
  /** The config's own (unsharded) state file; shard files sit beside it. */
  readonly baseStatePath: string;
}

/**
 * Narrows a workspace to one shard: its customers, its own state file, its share of the rate
 * budget (docs/scale.md). No flag = the whole workspace.
 * @throws UserError `invalid-argument` for a malformed `--shard`
 */
export function applyShardOption(workspace: Workspace, text: string | undefined): ShardedWorkspace {
  const baseStatePath = workspace.config.state;
  // No spread: a streamed workspace reads `desired` only when a command asks for it.
  if (text === undefined)
    return lazyWorkspace(
      { config: workspace.config, baseStatePath },
      workspace.source,
      () => workspace.desired,
    );
  const shard = parseShardOption(text);
  return lazyWorkspace(
    { config: shardConfig(workspace.config, shard), shard, baseStatePath },
    selectShardSource(workspace.source, shard),
    () => selectShard(workspace.desired, shard),
  );
}

/** The config of one shard (its state file), for commands that read only the state store. */
export function applyShardToConfig(config: AgentConfig, text: string | undefined): AgentConfig {
  return text === undefined ? config : shardConfig(config, parseShardOption(text));
}

function parseShardOption(text: string): Shard {
  const parsed = parseShard(text);
  if (!parsed.ok) throw new UserError('invalid-argument', parsed.message);
  return parsed.shard;
}
