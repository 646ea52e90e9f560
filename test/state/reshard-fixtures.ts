import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { shardOf, shardStatePath } from '../../src/agent/index.js';
import type { ActionKey, CustomerId, ItemKey, OrderId } from '../../src/model/index.js';
import {
  chooseReshard,
  inspectForReshard,
  openStateStore,
  reshardStateFiles,
  type ReshardOptions,
  type ReshardResult,
} from '../../src/state/index.js';
import { CUSTOMER_TABLES } from '../../src/state/reshard-tables.js';
import { ManualClock } from '../../src/support/index.js';
import { anObservedCustomer, aSubscriptionId, guid } from './builders.js';

/** The state files of every shard of `count` beside `base` (count 1: `base` itself). */
export const layoutPaths = (base: string, count: number): string[] =>
  Array.from({ length: count }, (_, index) => shardStatePath(base, { index, count }));

export const customers = (n: number): CustomerId[] =>
  Array.from({ length: n }, (_, i) => guid(0xcafe, i + 1) as CustomerId);

/**
 * Writes, in the shard file of `count` each customer hashes to, what a running estate keeps:
 * a snapshot, a binding, a run with a settled purchase and a scheduled change, a renewal notice
 * and a wiped-schedule notice naming that change's journal row; every third customer also has a
 * purchase row in doubt (cart id known, outcome unknown).
 */
export function seedEstate(base: string, count: number, ids: readonly CustomerId[]): void {
  const clock = new ManualClock(new Date('2026-03-01T10:00:00Z'));
  for (const [n, id] of ids.entries()) {
    const store = openStateStore(shardStatePath(base, { index: shardOf(id, count), count }), {
      clock,
    });
    try {
      const item = 'exchange' as ItemKey;
      const run = store.runs.start('apply', `seed:${n}`);
      store.snapshots.upsert(anObservedCustomer(id, 2, { first: n * 10 }));
      store.bindings.put({
        customerId: id,
        item,
        kind: 'subscription',
        subscriptionId: aSubscriptionId(n * 10),
        orderId: `ord-${n}` as OrderId,
        boundAt: clock.now().toISOString(),
      });
      const bought = store.journal.begin({
        runId: run.id,
        actionKey: `purchase:${n}` as ActionKey,
        requestId: `req-buy-${n}`,
        kind: 'purchase',
        step: 'checkout',
        customerId: id,
        item,
        cartId: `cart-${n}`,
        request: { line: { catalogItemId: 'CFQ7TTC0LH16:0001:X', billingCycle: 'monthly' } },
      });
      store.journal.settle(bought.id, { status: 'succeeded', orderIds: [`ord-${n}` as OrderId] });
      const scheduled = store.journal.begin({
        runId: run.id,
        actionKey: `schedule-decrease:${n}` as ActionKey,
        requestId: `req-sched-${n}`,
        kind: 'schedule-decrease',
        customerId: id,
        item,
        subscriptionId: aSubscriptionId(n * 10),
      });
      store.journal.settle(scheduled.id, { status: 'succeeded' });
      store.runs.end(run.id, 'succeeded', { actions: 2 });
      const sub = aSubscriptionId(n * 10);
      store.renewalNotices.record(
        [
          {
            mark: {
              kind: 'renewal',
              subscriptionId: sub,
              renewsAt: '2026-06-01T00:00:00.000Z',
              thresholdDays: 30,
            },
            customerId: id,
            item,
            renewsAt: '2026-06-01T00:00:00.000Z',
            notice: { event: 'renewal', customerId: id },
          },
          {
            mark: { kind: 'schedule-wiped', subscriptionId: sub, journalId: scheduled.id },
            customerId: id,
            item,
            renewsAt: '2026-06-01T00:00:00.000Z',
            notice: { event: 'scheduled-change-wiped', journalRow: scheduled.id, runId: run.id },
          },
        ],
        { delivered: n % 2 === 0 },
      );
      if (n % 3 === 0) {
        const doubt = store.journal.begin({
          actionKey: `purchase:doubt-${n}` as ActionKey,
          requestId: `req-doubt-${n}`,
          kind: 'purchase',
          step: 'checkout',
          customerId: id,
          item: 'extra' as ItemKey,
          cartId: `cart-doubt-${n}`,
        });
        store.journal.settle(doubt.id, { status: 'unknown', errorCode: 'timeout' });
      }
      clock.advance(60_000);
    } finally {
      store.close();
    }
    seedRefreshCoverage(shardStatePath(base, { index: shardOf(id, count), count }), id, n);
  }
}

