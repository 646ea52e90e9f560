import { parseShard, selectShard, shardConfig, type Shard } from '../../agent/index.js';
import { UserError } from '../user-error.js';
import type { Workspace } from '../workspace.js';

/** The `--shard i/n` help text, shared by plan, apply and run. */
export const SHARD_HELP =
  'only the customers of shard i of n (0-based; stable hash of the customer id); own state file, rate budget / n';

/**
 * Narrows a workspace to one shard: its customers, its own state file, its share of the rate
 * budget (docs/scale.md). No flag = the whole workspace.
 * @throws UserError `invalid-argument` for a malformed `--shard`
 */
export function applyShardOption(
  workspace: Workspace,
  text: string | undefined,
): Workspace & { shard?: Shard } {
  if (text === undefined) return workspace;
  const parsed = parseShard(text);
  if (!parsed.ok) throw new UserError('invalid-argument', parsed.message);
  const { shard } = parsed;
  return {
    config: shardConfig(workspace.config, shard),
    desired: selectShard(workspace.desired, shard),
    shard,
  };
}
