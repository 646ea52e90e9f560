import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { CustomerId, ItemKey, SubscriptionId } from '../../src/model/index.js';
import {
  LATEST_SCHEMA_VERSION,
  MIGRATIONS,
  migrate,
  openStateStore,
  type NoticeMark,
  type NoticeRecordInput,
  type StateStore,
} from '../../src/state/index.js';
import { ManualClock } from '../../src/support/index.js';
import { makeTempDirs } from './builders.js';

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

const C = '6f1c2a9e-4a7b-4c1e-9a53-0d8e2b7f5c11' as CustomerId;
const S = '3a1f9e8d-7c6b-4a5e-9d4c-3b2a1f0e9d8c' as SubscriptionId;
const RENEWS = '2026-04-02T00:00:00.000Z';
const threshold = (days: number, renewsAt = RENEWS): NoticeMark => ({
  kind: 'renewal',
  subscriptionId: S,
  renewsAt,
  thresholdDays: days,
});
const wipe = (journalId: number): NoticeMark => ({
  kind: 'schedule-wiped',
  subscriptionId: S,
  journalId,
});
const row = (mark: NoticeMark, notice?: unknown, renewsAt = RENEWS): NoticeRecordInput => ({
  mark,
  customerId: C,
  item: 'bp' as ItemKey,
  renewsAt,
  ...(notice === undefined ? {} : { notice }),
});

describe('renewal notices (state store, schema 5)', () => {
  it('migrates a schema-4 file to 5, keeping what it held', () => {
    const path = temps.dbPath();
    const db = new Database(path);
    migrate(db, MIGRATIONS, { path, now: () => clock.now(), target: 4 });
    db.prepare("UPDATE meta SET value = '7' WHERE key = 'serial'").run();
    db.close();

    const store = open(path);
    expect(LATEST_SCHEMA_VERSION).toBeGreaterThanOrEqual(5);
    expect(store.migration.applied).toContainEqual({ version: 5, name: 'renewal-notices' });
    expect(store.currentSerial()).toBe(7);
    expect(store.renewalNotices.list()).toEqual([]);
  });

  it('records each mark once, survives a reopen, and says which marks a call recorded', () => {
    const path = temps.dbPath();
    const first = open(path);
    const notice = { event: 'renewal-upcoming', thresholdDays: 7 };
    expect(
      first.renewalNotices.record([row(threshold(7), notice), row(threshold(30))], {
        delivered: false,
      }),
    ).toEqual([threshold(7), threshold(30)]);
    expect(
      first.renewalNotices.record([row(threshold(7), { other: true }), row(threshold(1), notice)], {
        delivered: false,
      }),
    ).toEqual([threshold(1)]);
    first.close();
    opened.splice(0);

    const again = open(path);
    expect(again.renewalNotices.has(threshold(7))).toBe(true);
    expect(again.renewalNotices.has(threshold(30))).toBe(true);
    expect(again.renewalNotices.has(threshold(7, '2027-04-02T00:00:00.000Z'))).toBe(false);
    expect(again.renewalNotices.has(wipe(9))).toBe(false);
    const seven = again.renewalNotices.list().find((r) => r.mark.kind === 'renewal' && r.mark.thresholdDays === 7);
    // The first notice recorded for a mark is kept.
    expect(seven).toEqual({
      mark: threshold(7),
      customerId: C,
      item: 'bp',
      renewsAt: RENEWS,
      notice,
      recordedAt: '2026-03-10T00:00:00.000Z',
    });
  });

  it('keeps notices undelivered until the webhook takes them, and drops them once the renewal passed', () => {
    const store = open(temps.dbPath());
    const r = store.renewalNotices;
    r.record(
      [
        row(threshold(7), { n: 1 }),
        row(threshold(30)), // covered by the 7-day notice: nothing to deliver
        row(wipe(9), { n: 2 }),
        row(wipe(4), { n: 3 }, '2026-03-01T00:00:00.000Z'), // its renewal passed
      ],
      { delivered: false },
    );
    expect(r.listUndelivered(clock.now()).map((n) => n.mark)).toEqual([threshold(7), wipe(9)]);

    clock.advance(60_000);
    r.markDelivered([wipe(9)]);
    const [pending] = r.listUndelivered(clock.now());
    expect(pending?.mark).toEqual(threshold(7));
    expect(r.list().find((n) => n.mark.kind === 'schedule-wiped' && n.mark.journalId === 9)?.deliveredAt).toBe(
      '2026-03-10T00:01:00.000Z',
    );
    expect(r.listUndelivered(new Date(RENEWS))).toEqual([]);
  });

  it('records as delivered when there is no webhook to deliver to', () => {
    const store = open(temps.dbPath());
    store.renewalNotices.record([row(threshold(1), { n: 1 })], { delivered: true });
    expect(store.renewalNotices.listUndelivered(clock.now())).toEqual([]);
    expect(store.renewalNotices.list()[0]?.deliveredAt).toBe(clock.now().toISOString());
  });

  it('lists the succeeded journal rows of some kinds settled since an instant, oldest first', () => {
    const path = temps.dbPath();
    open(path).close();
    opened.splice(0);
    const db = new Database(path);
    const insert = db.prepare(`INSERT INTO journal (action_key, request_id, kind, customer_id,
        subscription_id, status, request, created_at, updated_at, settled_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const rows: [string, string, string | null][] = [
      ['schedule-decrease', 'succeeded', '2026-02-01T00:00:00.000Z'],
      ['schedule-change', 'failed', '2026-02-02T00:00:00.000Z'],
      ['increase-quantity', 'succeeded', '2026-02-03T00:00:00.000Z'],
      ['schedule-change', 'succeeded', '2026-02-04T00:00:00.000Z'],
      ['schedule-decrease', 'succeeded', '2025-12-31T23:59:59.999Z'],
      ['schedule-decrease', 'in-flight', null],
    ];
    rows.forEach(([kind, status, settled], i) =>
      insert.run(`${kind}:${i}`, `r-${i}`, kind, C, S, status, '{"change":{}}', settled ?? '2026-02-05T00:00:00.000Z', settled ?? '2026-02-05T00:00:00.000Z', settled),
    );
    db.close();

    const found = open(path).renewalNotices.listSucceededJournalRows(
      ['schedule-decrease', 'schedule-change'],
      new Date('2026-01-01T00:00:00Z'),
    );
    expect(found.map((r) => [r.id, r.kind, r.status, r.request])).toEqual([
      [1, 'schedule-decrease', 'succeeded', { change: {} }],
      [4, 'schedule-change', 'succeeded', { change: {} }],
    ]);
  });
});
