import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { shardOf } from '../../src/agent/index.js';
import { readShardLayout } from '../../src/state/index.js';
import { CONTOSO, E2e, exchangeItem } from '../e2e/harness.js';

/**
 * Issue 14: "an unsharded run and a --shard run can both manage one customer". Each state file
 * records its shard layout; a run that would manage customers another layout's state file
 * already manages is refused, saying which layouts clash and what to do.
 */
describe('shard layout guard (built CLI, sandbox)', () => {
  let e2e: E2e;
  const mine = `${shardOf(CONTOSO, 2)}/2`;
  const other = `${1 - shardOf(CONTOSO, 2)}/2`;
  const statePath = (name: string): string => join(e2e.dir, 'state', name);
  const shardFile = `qm.shard-${shardOf(CONTOSO, 2)}-of-2.db`;

  beforeEach(async () => {
    e2e = await E2e.start();
    e2e.writeContoso(exchangeItem());
  });
  afterEach(async () => e2e.close());

  it('refuses a --shard run while the unsharded state manages a customer of that shard', async () => {
    const unsharded = await e2e.qm('apply', '--auto-approve');
    expect(unsharded.code, unsharded.stdout + unsharded.stderr).toBe(0);

    for (const command of [['plan'], ['apply', '--auto-approve'], ['run', '--once']]) {
      const run = await e2e.qm(...command, '--shard', mine);
      expect(run.code, run.stdout).toBe(1);
      expect(run.stderr).toContain('shard-layout-mismatch');
      expect(run.stderr).toContain(`this run is shard ${mine}`);
      expect(run.stderr).toContain(`unsharded state file ${statePath('qm.db')}`);
      expect(run.stderr).toContain('run without --shard');
      expect(run.stderr).toContain('qm state');
      expect(run.stderr).toContain('docs/scale.md');
    }
    expect(readShardLayout(statePath('qm.db'))).toBe('unsharded');
    expect(existsSync(statePath(shardFile))).toBe(true); // opened, but nothing recorded in it
    // The other shard owns none of the unsharded file's customers: it may run.
    const theirs = await e2e.qm('plan', '--shard', other);
    expect(theirs.code, theirs.stderr).toBe(0);
    expect(e2e.sandbox.state.orders(CONTOSO)).toHaveLength(1);
  }, 90_000);

  it('refuses an unsharded run while shard state files hold bindings or journal rows', async () => {
    const sharded = await e2e.qm('apply', '--auto-approve', '--shard', mine);
    expect(sharded.code, sharded.stdout + sharded.stderr).toBe(0);

    for (const command of [['plan'], ['apply', '--auto-approve']]) {
      const run = await e2e.qm(...command);
      expect(run.code, run.stdout).toBe(1);
      expect(run.stderr).toContain('shard-layout-mismatch');
      expect(run.stderr).toContain(`this run is unsharded, but the shard state file`);
      expect(run.stderr).toContain(`${shardFile} (layout ${mine})`);
      expect(run.stderr).toContain(`run with --shard ${mine} as before`);
      expect(run.stderr).toContain('docs/scale.md');
    }
    expect(readShardLayout(statePath(shardFile))).toBe(mine);
    expect(e2e.sandbox.state.orders(CONTOSO)).toHaveLength(1);
  }, 90_000);

  it('refuses a state file whose recorded layout differs from the run', async () => {
    const sharded = await e2e.qm('apply', '--auto-approve', '--shard', mine);
    expect(sharded.code, sharded.stdout + sharded.stderr).toBe(0);
    copyFileSync(statePath(shardFile), statePath('qm.db'));
    const run = await e2e.qm('plan');
    expect(run.code, run.stdout).toBe(1);
    expect(run.stderr).toContain(
      `the state file ${statePath('qm.db')} records shard layout ${mine}, but this run is unsharded`,
    );
    expect(run.stderr).toContain(`run with --shard ${mine}`);
  }, 90_000);
});
