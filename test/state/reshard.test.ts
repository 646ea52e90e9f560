import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { shardOf } from '../../src/agent/index.js';
import {
  createLeaseClaim,
  DEFAULT_LEASE_TTL_MS,
  openStateStore,
  readShardLayout,
  type StateStore,
} from '../../src/state/index.js';
import { CUSTOMER_TABLES, FILE_TABLES } from '../../src/state/reshard-tables.js';
import { caught } from './lease-builders.js';
import { makeTempDirs } from './builders.js';
import {
  basePath,
  customers,
  filesHolding,
  fingerprint,
  layoutPaths,
  reshard,
  seedEstate,
} from './reshard-fixtures.js';

/**
 * Issue 19: re-sharding keeps state. Every customer's bindings, journal rows (in doubt too),
 * snapshots and notices land in the file its customer hashes to under the new count, exactly
 * once, and the old files refuse writers.
 */
const temp = makeTempDirs();
afterEach(() => temp.cleanup());
const IDS = customers(18);

function withStore<T>(path: string, fn: (store: StateStore) => T): T {
  const store = openStateStore(path);
  try {
    return fn(store);
  } finally {
    store.close();
  }
}

/** Each customer's state, read from the file its hash names under `count`. */
const estate = (base: string, count: number): Record<string, unknown> =>
  Object.fromEntries(
    IDS.map((id) => [id, fingerprint(layoutPaths(base, count)[shardOf(id, count)]!, id)]),
  );