/** A refresh coverage row (schema 6, incremental refresh), when the schema has the table. */
function seedRefreshCoverage(path: string, id: CustomerId, n: number): void {
  const db = new Database(path);
  try {
    const has = db
      .prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'refresh_customer'")
      .get();
    if (has === undefined) return;
    db.prepare(
      'INSERT INTO refresh_customer (customer_id, covered_until, spec_digest) VALUES (?, ?, ?)',
    ).run(id, '2026-03-01T10:00:00.000Z', `digest-${n}`);
  } finally {
    db.close();
  }
}

type Row = Record<string, unknown>;

/**
 * Everything the state file at `path` holds for one customer, with file-local ids replaced by
 * what they name (a journal row's run by its command and start, a notice's journal row by its
 * MS-RequestId), so the same state in two files compares equal.
 */
export function fingerprint(path: string, customerId: string): Row {
  if (!existsSync(path)) return {};
  const db = new Database(path, { readonly: true });
  try {
    const all = (sql: string): Row[] => db.prepare<[string], Row>(sql).all(customerId);
    const special: Record<string, string> = {
      journal: `SELECT j.*, NULL AS id, NULL AS run_id, r.command AS run_command,
          r.started_at AS run_started, r.counts AS run_counts
        FROM journal j LEFT JOIN run r ON r.id = j.run_id WHERE j.customer_id = ? ORDER BY j.id`,
      schedule_wipe_notice: `SELECT w.*, NULL AS journal_id, NULL AS notice,
          j.request_id AS journal_request
        FROM schedule_wipe_notice w JOIN journal j ON j.id = w.journal_id
        WHERE w.customer_id = ? ORDER BY w.subscription_id`,
    };
    const present = db
      .prepare<[], string>("SELECT name FROM sqlite_schema WHERE type = 'table'")
      .pluck()
      .all();
    // Every customer table, so one a later migration adds is compared too.
    return Object.fromEntries(
      CUSTOMER_TABLES.filter((t) => present.includes(t)).map((t) => [
        t,
        special[t] === undefined
          ? sortRows(all(`SELECT * FROM ${t} WHERE customer_id = ?`))
          : all(special[t]),
      ]),
    );
  } finally {
    db.close();
  }
}

const sortRows = (rows: Row[]): Row[] =>
  rows.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

/** The files among `paths` that hold any row of `customerId`. */
export function filesHolding(paths: readonly string[], customerId: string): string[] {
  return paths.filter((p) => {
    const print = fingerprint(p, customerId);
    return Object.values(print).some((rows) => (rows as Row[]).length > 0);
  });
}

/** `qm state reshard --to N` as the CLI runs it: detect the layout, then move (or finish). */
export function reshard(
  base: string,
  to: number,
  options: ReshardOptions = {},
): ReshardResult | undefined {
  const files = [1, 2, 3, 4, 5, 6]
    .flatMap((count) => layoutPaths(base, count).map((path, index) => ({ path, index, count })))
    .filter((f, i, list) => list.findIndex((g) => g.path === f.path) === i)
    .map(inspectForReshard)
    .filter((f) => f !== undefined);
  const choice = chooseReshard(files, { to });
  if (choice.kind === 'nothing') return undefined;
  return reshardStateFiles(
    {
      ...(choice.resume === undefined ? {} : { id: choice.resume.id }),
      from: choice.from,
      to: choice.to,
      sources: layoutPaths(base, choice.from),
      destinations: layoutPaths(base, choice.to),
      destinationOf: (c) => shardOf(c, choice.to),
    },
    options,
  );
}

export const basePath = (dir: string): string => join(dir, 'qm.db');
