import type { Database } from 'better-sqlite3';
import type { Clock } from '../support/index.js';
import {
  claimFromOwner,
  describeClaim,
  systemLeaseEnvironment,
  type LeaseClaim,
  type LeaseEnvironment,
} from './lease-environment.js';
import { describeReshardRefusal, readReshardMark } from './reshard-mark.js';
import { LeaseHeldError, StateStoreError } from './state-error.js';

export * from './lease-environment.js';

/** docs/decisions.md: a lease not renewed for 60 s (as a contender sees it) may be taken over. */
export const DEFAULT_LEASE_TTL_MS = 60_000;

/** The single-writer lease as stored. `owner` is the holder's random claim id. */
export interface LeaseRecord {
  readonly owner: string;
  readonly host?: string;
  readonly pid?: number;
  readonly command?: string;
  readonly acquiredAt: string;
  /** By the holder's clock: shown to people, never compared with another host's clock. */
  readonly expiresAt: string;
  /** Bumped on every acquire and renewal: a contender watches it change. */
  readonly heartbeat: number;
}

/** What `acquire` got: the lease, and whose lease it replaced. */
export interface AcquiredLease extends LeaseRecord {
  readonly takenOverFrom?: { readonly owner: string; readonly reason: 'expired' | 'owner-gone' };
}

/**
 * One writer at a time (docs/decisions.md), fenced: the store remembers the claim it holds, and
 * `fence()` (run by the journal inside the transaction of every write that commits intent)
 * throws once that claim is no longer the lease's owner.
 */
export interface LeaseRepository {
  /**
   * Takes the lease when it is free or ours, when its holder is a process of this host and pid
   * namespace that is gone (its pid is dead or now names a process started at another time),
   * or when this machine has seen it at the same (owner, heartbeat) for the lease duration on
   * its own clock. A bare string is a claim with that id (older callers, tests).
   * A file that `qm state reshard` is moving, or has emptied, refuses every claim except the
   * reshard's own (`options.resharding`).
   * @throws LeaseHeldError (`lease-held`) naming the holder; try again after its message's wait.
   * @throws StateStoreError `state-resharded` for a file marked by `qm state reshard`.
   */
  acquire(
    claim: LeaseClaim | string,
    ttlMs: number,
    options?: { readonly resharding?: boolean },
  ): AcquiredLease;
  /**
   * Bumps the heartbeat and the displayed expiry.
   * @throws StateStoreError `lease-lost` when another writer has taken over: stop writing.
   */
  renew(claim: LeaseClaim | string, ttlMs: number): LeaseRecord;
  /** Gives the lease up; returns false when the claim did not hold it. */
  release(claim: LeaseClaim | string): boolean;
  /** The stored lease; `undefined` when free. */
  current(): LeaseRecord | undefined;
  /**
   * Throws unless this store may write intent now: it holds the current lease, or it never
   * took one and nobody holds it. Call inside the write's transaction.
   * @throws StateStoreError `lease-lost` (fenced) or LeaseHeldError
   */
  fence(): void;
}

interface LeaseRow {
  owner: string;
  acquired_at: string;
  expires_at: string;
  heartbeat: number;
  ttl_ms: number | null;
  host: string | null;
  pid: number | null;
  command: string | null;
  scope: string | null;
  process_start: string | null;
}

const NAME = 'writer';
const idOf = (c: LeaseClaim | string): string => (typeof c === 'string' ? c : c.id);

const toRecord = (r: LeaseRow): LeaseRecord => ({
  owner: r.owner,
  ...(r.host !== null && { host: r.host }),
  ...(r.pid !== null && { pid: r.pid }),
  ...(r.command !== null && { command: r.command }),
  acquiredAt: r.acquired_at,
  expiresAt: r.expires_at,
  heartbeat: r.heartbeat,
});

