import type { Database } from 'better-sqlite3';

/**
 * One forward-only schema step. `up` runs inside an IMMEDIATE transaction together with the
 * row that records it, so a migration is applied completely or not at all. There is no `down`:
 * a database is never moved backwards (a newer file is refused instead).
 */
export interface Migration {
  /** 1, 2, 3, … without gaps, in the order they must run. */
  readonly version: number;
  /** kebab-case, for the migrations table and logs. */
  readonly name: string;
  up(db: Database): void;
}
