import { OperationalError } from '../support/index.js';
import type { LeaseClaim, LeasePort } from './ports.js';

/** docs/decisions.md: a lease not renewed for 60 s may be taken over; renewed every 20 s while held. */
export const LEASE_TTL_MS = 60_000;
const RENEW_EVERY_MS = 20_000;

/** `host:pid:command lease <id>`: who holds a lease, for run records and messages. */
export function describeLeaseHolder(claim: LeaseClaim): string {
  return `${claim.host}:${claim.pid}:${claim.command} lease ${claim.id}`;
}

/**
 * Runs `fn` holding the single-writer lease, under a fresh random claim (never host + pid
 * alone: two containers can share both). A second writer gets the store's `lease-held` error,
 * whose message names the holder. The store is fenced to the claim: once another writer takes
 * the lease over, the journal refuses to begin anything for this one. `fn` also gets a signal
 * that aborts when a renewal finds the lease lost, so the applier starts no further action.
 * The lease is released when `fn` settles.
 */
export async function withLease<T>(
  ports: { readonly state: { readonly lease: LeasePort } },
  command: string,
  fn: (owner: string, lost: AbortSignal) => Promise<T>,
): Promise<T> {
  const { lease } = ports.state;
  const claim = lease.newClaim(command);
  lease.acquire(claim, LEASE_TTL_MS);
  const lost = new AbortController();
  const timer = setInterval(() => {
    try {
      lease.renew(claim, LEASE_TTL_MS);
    } catch (error) {
      clearInterval(timer);
      lost.abort(error);
    }
  }, RENEW_EVERY_MS);
  timer.unref();
  try {
    return await fn(describeLeaseHolder(claim), lost.signal);
  } finally {
    clearInterval(timer);
    if (!lost.signal.aborted) lease.release(claim);
  }
}

/**
 * How the cycle writes what it observed (snapshots, catalog cache, bindings): at once when it
 * holds the lease, or under a brief lease for a reader; `undefined` when the write was skipped.
 */
export type StateWriter = <T>(write: () => T) => T | undefined;

/** The writer of a cycle that holds the lease: every write goes through. */
export const writeHeld: StateWriter = (write) => write();

/**
 * The writer of a reader (`qm plan`): each write takes the lease briefly; once another writer
 * is found holding it, this and every later write of the cycle is skipped, and `skipped()`
 * says why (the holder).
 */
export function createBriefLeaseWriter(
  lease: LeasePort,
  command: string,
): { readonly write: StateWriter; skipped(): string | undefined } {
  let skipped: string | undefined;
  return {
    write: (write) => {
      if (skipped !== undefined) return undefined;
      const result = writeUnderBriefLease(lease, command, write);
      if (result.written) return result.value;
      skipped = result.why;
      return undefined;
    },
    skipped: () => skipped,
  };
}

/** Whether `error` is the store's "another writer holds the lease". */
export function isLeaseHeld(error: unknown): boolean {
  return error instanceof OperationalError && error.code === 'lease-held';
}

/**
 * Runs the synchronous `write` holding the lease only for its duration (a reader such as
 * `qm plan` that records what it saw). Fails soft: when another writer holds the lease, nothing
 * is written and `{ written: false }` comes back with the store's message naming the holder.
 */
export function writeUnderBriefLease<T>(
  lease: LeasePort,
  command: string,
  write: () => T,
):
  | { readonly written: true; readonly value: T }
  | { readonly written: false; readonly why: string } {
  const claim = lease.newClaim(command);
  try {
    lease.acquire(claim, LEASE_TTL_MS);
  } catch (error) {
    if (!isLeaseHeld(error)) throw error;
    return { written: false, why: (error as Error).message };
  }
  try {
    return { written: true, value: write() };
  } finally {
    lease.release(claim);
  }
}