/** Builds the SQLite lease over an open, migrated database. */
export function createLeaseRepository(
  db: Database,
  clock: Clock,
  env: LeaseEnvironment = systemLeaseEnvironment,
): LeaseRepository {
  const select = db.prepare<[string], LeaseRow>('SELECT * FROM lease WHERE name = ?');
  const upsert = db.prepare(`INSERT INTO lease (name, owner, acquired_at, expires_at, heartbeat,
      ttl_ms, host, pid, command, scope, process_start)
    VALUES (@name, @owner, @acquiredAt, @expiresAt, @heartbeat, @ttlMs, @host, @pid, @command,
      @scope, @processStart)
    ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, acquired_at = excluded.acquired_at,
      expires_at = excluded.expires_at, heartbeat = excluded.heartbeat, ttl_ms = excluded.ttl_ms,
      host = excluded.host, pid = excluded.pid, command = excluded.command,
      scope = excluded.scope, process_start = excluded.process_start`);
  const extend = db.prepare(`UPDATE lease SET expires_at = ?, heartbeat = heartbeat + 1, ttl_ms = ?
    WHERE name = ? AND owner = ?`);
  const remove = db.prepare('DELETE FROM lease WHERE name = ? AND owner = ?');
  const watchOf = db.prepare<[string], { owner: string; heartbeat: number; since: string }>(
    'SELECT owner, heartbeat, since FROM lease_watch WHERE machine = ?',
  );
  const watch = db.prepare(`INSERT INTO lease_watch (machine, owner, heartbeat, since)
    VALUES (?, ?, ?, ?) ON CONFLICT (machine) DO UPDATE SET owner = excluded.owner,
      heartbeat = excluded.heartbeat, since = excluded.since`);
  const clearWatches = db.prepare('DELETE FROM lease_watch');

  /** The claim this store holds; `released` once it held one and gave it up or lost it. */
  let held: LeaseClaim | undefined;
  let released = false;

  const ownerGone = (row: LeaseRow): boolean => {
    if (row.scope === null || row.scope !== env.scope || row.pid === null) return false;
    if (!env.isProcessAlive(row.pid)) return true;
    // The pid is alive but names another process when it started at another time (pid reuse).
    const start = env.processStart(row.pid);
    return row.process_start !== null && start !== undefined && start !== row.process_start;
  };

  /** How long this machine has seen `row` unchanged, recording the sighting when it is new. */
  const unchangedFor = (row: LeaseRow, now: Date): number => {
    const seen = watchOf.get(env.machine);
    if (seen?.owner === row.owner && seen.heartbeat === row.heartbeat) {
      return Math.max(0, now.getTime() - Date.parse(seen.since));
    }
    watch.run(env.machine, row.owner, row.heartbeat, now.toISOString());
    return 0;
  };

  type Attempt = { lease: AcquiredLease } | { refused: StateStoreError };
  const attempt = db.transaction((claim: LeaseClaim, ttlMs: number, reshard: boolean): Attempt => {
    // Read under the write lock: a reshard that marks the file cannot slip in between.
    const mark = reshard ? undefined : readReshardMark(db);
    if (mark !== undefined) {
      const why = describeReshardRefusal(db.name, mark);
      return { refused: new StateStoreError('state-resharded', why) };
    }
    const now = clock.now();
    const row = select.get(NAME);
    let takenOverFrom: AcquiredLease['takenOverFrom'];
    if (row && row.owner !== claim.id) {
      const duration = row.ttl_ms ?? ttlMs;
      if (ownerGone(row)) takenOverFrom = { owner: row.owner, reason: 'owner-gone' };
      else {
        const quiet = unchangedFor(row, now);
        if (quiet < duration) return { refused: heldError(row, duration - quiet) };
        takenOverFrom = { owner: row.owner, reason: 'expired' };
      }
    }
    const lease = {
      owner: claim.id,
      host: claim.host,
      pid: claim.pid,
      command: claim.command,
      acquiredAt: row?.owner === claim.id ? row.acquired_at : now.toISOString(),
      expiresAt: new Date(now.getTime() + ttlMs).toISOString(),
      heartbeat: (row?.heartbeat ?? 0) + 1,
    };
    upsert.run({
      name: NAME,
      ...lease,
      ttlMs,
      scope: claim.scope,
      processStart: claim.processStart ?? null,
    });
    clearWatches.run();
    return { lease: takenOverFrom ? { ...lease, takenOverFrom } : lease };
  });

  const renew = db.transaction((id: string, ttlMs: number): LeaseRecord => {
    const expiresAt = new Date(clock.now().getTime() + ttlMs).toISOString();
    if (extend.run(expiresAt, ttlMs, NAME, id).changes === 0) throw lostError(id, select.get(NAME));
    return toRecord(select.get(NAME) as LeaseRow);
  });

  return {
    acquire: (claimOrOwner, ttlMs, options) => {
      const claim = typeof claimOrOwner === 'string' ? claimFromOwner(claimOrOwner) : claimOrOwner;
      // Committed either way: a refusal records this machine's sighting of the holder.
      const result = attempt.immediate(claim, ttlMs, options?.resharding === true);
      if ('refused' in result) throw result.refused;
      held = claim;
      released = false;
      return result.lease;
    },
    renew: (claim, ttlMs) => renew.immediate(idOf(claim), ttlMs),
    release: (claim) => {
      const id = idOf(claim);
      if (held?.id === id) {
        held = undefined;
        released = true;
      }
      return remove.run(NAME, id).changes > 0;
    },
    current: () => {
      const row = select.get(NAME);
      return row && toRecord(row);
    },
    fence: () => {
      const row = select.get(NAME);
      if (held !== undefined) {
        if (row?.owner !== held.id) throw lostError(held.id, row, 'It starts nothing more.');
        return;
      }
      if (released) throw lostError('this process', row, 'It released the lease.');
      if (row) throw heldError(row, undefined);
    },
  };
}

function lostError(id: string, holder: LeaseRow | undefined, more = ''): StateStoreError {
  return new StateStoreError(
    'lease-lost',
    `${id} no longer holds the state store lease` +
      (holder
        ? `; ${describeClaim(toRecord(holder))} (lease ${holder.owner}) took it over at ${holder.acquired_at}.`
        : '.') +
      (more === '' ? '' : ` ${more}`) +
      ' Stop writing: another writer may be running.',
  );
}

function heldError(row: LeaseRow, waitMs: number | undefined): LeaseHeldError {
  const who = describeClaim(toRecord(row));
  const wait =
    waitMs === undefined
      ? ''
      : ` If it is not renewed in the next ${Math.ceil(waitMs / 1000)} s (as this machine sees it), ` +
        'the next attempt takes it over.';
  return new LeaseHeldError(
    { owner: row.owner, describedAs: who, acquiredAt: row.acquired_at, expiresAt: row.expires_at },
    `The state store is locked by ${who}, lease ${row.owner} (held since ${row.acquired_at}; ` +
      `renewed ${row.heartbeat} times; its clock says it expires at ${row.expires_at}). Another ` +
      `apply, daemon or qm state command is writing: wait for it to finish, or stop it.${wait}`,
  );
}
