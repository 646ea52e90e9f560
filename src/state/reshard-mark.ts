import type { Database } from 'better-sqlite3';

/**
 * What `qm state reshard` records in a state file's `meta` (key `reshard`, JSON) while it moves
 * customers between shard files, and afterwards in the files it emptied:
 * - `pending` (a source or a destination of a reshard that has not finished): no writer may
 *   take the lease; running `qm state reshard --to <to>` again finishes the move;
 * - `drained` (a source whose customers all moved): no writer may take the lease; runs belong
 *   to the new layout. A later reshard into this file replaces the mark.
 * A destination's mark is removed once every source is drained.
 */
export interface ReshardMark {
  /** Random id of one reshard, kept across re-runs that finish it. */
  readonly id: string;
  /** Shard counts moved from and to (1 = the unsharded state file). */
  readonly from: number;
  readonly to: number;
  readonly role: 'source' | 'destination';
  readonly phase: 'pending' | 'drained';
  /** When the reshard started (ISO-8601, injected clock). */
  readonly at: string;
}

const KEY = 'reshard';

/** The mark recorded in the open state file `db`; `undefined` when none (or unreadable JSON). */
export function readReshardMark(db: Database): ReshardMark | undefined {
  const hasMeta = db
    .prepare<[], number>(
      "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'meta'",
    )
    .pluck()
    .get();
  if (hasMeta === 0) return undefined;
  const text = db
    .prepare<[string], string>('SELECT value FROM meta WHERE key = ?')
    .pluck()
    .get(KEY);
  if (text === undefined) return undefined;
  try {
    const mark = JSON.parse(text) as Partial<ReshardMark>;
    return typeof mark.id === 'string' && typeof mark.to === 'number'
      ? (mark as ReshardMark)
      : undefined;
  } catch {
    return undefined;
  }
}

/** Records `mark` (inside the caller's transaction). */
export function writeReshardMark(db: Database, mark: ReshardMark): void {
  db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run(
    KEY,
    JSON.stringify(mark),
  );
}

/** Removes the mark of reshard `id` (inside the caller's transaction); another id's stays. */
export function clearReshardMark(db: Database, id: string): void {
  if (readReshardMark(db)?.id === id) db.prepare('DELETE FROM meta WHERE key = ?').run(KEY);
}

/** `--shard i/n` or "no --shard", for messages. */
export function layoutFlag(count: number): string {
  return count === 1 ? 'no --shard (the unsharded state file)' : `--shard i/${count}`;
}

/**
 * Why no writer may take the lease of a file carrying `mark`, and what to do: finish the
 * interrupted reshard, or run with the new layout.
 */
export function describeReshardRefusal(path: string, mark: ReshardMark): string {
  if (mark.phase === 'pending') {
    return (
      `The state store ${path} is part of a \`qm state reshard\` from ${mark.from} to ${mark.to} ` +
      `shard file(s) that has not finished (started ${mark.at}); nothing may write to it until ` +
      `it does. Run \`qm state reshard --to ${mark.to}\` again with the same config to finish it ` +
      '(docs/scale.md).'
    );
  }
  return (
    `The state store ${path} was resharded at ${mark.at}: its customers moved to ` +
    `${mark.to} shard file(s) and nothing may write to it any more. Run with ` +
    `${layoutFlag(mark.to)} now (docs/scale.md).`
  );
}
