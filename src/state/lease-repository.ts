import { hostname } from 'node:os';
import type { Database } from 'better-sqlite3';
import type { Clock } from '../support/index.js';
import { LeaseHeldError, StateStoreError } from './state-error.js';

/** DESIGN §6: a lease expires 60 s after it was last taken or renewed. */
export const DEFAULT_LEASE_TTL_MS = 60_000;

/** The single-writer lease as stored. */
export interface LeaseRecord {
  readonly owner: string;
  readonly acquiredAt: string;
  readonly expiresAt: string;
}

/** What `acquire` got: the lease, and whose lease it replaced (expired or dead owner). */
export interface AcquiredLease extends LeaseRecord {
  readonly takenOverFrom?: { readonly owner: string; readonly reason: 'expired' | 'owner-gone' };
}

/**
 * One writer at a time (DESIGN §6): `apply` and the daemon hold the lease while they run and
 * renew it well before `expiresAt`. Owners are `host:pid:command` strings (`leaseOwner`).
 */
export interface LeaseRepository {
  /**
   * Takes the lease for `ttlMs` when it is free, expired, already ours, or held by a process
   * on this host that no longer exists (a crashed writer: taken over at once).
   * @throws LeaseHeldError (`lease-held`) naming the holder and when its lease expires.
   */
  acquire(owner: string, ttlMs: number): AcquiredLease;
  /**
   * Extends our lease to `ttlMs` from now.
   * @throws StateStoreError `lease-lost` when `owner` no longer holds it (it expired and
   *   another writer took over): the caller must stop writing.
   */
  renew(owner: string, ttlMs: number): LeaseRecord;
  /** Gives the lease up; returns false when `owner` did not hold it. */
  release(owner: string): boolean;
  /** The stored lease, expired or not; `undefined` when free. */
  current(): LeaseRecord | undefined;
}

/** How the lease decides whether a same-host owner process still exists. */
export interface LeaseEnvironment {
  readonly hostname: string;
  isProcessAlive(pid: number): boolean;
}

/** `process.kill(pid, 0)` sends nothing; it fails with ESRCH when there is no such process. */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export const systemLeaseEnvironment: LeaseEnvironment = { hostname: hostname(), isProcessAlive };

/** The owner string for this process: `host:pid:command`. */
export function leaseOwner(command: string, env: { hostname: string; pid: number } = { hostname: hostname(), pid: process.pid }): string {
  return `${env.hostname}:${env.pid}:${command}`;
}

/** Splits `host:pid:command`; `undefined` when `owner` has another shape. */
export function parseLeaseOwner(owner: string): { host: string; pid: number; command: string } | undefined {
  const match = /^([^:]+):(\d+):(.*)$/.exec(owner);
  if (!match) return undefined;
  return { host: match[1] ?? '', pid: Number(match[2]), command: match[3] ?? '' };
}

const NAME = 'writer';

/** Builds the SQLite lease over an open, migrated database. */
export function createLeaseRepository(
  db: Database,
  clock: Clock,
  env: LeaseEnvironment = systemLeaseEnvironment,
): LeaseRepository {
  const select = db.prepare<[string], { owner: string; acquired_at: string; expires_at: string }>(
    'SELECT owner, acquired_at, expires_at FROM lease WHERE name = ?',
  );
  const upsert = db.prepare(`INSERT INTO lease (name, owner, acquired_at, expires_at) VALUES (?, ?, ?, ?)
    ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, acquired_at = excluded.acquired_at,
      expires_at = excluded.expires_at`);
  const extend = db.prepare('UPDATE lease SET expires_at = ? WHERE name = ? AND owner = ?');
  const remove = db.prepare('DELETE FROM lease WHERE name = ? AND owner = ?');

  const read = (): LeaseRecord | undefined => {
    const row = select.get(NAME);
    return row && { owner: row.owner, acquiredAt: row.acquired_at, expiresAt: row.expires_at };
  };

  const ownerGone = (owner: string): boolean => {
    const parsed = parseLeaseOwner(owner);
    return parsed !== undefined && parsed.host === env.hostname && !env.isProcessAlive(parsed.pid);
  };

  // IMMEDIATE: the read and the write happen under one write lock, so two racing processes
  // are serialised by SQLite and exactly one sees the lease free.
  const acquire = db.transaction((owner: string, ttlMs: number): AcquiredLease => {
    const now = clock.now();
    const held = read();
    let takenOverFrom: AcquiredLease['takenOverFrom'];
    if (held && held.owner !== owner) {
      if (held.expiresAt <= now.toISOString()) takenOverFrom = { owner: held.owner, reason: 'expired' };
      else if (ownerGone(held.owner)) takenOverFrom = { owner: held.owner, reason: 'owner-gone' };
      else throw heldError(held, now);
    }
    const lease = {
      owner,
      acquiredAt: held?.owner === owner ? held.acquiredAt : now.toISOString(),
      expiresAt: new Date(now.getTime() + ttlMs).toISOString(),
    };
    upsert.run(NAME, lease.owner, lease.acquiredAt, lease.expiresAt);
    return takenOverFrom ? { ...lease, takenOverFrom } : lease;
  });

  const renew = db.transaction((owner: string, ttlMs: number): LeaseRecord => {
    const expiresAt = new Date(clock.now().getTime() + ttlMs).toISOString();
    if (extend.run(expiresAt, NAME, owner).changes === 0) {
      const holder = read();
      throw new StateStoreError(
        'lease-lost',
        `${owner} no longer holds the state store lease` +
          (holder ? `; ${holder.owner} took it over at ${holder.acquiredAt}.` : '.') +
          ' Stop writing: another writer may be running.',
      );
    }
    return read() as LeaseRecord;
  });

  return {
    acquire: (owner, ttlMs) => acquire.immediate(owner, ttlMs),
    renew: (owner, ttlMs) => renew.immediate(owner, ttlMs),
    release: (owner) => remove.run(NAME, owner).changes > 0,
    current: read,
  };
}

function heldError(held: LeaseRecord, now: Date): LeaseHeldError {
  const seconds = Math.ceil((new Date(held.expiresAt).getTime() - now.getTime()) / 1000);
  return new LeaseHeldError(
    held,
    `The state store is locked by ${held.owner} (held since ${held.acquiredAt}; the lease ` +
      `expires at ${held.expiresAt}, in ${seconds} s unless renewed). Another apply or daemon ` +
      `is writing: wait for it to finish, or stop it.`,
  );
}
