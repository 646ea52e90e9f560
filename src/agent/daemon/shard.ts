import { createHash } from 'node:crypto';
import { basename, dirname, extname, join } from 'node:path';
import type { AgentConfig } from '../../config/index.js';
import type { DesiredSource, DesiredState } from '../../model/index.js';

/** The client's default budget per route family per minute (docs/partner-center-api.md §1.7). */
export const DEFAULT_RATE_BUDGET_PER_MINUTE = 500;

/** One slice of the estate: shard `index` (0-based) of `count`. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/**
 * Parses `--shard i/n`: `i` is 0-based (a Kubernetes Indexed Job's `JOB_COMPLETION_INDEX`),
 * `0 <= i < n`, `1 <= n <= 1024`. Returns a message for anything else.
 */
export function parseShard(
  text: string,
): { ok: true; shard: Shard } | { ok: false; message: string } {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (match === null || count < 1 || count > 1024 || index >= count) {
    return {
      ok: false,
      message: `--shard ${text} must be i/n with 0 <= i < n <= 1024 (0-based, e.g. 0/3, 1/3, 2/3)`,
    };
  }
  return { ok: true, shard: { index, count } };
}

/**
 * The shard that owns a customer: the first 32 bits of SHA-256 of the lower-cased tenant id,
 * modulo `count`. Stable across processes, machines and releases, and independent of which
 * other customers exist, so adding a customer never moves another one between shards.
 */
export function shardOf(customerId: string, count: number): number {
  const digest = createHash('sha256').update(customerId.toLowerCase()).digest();
  return digest.readUInt32BE(0) % count;
}

/** The customers of `desired` that `shard` owns (every customer for 0/1). */
export function selectShard(desired: DesiredState, shard: Shard): DesiredState {
  if (shard.count === 1) return desired;
  return { customers: desired.customers.filter((c) => shardOf(c.id, shard.count) === shard.index) };
}

/** `selectShard` for a source: its index narrowed to the shard; loading is unchanged. */
export function selectShardSource(source: DesiredSource, shard: Shard): DesiredSource {
  if (shard.count === 1) return source;
  return {
    ...source,
    index: source.index.filter((c) => shardOf(c.id, shard.count) === shard.index),
  };
}

/**
 * The state file of a shard: `quartermaster.db` → `quartermaster.shard-1-of-3.db`, next to it.
 * Shards never share a state file, so they never contend for the lease or see each other's
 * bindings; re-sharding (changing n) starts new files (docs/scale.md says how to migrate).
 */
export function shardStatePath(statePath: string, shard: Shard): string {
  if (shard.count === 1) return statePath;
  const ext = extname(statePath);
  const stem = basename(statePath, ext);
  return join(dirname(statePath), `${stem}.shard-${shard.index}-of-${shard.count}${ext}`);
}

/**
 * The config one shard runs with: its own state file, and an equal share of the rate budget
 * (`partnerCenter.rateLimitPerMinute`, default 500, divided by n and rounded down, at least 1),
 * so n shards together stay within the per-tenant limit the budget was sized for.
 */
export function shardConfig(config: AgentConfig, shard: Shard): AgentConfig {
  if (shard.count === 1) return config;
  const budget = config.partnerCenter.rateLimitPerMinute ?? DEFAULT_RATE_BUDGET_PER_MINUTE;
  return {
    ...config,
    state: shardStatePath(config.state, shard),
    partnerCenter: {
      ...config.partnerCenter,
      rateLimitPerMinute: Math.max(1, Math.floor(budget / shard.count)),
    },
  };
}
