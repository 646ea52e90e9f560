import type { Database } from 'better-sqlite3';
import { createDurableCommit } from './durable-commit.js';
import { copyCustomers, deleteCustomerRows, type CopyResult } from './reshard-copy.js';
import {
  clearReshardMark,
  readReshardMark,
  writeReshardMark,
  type ReshardMark,
} from './reshard-mark.js';
import { customersIn, rowCounts } from './reshard-tables.js';
import { StateStoreError } from './state-error.js';
import type { StateStore } from './state-store.js';

/** One file of a reshard: its store (lease, serial) and a raw connection for the bulk work. */
export interface StepFile {
  readonly path: string;
  readonly store: StateStore;
  readonly db: Database;
  readonly role: 'source' | 'destination';
  /** Its shard index in its layout. */
  readonly index: number;
}

/** What every step of one reshard shares. */
export interface ReshardContext {
  readonly id: string;
  readonly from: number;
  readonly to: number;
  readonly at: string;
  readonly now: () => string;
  /** Run owner recorded in each file's history. */
  readonly owner: string;
  readonly destinationOf: (customerId: string) => number;
  readonly sources: readonly StepFile[];
  readonly destinations: readonly StepFile[];
  /** The highest serial of every file involved, when the reshard opened them. */
  readonly serial: number;
}

const mine = (ctx: ReshardContext, file: StepFile): ReshardMark | undefined => {
  const mark = readReshardMark(file.db);
  return mark?.id === ctx.id ? mark : undefined;
};
const isDrained = (ctx: ReshardContext, f: StepFile): boolean => mine(ctx, f)?.phase === 'drained';

/** Runs `fn` in one checked IMMEDIATE transaction on `file`, fenced by its lease. */
function commit<T>(file: StepFile, what: string, fn: () => T): T {
  return createDurableCommit(file.db, file.path)(what, () => {
    file.store.lease.fence();
    return fn();
  });
}

/** Step 1: a source refuses writers from now on (`pending`). */
export function markSource(ctx: ReshardContext, source: StepFile): void {
  commit(source, 'the reshard mark', () => {
    const mark = readReshardMark(source.db);
    if (mark?.id === ctx.id) return;
    if (mark?.phase === 'pending') throw otherReshard(source.path, mark);
    writeReshardMark(source.db, { ...markOf(ctx, 'source'), phase: 'pending' });
  });
}

/**
 * Step 2: copies every customer of the sources that hashes to `dest`, in one transaction with
 * its serial, layout and `pending` mark. Skipped when an earlier run wrote it.
 */
export function writeDestination(ctx: ReshardContext, dest: StepFile): CopyResult {
  const none: CopyResult = { customers: 0, rows: {}, rowsInDoubt: [] };
  if (mine(ctx, dest) !== undefined) return none;
  const drained = ctx.sources.filter((s) => isDrained(ctx, s));
  if (drained.length === ctx.sources.length) return none; // finished; its mark was cleared
  if (drained.length > 0) {
    throw refused(
      `${dest.path} was not written, yet ${drained[0]?.path} was already emptied`,
      'restore the state folder from a backup, or report this',
    );
  }
  return commit(dest, 'the customers moved in by qm state reshard', () => {
    const already = customersIn(dest.db, dest.path);
    if (already.length > 0) {
      throw refused(
        `${dest.path} already holds state for ${already.length} customer(s) (${already.slice(0, 3).join(', ')})`,
        'it is not part of the layout being moved; move or reshard that state first',
      );
    }
    let customers = 0;
    const rows: Record<string, number> = {};
    const rowsInDoubt: CopyResult['rowsInDoubt'][number][] = [];
    for (const source of ctx.sources) {
      const moving = customersIn(source.db, source.path).filter(
        (c) => ctx.destinationOf(c) === dest.index,
      );
      const copied = copyCustomers(source, dest, moving);
      customers += copied.customers;
      for (const [t, n] of Object.entries(copied.rows)) rows[t] = (rows[t] ?? 0) + n;
      rowsInDoubt.push(...copied.rowsInDoubt);
    }
    setMeta(dest.db, 'serial', String(ctx.serial + 1));
    setMeta(dest.db, 'shard_layout', ctx.to === 1 ? 'unsharded' : `${dest.index}/${ctx.to}`);
    const resetAt = latestResetAt(ctx);
    if (resetAt !== undefined && resetAt > (meta(dest.db, 'reset_at') ?? '')) {
      setMeta(dest.db, 'reset_at', resetAt);
    }
    writeReshardMark(dest.db, { ...markOf(ctx, 'destination'), phase: 'pending' });
    recordRun(
      ctx,
      dest,
      { customers, ...rows, rowsInDoubt: rowsInDoubt.length },
      `qm state reshard ${ctx.from} → ${ctx.to}: moved in ${customers} customer(s) from ${ctx.sources.map((s) => s.path).join(', ')}`,
    );
    return { customers, rows, rowsInDoubt };
  });
}

