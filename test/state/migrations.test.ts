import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import {
  LATEST_SCHEMA_VERSION,
  migrate,
  MIGRATIONS,
  openStateStore,
  StateStoreError,
} from '../../src/state/index.js';
import { ManualClock } from '../../src/support/index.js';
import type { CustomerId } from '../../src/model/index.js';
import { anItem, makeTempDirs } from './builders.js';

const temp = makeTempDirs();
afterEach(temp.cleanup);

const FIXTURE_V1 = readFileSync(new URL('./fixtures/schema-v1.sql', import.meta.url), 'utf8');

/** Tables and indexes with their DDL, whitespace-normalised (indentation is not schema). */
function schemaOf(db: Database.Database): { type: string; name: string; sql: string }[] {
  const rows = db
    .prepare("SELECT type, name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY name")
    .all() as { type: string; name: string; sql: string | null }[];
  return rows.map((r) => ({ ...r, sql: (r.sql ?? '').replace(/\s+/g, ' ') }));
}

function thrown(fn: () => unknown): StateStoreError {
  try {
    fn();
  } catch (error) {
    if (error instanceof StateStoreError) return error;
    throw error;
  }
  throw new Error('expected a StateStoreError');
}

describe('migrations', () => {
  it('migrates an empty file to the latest schema and records each step', () => {
    const path = temp.dbPath();
    const store = openStateStore(path, { clock: new ManualClock('2026-02-01T00:00:00Z') });
    expect(store.migration).toEqual({
      from: 0,
      to: LATEST_SCHEMA_VERSION,
      applied: MIGRATIONS.map((m) => ({ version: m.version, name: m.name })),
    });
    expect(LATEST_SCHEMA_VERSION).toBeGreaterThanOrEqual(2);
    store.close();

    const db = new Database(path, { readonly: true });
    expect(db.prepare('SELECT version, name, applied_at FROM schema_migration ORDER BY version').all()).toEqual(
      MIGRATIONS.map((m) => ({ version: m.version, name: m.name, applied_at: '2026-02-01T00:00:00.000Z' })),
    );
    expect(MIGRATIONS.slice(0, 4).map((m) => m.name)).toEqual([
      'initial',
      'journal-settlement',
      'lease-fencing',
      'price-cache',
    ]);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();

    const again = openStateStore(path);
    expect(again.migration).toEqual({ from: LATEST_SCHEMA_VERSION, to: LATEST_SCHEMA_VERSION, applied: [] });
    again.close();
  });

  it('keeps migration 1 identical to the frozen schema-1 fixture', () => {
    const fromFixture = new Database(':memory:');
    fromFixture.exec(FIXTURE_V1);
    const fromCode = new Database(':memory:');
    migrate(fromCode, MIGRATIONS, { path: ':memory:', now: () => new Date(0), target: 1 });
    expect(schemaOf(fromCode)).toEqual(schemaOf(fromFixture));
  });

  it('migrates a schema-1 file with rows and keeps every row', () => {
    const path = temp.dbPath();
    const seed = new Database(path);
    seed.exec(FIXTURE_V1);
    seed.close();

    const store = openStateStore(path, { clock: new ManualClock('2026-02-01T00:00:00Z') });
    expect(store.migration.from).toBe(1);
    expect(store.migration.applied.map((m) => m.version)).toEqual(
      MIGRATIONS.slice(1).map((m) => m.version),
    );

    const customer = '6f1c2a9e-4a7b-4c1e-9a53-0d8e2b7f5c11' as CustomerId;
    expect(store.currentSerial()).toBe(7);
    expect(store.snapshots.get(customer)?.subscriptions.map((s) => s.quantity)).toEqual([25]);
    expect(store.snapshots.get(customer)?.orders?.map((o) => o.id)).toEqual(['ord-1']);
    expect(store.bindings.get(customer, anItem('m365-business-premium'))?.subscriptionId).toBe(
      'a1b2c3d4-0000-4000-8000-000000000001',
    );
    expect(store.runs.listRuns()).toMatchObject([{ id: 1, outcome: 'succeeded', counts: { actions: 2 } }]);
    expect(store.plans.listApprovals('plan-0001')).toMatchObject([{ approvedBy: 'alice' }]);
    expect(store.lease.current()).toMatchObject({ owner: 'build-01:4242:apply', heartbeat: 0 });
    expect(store.origin()).toEqual({ createdBy: 'unknown' }); // made before origins were recorded

    // Migration 2 backfilled the settlement columns from schema-1 data.
    const [done, open] = store.journal.listByRun(1);
    expect(done).toMatchObject({ status: 'succeeded', attempts: 1, settledAt: '2025-11-02T09:10:02.000Z' });
    expect(open).toMatchObject({ status: 'in-flight', attempts: 1, orderIds: ['ord-2'], cartId: 'cart-9' });
    expect(open?.settledAt).toBeUndefined();
    expect(store.journal.listInFlight().map((e) => e.id)).toEqual([2]);
    expect(store.listInFlightPurchases()).toMatchObject([{ item: 'd2s-v3-eastus', orderIds: ['ord-2'] }]);
    expect(store.integrityCheck()).toEqual(['ok']);
    store.close();
  });

  it('refuses a file written by a newer schema, naming the file and both versions', () => {
    const path = temp.dbPath();
    openStateStore(path).close();
    const db = new Database(path);
    db.prepare("INSERT INTO schema_migration VALUES (?, 'from-the-future', '2027-01-01T00:00:00Z')").run(
      LATEST_SCHEMA_VERSION + 1,
    );
    db.close();

    const error = thrown(() => openStateStore(path));
    expect(error.code).toBe('state-schema-too-new');
    expect(error.message).toContain(path);
    expect(error.message).toContain(`schema version ${LATEST_SCHEMA_VERSION + 1}`);
    expect(error.message).toContain(`up to ${LATEST_SCHEMA_VERSION}`);
    expect(error.message).toMatch(/Upgrade Quartermaster/);
  });

  it('reports a file that is not a database as corrupt', () => {
    const path = join(temp.dir(), 'state.db');
    writeFileSync(path, 'this is not sqlite, just a text file that happens to be long enough '.repeat(20));
    const error = thrown(() => openStateStore(path));
    expect(error.code).toBe('state-corrupt');
    expect(error.message).toContain(path);
  });

  it('reports a path that cannot be opened as unreadable', () => {
    const path = join(temp.dir(), 'a-directory.db');
    mkdirSync(path);
    const error = thrown(() => openStateStore(path));
    expect(error.code).toBe('state-unreadable');
    expect(error.message).toContain(path);
  });

  it('rolls a failing migration back completely and says where the file was left', () => {
    const path = temp.dbPath();
    const db = new Database(path);
    const broken = [
      MIGRATIONS[0]!,
      {
        version: 2,
        name: 'broken',
        up: (d: Database.Database) => d.exec('CREATE TABLE half_done (x); SELECT no_such_function();'),
      },
    ];
    const error = thrown(() => migrate(db, broken, { path, now: () => new Date(0) }));
    expect(error.code).toBe('state-migration-failed');
    expect(error.message).toContain('left at schema 1');
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'half_done'").get()).toEqual({ n: 0 });
    db.close();
  });
});
