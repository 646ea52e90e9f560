import { afterEach, describe, expect, it } from 'vitest';
import { createBindingPort, createJournalPort } from '../../src/app/state-ports.js';
import { recoverUnsettled, type ApplierPorts } from '../../src/applier/index.js';
import type { ItemKey } from '../../src/model/index.js';
import { openStateStore, type StateStore } from '../../src/state/index.js';
import { makeTempDirs } from './builders.js';
import { anIntent } from './lease-builders.js';

const temp = makeTempDirs();
let store: StateStore | undefined;
afterEach(() => {
  store?.close();
  temp.cleanup();
});

describe('a row in doubt blocks its own item only', () => {
  it('records a failed re-drive of an unknown row without a transition error', () => {
    store = openStateStore(temp.dbPath());
    const row = store.journal.begin(anIntent(33));
    store.journal.settle(row.id, { status: 'unknown', errorCode: 'timeout', errorMessage: 'first' });
    const again = store.journal.settle(row.id, { status: 'unknown', errorCode: '503', errorMessage: 'second' });
    expect(again).toMatchObject({ status: 'unknown', errorCode: '503', errorMessage: 'second' });
    expect(again.settledAt).toBeUndefined();
  });

  it('lets recovery move past a checkout whose re-drive fails again, to the next row', async () => {
    store = openStateStore(temp.dbPath());
    const stuck = store.journal.begin({ ...anIntent(33), item: 'stuck' as ItemKey });
    store.journal.settle(stuck.id, { status: 'unknown', errorCode: 'timeout' });
    const next = store.journal.begin({ ...anIntent(34), item: 'next' as ItemKey });
    const partnerCenter = {
      checkout: (_c: string, cartId: string) =>
        cartId === 'cart-33'
          ? Promise.reject(new Error('unreachable'))
          : Promise.resolve({ orders: [{ id: 'ord-34' }], orderErrors: [] }),
      classifyFailure: () => ({ class: 'outcome-unknown', code: 'network', message: 'unreachable' }),
    };
    const ports = {
      journal: createJournalPort(store, undefined),
      bindings: createBindingPort(store),
      partnerCenter,
      now: () => new Date('2026-01-01T00:00:00Z'),
    } as unknown as ApplierPorts;

    const notes = await recoverUnsettled(ports);
    expect(notes.map((n) => [n.rowId, n.outcome])).toEqual([
      [stuck.id, 'unknown'],
      [next.id, 'succeeded'],
    ]);
    expect(store.journal.get(stuck.id)?.status).toBe('unknown');
    expect(store.listInFlightPurchases().map((p) => p.item)).toEqual(['stuck']);
  });
});
