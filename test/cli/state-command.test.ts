import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ActionKey, CustomerId, ItemKey, SubscriptionId } from '../../src/model/index.js';
import { createLeaseClaim, openStateStore } from '../../src/state/index.js';
import { makeWorkspace, runQm } from '../agent/daemon/qm-child.js';

/** `qm state …` through the built CLI (`npm run build` first), on a state file made here. */
const CUSTOMER = '0000000c-0000-4000-8000-000000000001' as CustomerId;
const SUB = '00000005-0000-4000-8000-000000000001' as SubscriptionId;

describe('qm state', () => {
  let ws: ReturnType<typeof makeWorkspace>;
  let statePath: string;
  beforeEach(() => {
    ws = makeWorkspace('qm-state-cmd-');
    ws.write(
      'agent.config.yaml',
      'specs: ./specs\nstate: ./state/qm.db\npartnerCenter:\n  endpoint: sandbox\n',
    );
    statePath = join(ws.dir, 'state', 'qm.db');
  });
  afterEach(() => ws.remove());

  /** A store with one unknown checkout (row 1) and one binding. */
  function seed(): number {
    const store = openStateStore(statePath);
    const row = store.journal.begin({
      actionKey: 'purchase:0000000000000001' as ActionKey,
      requestId: 'req-1',
      kind: 'purchase',
      step: 'checkout',
      customerId: CUSTOMER,
      item: 'exchange' as ItemKey,
      cartId: 'cart-1',
      request: { target: 'subscription' },
    });
    store.journal.settle(row.id, { status: 'unknown', errorCode: 'timeout' });
    store.bindings.put({
      customerId: CUSTOMER,
      item: 'premium' as ItemKey,
      kind: 'subscription',
      subscriptionId: SUB,
      boundAt: '2026-01-01T00:00:00.000Z',
    });
    store.close();
    return row.id;
  }

  it('lists rows in doubt, purchases in flight and bindings, as JSON too', async () => {
    const id = seed();
    const human = await runQm(ws.dir, ['state', 'list']);
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout).toContain(`#${id} unknown purchase/checkout exchange (${CUSTOMER})`);
    expect(human.stdout).toContain(`premium (${CUSTOMER}) → ${SUB}`);
    const json = JSON.parse((await runQm(ws.dir, ['state', 'list', '--json'])).stdout) as Record<
      string,
      unknown[]
    >;
    expect(json).toMatchObject({
      formatVersion: 1,
      rowsInDoubt: [{ id, status: 'unknown' }],
      inFlightPurchases: [{ item: 'exchange' }],
      bindings: [{ item: 'premium' }],
    });
  });

  it('settles a row in doubt by hand, binds its order, and records it in history', async () => {
    const id = seed();
    const settled = await runQm(ws.dir, [
      'state',
      'settle',
      String(id),
      '--succeeded',
      '--order',
      'ord-9',
    ]);
    expect(settled.code, settled.stderr).toBe(0);
    expect(settled.stdout).toContain(`settled row ${id}`);
    const again = await runQm(ws.dir, [
      'state',
      'settle',
      String(id),
      '--failed',
      '--reason',
      'oops',
    ]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`Journal row ${id}`);
    expect(again.stderr).toContain('already succeeded');
    const missing = await runQm(ws.dir, ['state', 'settle', '999', '--failed', '--reason', 'x']);
    expect(missing.stderr).toContain('There is no journal row 999');
    expect((await runQm(ws.dir, ['state', 'settle', String(id), '--succeeded'])).stderr).toContain(
      '--order ORDER_ID',
    );

    const store = openStateStore(statePath);
    expect(store.journal.get(id)).toMatchObject({ status: 'succeeded', orderIds: ['ord-9'] });
    expect(store.bindings.get(CUSTOMER, 'exchange' as ItemKey)).toMatchObject({
      orderId: 'ord-9',
      kind: 'subscription',
    });
    expect(store.runs.listRuns().map((r) => [r.command, r.outcome])).toEqual([
      ['state settle', 'failed'],
      ['state settle', 'failed'],
      ['state settle', 'succeeded'],
    ]);
    store.close();
    const history = await runQm(ws.dir, ['history']);
    expect(history.stdout).toContain('state settle');
  });

  it('renames an item keeping its binding and journal rows, and unbinds', async () => {
    const id = seed();
    const mv = await runQm(ws.dir, ['state', 'mv', CUSTOMER, 'exchange', 'exchange-online']);
    expect(mv.code, mv.stderr).toBe(0);
    expect((await runQm(ws.dir, ['state', 'mv', CUSTOMER, 'nope', 'other'])).stderr).toContain(
      `${CUSTOMER}/nope`,
    );
    expect((await runQm(ws.dir, ['state', 'unbind', CUSTOMER, 'premium'])).code).toBe(0);
    const notBound = await runQm(ws.dir, ['state', 'unbind', CUSTOMER, 'premium']);
    expect(notBound.code).toBe(1);
    expect(notBound.stderr).toContain(`${CUSTOMER} has no binding for premium`);
    const store = openStateStore(statePath);
    expect(store.journal.get(id)?.item).toBe('exchange-online');
    expect(store.bindings.list()).toEqual([]);
    store.close();
  });

  it('refuses a change while another writer holds the lease, naming it', async () => {
    seed();
    const store = openStateStore(statePath);
    const claim = createLeaseClaim('run');
    store.lease.acquire(claim, 60_000);
    const refused = await runQm(ws.dir, ['state', 'unbind', CUSTOMER, 'premium']);
    store.close();
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('lease-held');
    expect(refused.stderr).toContain(claim.id);
  });

  it('resets on purpose with --yes, keeping a .bak, and refuses without it when not on a terminal', async () => {
    seed();
    const refused = await runQm(ws.dir, ['state', 'reset']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('--yes');
    const reset = await runQm(ws.dir, ['state', 'reset', '--yes']);
    expect(reset.code, reset.stderr).toBe(0);
    expect(readdirSync(join(ws.dir, 'state')).filter((f) => f.endsWith('.bak'))).toHaveLength(1);
    const store = openStateStore(statePath);
    expect(store.origin().createdBy).toBe('reset');
    expect(store.resetAt()).toBeDefined();
    store.close();
  });

  it('refuses a damaged state file, saying to restore a backup or run qm state reset', async () => {
    seed();
    writeFileSync(statePath, '');
    for (const args of [['state', 'list'], ['history'], ['state', 'unbind', CUSTOMER, 'premium']]) {
      const result = await runQm(ws.dir, args);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('state-damaged');
      expect(result.stderr).toContain('qm state reset');
    }
  });

  it('lets history and state list read a missing store without creating it (exit 0)', async () => {
    for (const args of [['history'], ['state', 'list'], ['history', '--shard', '0/2']]) {
      const result = await runQm(ws.dir, args);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stderr).toContain('No state yet');
    }
    expect(existsSync(join(ws.dir, 'state'))).toBe(false);
  });
});
