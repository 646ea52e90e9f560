import { describe, expect, it } from 'vitest';
import {
  parseShard,
  selectShard,
  shardConfig,
  shardOf,
  shardStatePath,
} from '../../../src/agent/index.js';
import type { AgentConfig } from '../../../src/config/index.js';
import { DEFAULT_POLICY, type CustomerId, type DesiredState } from '../../../src/model/index.js';

const config: AgentConfig = {
  specs: '/w/specs',
  state: '/w/state/quartermaster.db',
  partnerCenter: { endpoint: { kind: 'sandbox' }, auth: { mode: 'none' }, concurrency: 8 },
  schedule: '*/30 * * * *',
  policy: DEFAULT_POLICY,
};

const ids = Array.from(
  { length: 1000 },
  (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
);

describe('shards', () => {
  it.each([
    ['0/1', { index: 0, count: 1 }],
    ['2/3', { index: 2, count: 3 }],
    [' 1 / 4 ', { index: 1, count: 4 }],
  ])('parses %j', (text, shard) => {
    expect(parseShard(text)).toEqual({ ok: true, shard });
  });

  it.each(['3/3', '1/0', '-1/3', 'a/b', '1', '1/3/5', '0/2000'])('refuses %j', (text) => {
    expect(parseShard(text).ok).toBe(false);
  });

  it('assigns by a stable hash: case-insensitive, independent of the rest of the estate, roughly even', () => {
    expect(shardOf('ABCDEF00-0000-4000-8000-000000000000', 7)).toBe(
      shardOf('abcdef00-0000-4000-8000-000000000000', 7),
    );
    // Pinned values: a change here would move every customer to another shard's state file.
    expect(ids.slice(0, 6).map((id) => shardOf(id, 3))).toEqual([2, 2, 0, 2, 0, 0]);
    const sizes = [0, 0, 0, 0];
    for (const id of ids) sizes[shardOf(id, 4)] = (sizes[shardOf(id, 4)] ?? 0) + 1;
    for (const n of sizes) expect(n).toBeGreaterThan(200);
  });

  it('partitions the desired state: every customer in exactly one shard', () => {
    const desired = {
      customers: ids.slice(0, 50).map((id) => ({ id: id as CustomerId })),
    } as unknown as DesiredState;
    const parts = [0, 1, 2].map((index) =>
      selectShard(desired, { index, count: 3 }).customers.map((c) => c.id),
    );
    expect(parts.flat().sort()).toEqual(ids.slice(0, 50).sort());
  });

  it('gives each shard its own state file and an equal share of the rate budget', () => {
    expect(shardStatePath('/w/state/quartermaster.db', { index: 1, count: 3 })).toBe(
      '/w/state/quartermaster.shard-1-of-3.db',
    );
    expect(shardStatePath('/w/state/qm', { index: 0, count: 2 })).toBe('/w/state/qm.shard-0-of-2');
    expect(shardConfig(config, { index: 2, count: 3 })).toMatchObject({
      state: '/w/state/quartermaster.shard-2-of-3.db',
      partnerCenter: { rateLimitPerMinute: 166 },
    });
    const budgeted = {
      ...config,
      partnerCenter: { ...config.partnerCenter, rateLimitPerMinute: 900 },
    };
    expect(shardConfig(budgeted, { index: 0, count: 4 }).partnerCenter.rateLimitPerMinute).toBe(
      225,
    );
    expect(shardConfig(config, { index: 0, count: 1 })).toBe(config);
  });
});
