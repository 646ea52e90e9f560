import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { CustomerId } from '../../src/model/index.js';
import { openStateStore, type StateStore } from '../../src/state/index.js';
import { ManualClock } from '../../src/support/index.js';
import { aCustomerId, makeTempDirs } from './builders.js';

const temps = makeTempDirs();
const opened: StateStore[] = [];
afterEach(() => {
  opened.splice(0).forEach((s) => s.close());
  temps.cleanup();
});

const clock = new ManualClock('2026-03-10T00:00:00Z');
function open(path: string): StateStore {
  const store = openStateStore(path, { clock });
  opened.push(store);
  return store;
}

const A = aCustomerId(1);
const B = aCustomerId(2);
const C = aCustomerId(3);

describe('refresh marks (schema 6)', () => {
  it('a new store has no mark and covers nobody', () => {
    const store = open(temps.dbPath());
    expect(store.refreshMarks.mark()).toBeUndefined();
    expect(store.refreshMarks.listCoverage().size).toBe(0);
  });

  it('records coverage and the mark in one transaction and reads them back after a reopen', () => {
    const path = temps.dbPath();
    const store = open(path);
    store.refreshMarks.record({
      coveredUntil: '2026-03-10T00:00:00.000Z',
      customers: [
        { customerId: A, specDigest: 'a1' },
        { customerId: B, specDigest: 'b1' },
      ],
      mark: { auditThrough: '2026-03-10T00:00:00.000Z', fullStartedAt: '2026-03-10T00:00:00.000Z' },
    });
    // A scoped cycle later: covers B only, leaves the mark.
    store.refreshMarks.record({
      coveredUntil: '2026-03-10T00:30:00.000Z',
      customers: [{ customerId: B, specDigest: 'b2' }],
    });
    store.close();
    opened.splice(0);
    const again = open(path);
    expect(again.refreshMarks.mark()).toEqual({
      auditThrough: '2026-03-10T00:00:00.000Z',
      fullStartedAt: '2026-03-10T00:00:00.000Z',
    });
    expect([...again.refreshMarks.listCoverage()]).toEqual(
      expect.arrayContaining([
        [A, { coveredUntil: '2026-03-10T00:00:00.000Z', specDigest: 'a1' }],
        [B, { coveredUntil: '2026-03-10T00:30:00.000Z', specDigest: 'b2' }],
      ]),
    );
  });

  it('records nothing when the transaction fails half-way', () => {
    const store = open(temps.dbPath());
    expect(() =>
      store.refreshMarks.record({
        coveredUntil: '2026-03-10T00:00:00.000Z',
        customers: [
          { customerId: A, specDigest: 'a1' },
          { customerId: B, specDigest: null as unknown as string }, // NOT NULL fails
        ],
        mark: { auditThrough: 'x', fullStartedAt: 'x' },
      }),
    ).toThrow();
    expect(store.refreshMarks.mark()).toBeUndefined();
    expect(store.refreshMarks.listCoverage().size).toBe(0);
  });

  it('names customers with journal rows unsettled, or written at or after an instant', () => {
    const path = temps.dbPath();
    open(path).close();
    opened.splice(0);
    const db = new Database(path);
    const insert = db.prepare(`INSERT INTO journal (action_key, request_id, kind, customer_id,
        status, created_at, updated_at) VALUES (?, ?, 'increase-quantity', ?, ?, ?, ?)`);
    const rows: [CustomerId, string, string][] = [
      [A, 'succeeded', '2026-03-09T23:00:00.000Z'], // before: not named
      [B, 'succeeded', '2026-03-10T00:00:00.000Z'], // at the instant: named
      [C, 'unknown', '2026-03-01T00:00:00.000Z'], // in doubt, however old: named
    ];
    rows.forEach(([c, status, at], i) => insert.run(`k${i}`, `r${i}`, c, status, at, at));
    db.close();
    expect(open(path).refreshMarks.customersJournalledSince('2026-03-10T00:00:00.000Z')).toEqual(
      [B, C].sort(),
    );
  });
});