describe('reshardStateFiles', () => {
  it('moves 3 → 5: every customer lands, whole and once, in the file it hashes to', () => {
    const base = basePath(temp.dir());
    seedEstate(base, 3, IDS);
    const before = estate(base, 3);
    const oldSerial = Math.max(
      ...layoutPaths(base, 3).map((p) => withStore(p, (s) => s.currentSerial())),
    );

    const result = reshard(base, 5);

    expect(result?.from).toBe(3);
    expect(result?.destinations.reduce((n, d) => n + d.customers, 0)).toBe(IDS.length);
    expect(estate(base, 5)).toEqual(before);
    const every = [...layoutPaths(base, 3), ...layoutPaths(base, 5)];
    for (const id of IDS) {
      expect(filesHolding(every, id)).toEqual([layoutPaths(base, 5)[shardOf(id, 5)]]);
    }
    for (const [j, path] of layoutPaths(base, 5).entries()) {
      expect(readShardLayout(path)).toBe(`${j}/5`);
      withStore(path, (s) => {
        expect(s.currentSerial()).toBe(oldSerial + 1);
        expect(() =>
          s.lease.acquire(createLeaseClaim('apply'), DEFAULT_LEASE_TTL_MS),
        ).not.toThrow();
      });
    }
  });

  it('keeps rows in doubt in doubt, in the right file, and reports where each went', () => {
    const base = basePath(temp.dir());
    seedEstate(base, 3, IDS);
    const doubted = IDS.filter((_, n) => n % 3 === 0);
    const result = reshard(base, 5)!;

    expect(result.rowsInDoubt.map((r) => r.customerId).sort()).toEqual([...doubted].sort());
    for (const moved of result.rowsInDoubt) {
      expect(moved.from.path).toBe(layoutPaths(base, 3)[shardOf(moved.customerId, 3)]);
      expect(moved.to.path).toBe(layoutPaths(base, 5)[shardOf(moved.customerId, 5)]);
      withStore(moved.to.path, (s) => {
        const row = s.journal.get(moved.to.id);
        expect(row).toMatchObject({
          customerId: moved.customerId,
          status: 'unknown',
          cartId: expect.stringMatching(/^cart-doubt-/) as unknown,
        });
        expect(s.journal.listInFlight().map((r) => r.id)).toContain(moved.to.id);
        // Still a purchase in flight: the planner answers it with `in-flight`, never a purchase.
        expect(s.listInFlightPurchases().map((p) => p.customerId)).toContain(moved.customerId);
      });
    }
  });

  it('wiped-schedule notices follow their journal row, so none is sent twice', () => {
    const base = basePath(temp.dir());
    seedEstate(base, 3, IDS);
    reshard(base, 5);
    const path = layoutPaths(base, 5)[shardOf(IDS[0]!, 5)]!;
    withStore(path, (s) => {
      const wiped = s.renewalNotices.list().filter((n) => n.mark.kind === 'schedule-wiped');
      expect(wiped.length).toBeGreaterThan(0);
      for (const notice of wiped) {
        if (notice.mark.kind !== 'schedule-wiped') continue;
        const row = s.journal.get(notice.mark.journalId);
        expect(row?.kind).toBe('schedule-decrease');
        expect(row?.subscriptionId).toBe(notice.mark.subscriptionId);
        expect((notice.notice as { journalRow: number }).journalRow).toBe(row?.id);
      }
    });
  });

  it('the old files refuse every writer afterwards, naming the new layout', () => {
    const base = basePath(temp.dir());
    seedEstate(base, 3, IDS);
    reshard(base, 5);
    for (const path of layoutPaths(base, 3)) {
      withStore(path, (s) => {
        const error = caught(() => s.lease.acquire(createLeaseClaim('run'), DEFAULT_LEASE_TTL_MS));
        expect(error.code).toBe('state-resharded');
        expect(error.message).toContain(path);
        expect(error.message).toContain('--shard i/5');
        expect(s.bindings.list()).toEqual([]);
        expect(s.runs.listRuns(1)[0]).toMatchObject({
          command: 'state reshard',
          outcome: 'succeeded',
        });
      });
    }
  });

  it('goes back 5 → 3, and to the unsharded file and out again, keeping everything', () => {
    const base = basePath(temp.dir());
    seedEstate(base, 3, IDS);
    const before = estate(base, 3);
    for (const to of [5, 3, 1, 2]) {
      reshard(base, to);
      expect(estate(base, to)).toEqual(before);
    }
    expect(readShardLayout(base)).toBe('unsharded');
  });

  it('carries a reset instant over, so the reset guard still holds in the new files', () => {
    const base = basePath(temp.dir());
    seedEstate(base, 3, IDS);
    const raw = new Database(layoutPaths(base, 3)[1]);
    raw
      .prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('reset_at', ?)")
      .run('2026-02-28T00:00:00.000Z');
    raw.close();
    reshard(base, 5);
    for (const path of layoutPaths(base, 5)) {
      expect(withStore(path, (s) => s.resetAt())).toBe('2026-02-28T00:00:00.000Z');
    }
  });

  it('refuses while a live writer holds any lease involved, and changes nothing', () => {
    const base = basePath(temp.dir());
    seedEstate(base, 3, IDS);
    const before = estate(base, 3);
    const busy = layoutPaths(base, 5)[2]!;
    const holder = openStateStore(busy);
    try {
      holder.lease.acquire(createLeaseClaim('run'), DEFAULT_LEASE_TTL_MS);
      const error = caught(() => reshard(base, 5));
      expect(error.code).toBe('lease-held');
      expect(error.message).toContain(busy);
      expect(error.message).toContain('nothing was moved');
    } finally {
      holder.close();
    }
    expect(estate(base, 3)).toEqual(before);
    for (const path of layoutPaths(base, 3)) {
      withStore(path, (s) =>
        expect(() => s.lease.acquire(createLeaseClaim('run'), 1000)).not.toThrow(),
      );
    }
  });

  it('refuses state kept in two layouts at once, naming the stray file', () => {
    const base = basePath(temp.dir());
    seedEstate(base, 3, IDS.slice(0, 9));
    seedEstate(base, 2, IDS.slice(9));
    const error = caught(() => reshard(base, 5));
    expect(error.code).toBe('state-reshard-refused');
    expect(error.message).toContain('2 layouts at once');
    expect(error.message).toContain('2 shard file(s): ');
    expect(error.message).toContain('qm.shard-0-of-2.db');
    expect(error.message).toContain('qm.shard-0-of-3.db');
    expect(error.message).toContain('qm state list');
  });

  it('has nothing to do when the state is already in that many files', () => {
    const base = basePath(temp.dir());
    seedEstate(base, 3, IDS);
    expect(reshard(base, 3)).toBeUndefined();
  });

  it('classifies every table of the schema as a customer table or a file table', () => {
    const path = basePath(temp.dir());
    withStore(path, () => undefined);
    const db = new Database(path, { readonly: true });
    const tables = db
      .prepare<[], string>(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
      )
      .pluck()
      .all();
    db.close();
    const known = [...CUSTOMER_TABLES, ...Object.keys(FILE_TABLES)];
    expect(tables.filter((t) => !known.includes(t))).toEqual([]);
  });
});
