import type { Database } from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createJournalPort } from '../../src/app/state-ports.js';
import { journalled } from '../../src/applier/journalled.js';
import type { ApplierPorts } from '../../src/applier/index.js';
import type { ActionKey, CustomerId, ItemKey } from '../../src/model/index.js';
import { openStateStore, type StateStore } from '../../src/state/index.js';
import { makeTempDirs } from './builders.js';
import { anIntent, caught } from './lease-builders.js';

const temp = makeTempDirs();
let store: StateStore | undefined;
afterEach(() => {
  store?.close();
  store = undefined;
  temp.cleanup();
});

/** Caps the file at its current size and fills what is left: the next new page is "disk full". */
function fillTheDisk(db: Database): void {
  db.pragma(`max_page_count = ${Number(db.pragma('page_count', { simple: true }))}`);
  const filler = db.prepare(`INSERT INTO catalog_cache
    (country, product_id, sku_id, value, fetched_at, expires_at) VALUES ('XX', ?, ?, ?, '', '')`);
  let n = 0;
  for (const size of [4000, 1000, 200, 40, 1]) {
    try {
      for (;;) filler.run(`p${n++}`, 's', 'x'.repeat(size));
    } catch (error) {
      if ((error as { code?: string }).code !== 'SQLITE_FULL') throw error;
    }
  }
}

const journalRows = (s: StateStore): number => s.journal.list({ limit: 1000 }).length;

describe('durable intent', () => {
  it('throws state-write-failed from begin on a full disk, naming the file and what to do, and keeps no row', () => {
    const path = temp.dbPath();
    let db: Database | undefined;
    store = openStateStore(path, { configureDatabase: (d) => (db = d) });
    store.journal.begin(anIntent(1));
    fillTheDisk(db!);

    const error = caught(() => store!.journal.begin({ ...anIntent(2), request: { note: 'y'.repeat(20_000) } }));
    expect(error.code).toBe('state-write-failed');
    expect(error.message).toContain(path);
    expect(error.message).toContain(anIntent(2).actionKey);
    expect(error.message).toMatch(/free disk space/);
    expect(store.journal.listByAction(anIntent(2).actionKey)).toEqual([]);
    expect(journalRows(store)).toBe(1);
    store.close();
    store = openStateStore(path);
    expect(store.journal.listByAction(anIntent(2).actionKey)).toEqual([]);
  });

  it('reports the other intent writes (run start, plan save, serial) the same way', () => {
    let db: Database | undefined;
    store = openStateStore(temp.dbPath(), { configureDatabase: (d) => (db = d) });
    fillTheDisk(db!);
    expect(caught(() => store!.runs.start('apply', 'x'.repeat(5000))).code).toBe('state-write-failed');
    expect(store.runs.listRuns()).toEqual([]);
  });

  it('makes the applier send nothing when the journal row cannot be committed', async () => {
    let db: Database | undefined;
    store = openStateStore(temp.dbPath(), { configureDatabase: (d) => (db = d) });
    fillTheDisk(db!);
    const sent: string[] = [];
    const ports = { journal: createJournalPort(store, undefined), newRequestId: () => 'req-1' } as unknown as ApplierPorts;
    const intent = {
      actionKey: 'purchase:00000000000000ff' as ActionKey,
      actionKind: 'purchase' as const,
      step: 'checkout' as const,
      customerId: '0000000c-0000-4000-8000-000000000001' as CustomerId,
      item: 'm365' as ItemKey,
      cartId: 'cart-1',
      request: { padding: 'z'.repeat(20_000) },
    };
    await expect(
      journalled(ports, intent, (requestId) => Promise.resolve(sent.push(requestId)), () => ({})),
    ).rejects.toMatchObject({ code: 'state-write-failed' });
    expect(sent).toEqual([]);
    expect(journalRows(store)).toBe(0);
  });
});
