import type { Migration } from './migration.js';

/**
 * Schema 3: fenced writers and explained repairs.
 * - The lease row's `owner` becomes a random id per claim; `host`, `pid`, `command`, `scope`
 *   (host, boot id, pid namespace) and `process_start` describe the holder, and `heartbeat`
 *   counts its renewals. `ttl_ms` is the duration it asked for.
 * - `lease_watch`: per clock domain (`machine`), when a contender first saw the lease at one
 *   (owner, heartbeat). Takeover waits until that has not changed for the lease duration
 *   measured on the contender's own clock, so it never depends on two hosts' clocks agreeing.
 * - `run.detail`: what a repair command (`qm state settle`, `reset`, …) did, for history.
 * Rows from older schemas keep NULL holder details: they are never taken over as a dead
 * same-host process, only after being watched unchanged.
 */
export const migration003LeaseFencing: Migration = {
  version: 3,
  name: 'lease-fencing',
  up(db) {
    db.exec(`
      ALTER TABLE lease ADD COLUMN heartbeat INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE lease ADD COLUMN ttl_ms INTEGER;
      ALTER TABLE lease ADD COLUMN host TEXT;
      ALTER TABLE lease ADD COLUMN pid INTEGER;
      ALTER TABLE lease ADD COLUMN command TEXT;
      ALTER TABLE lease ADD COLUMN scope TEXT;
      ALTER TABLE lease ADD COLUMN process_start TEXT;
      CREATE TABLE lease_watch (
        machine   TEXT PRIMARY KEY,
        owner     TEXT NOT NULL,
        heartbeat INTEGER NOT NULL,
        since     TEXT NOT NULL
      ) STRICT;
      ALTER TABLE run ADD COLUMN detail TEXT;
    `);
  },
};