/**
 * Between the phases: every row of every source that is not drained yet must be in the
 * destination its customer hashes to, as many rows per customer and table.
 * @throws StateStoreError `state-reshard-refused` naming the first difference.
 */
export function verifyMove(ctx: ReshardContext): void {
  const at = ctx.destinations.map((d) => rowCounts(d.db, d.path));
  for (const source of ctx.sources.filter((s) => !isDrained(ctx, s))) {
    for (const [table, byCustomer] of rowCounts(source.db, source.path)) {
      for (const [customer, count] of byCustomer) {
        const j = ctx.destinationOf(customer);
        const found = at[j]?.get(table)?.get(customer) ?? 0;
        if (found !== count) {
          throw refused(
            `customer ${customer} has ${count} ${table} row(s) in ${source.path} but ${found} in ${ctx.destinations[j]?.path ?? `shard ${j}`}`,
            'nothing was removed from the old files; run qm state reshard again, and report this if it persists',
          );
        }
      }
    }
  }
}

/** Step 3: empties a source and marks it `drained` (serial bumped, run recorded). */
export function drainSource(ctx: ReshardContext, source: StepFile): number {
  if (isDrained(ctx, source)) return 0;
  return commit(source, 'the removal of customers moved by qm state reshard', () => {
    const customers = customersIn(source.db, source.path).length;
    const deleted = deleteCustomerRows(source);
    bumpSerial(source.db);
    writeReshardMark(source.db, { ...markOf(ctx, 'source'), phase: 'drained' });
    recordRun(
      ctx,
      source,
      { customers, ...deleted },
      `qm state reshard ${ctx.from} → ${ctx.to}: moved ${customers} customer(s) out; run with ${ctx.to === 1 ? 'no --shard' : `--shard i/${ctx.to}`} from now on`,
    );
    return customers;
  });
}

/** Step 4: a destination takes writers again. */
export function finishDestination(ctx: ReshardContext, dest: StepFile): void {
  commit(dest, 'the end of qm state reshard', () => clearReshardMark(dest.db, ctx.id));
}

function markOf(ctx: ReshardContext, role: ReshardMark['role']): Omit<ReshardMark, 'phase'> {
  return { id: ctx.id, from: ctx.from, to: ctx.to, role, at: ctx.at };
}

function latestResetAt(ctx: ReshardContext): string | undefined {
  const all = ctx.sources.map((s) => meta(s.db, 'reset_at')).filter((v) => v !== undefined);
  return all.sort().at(-1);
}

function meta(db: Database, key: string): string | undefined {
  return db.prepare<[string], string>('SELECT value FROM meta WHERE key = ?').pluck().get(key);
}

function setMeta(db: Database, key: string, value: string): void {
  db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run(key, value);
}

function bumpSerial(db: Database): void {
  db.prepare("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'serial'").run();
}

function recordRun(
  ctx: ReshardContext,
  file: StepFile,
  counts: Record<string, number>,
  detail: string,
): void {
  const now = ctx.now();
  file.db
    .prepare(
      `INSERT INTO run (command, owner, started_at, ended_at, outcome, counts, detail)
       VALUES ('state reshard', ?, ?, ?, 'succeeded', ?, ?)`,
    )
    .run(ctx.owner, ctx.at, now, JSON.stringify(counts), detail);
}

function refused(what: string, todo: string): StateStoreError {
  return new StateStoreError('state-reshard-refused', `qm state reshard: ${what}; ${todo}.`);
}

function otherReshard(path: string, mark: ReshardMark): StateStoreError {
  return refused(
    `${path} is part of another unfinished reshard (${mark.from} → ${mark.to}, started ${mark.at})`,
    `finish it first with qm state reshard --to ${mark.to}`,
  );
}
