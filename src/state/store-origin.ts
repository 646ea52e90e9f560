import type { Database } from 'better-sqlite3';

/**
 * How a state file came to be, recorded in `meta` when it is created:
 * - `first-run`: created because no file existed;
 * - `reset`: created by `qm state reset` on purpose; `resetAt` is when, `resetFrom` the backup
 *   of the file it replaced (absent when there was none). The planner buys nothing for a
 *   customer until the order-list delay has passed since `resetAt` with that customer observed;
 * - `unknown`: a file created before this was recorded (schema 2 or older).
 */
export interface StoreOrigin {
  readonly createdBy: 'first-run' | 'reset' | 'unknown';
  readonly createdAt?: string;
  readonly resetAt?: string;
  readonly resetFrom?: string;
}

const KEYS = {
  createdBy: 'created_by',
  createdAt: 'created_at',
  resetAt: 'reset_at',
  resetFrom: 'reset_from',
} as const;

/** Records `origin` in a new store's `meta` (inside the creating transaction). */
export function writeStoreOrigin(db: Database, origin: StoreOrigin): void {
  const put = db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)');
  for (const [field, key] of Object.entries(KEYS)) {
    const value = origin[field as keyof StoreOrigin];
    if (value !== undefined) put.run(key, value);
  }
}

/** Reads the origin back; `unknown` when none was recorded. */
export function readStoreOrigin(db: Database): StoreOrigin {
  const rows = db
    .prepare<[], { key: string; value: string }>(
      "SELECT key, value FROM meta WHERE key IN ('created_by', 'created_at', 'reset_at', 'reset_from')",
    )
    .all();
  const value = (key: string): string | undefined => rows.find((r) => r.key === key)?.value;
  const createdBy = value(KEYS.createdBy);
  const [createdAt, resetAt, resetFrom] = [KEYS.createdAt, KEYS.resetAt, KEYS.resetFrom].map(value);
  return {
    createdBy: createdBy === 'first-run' || createdBy === 'reset' ? createdBy : 'unknown',
    ...(createdAt !== undefined && { createdAt }),
    ...(resetAt !== undefined && { resetAt }),
    ...(resetFrom !== undefined && { resetFrom }),
  };
}
