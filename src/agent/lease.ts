import type { App } from '../app/index.js';
import { leaseOwner } from '../state/index.js';

/** DESIGN §6: the lease expires after 60 s unless renewed; renewed every 20 s while held. */
export const LEASE_TTL_MS = 60_000;
const RENEW_EVERY_MS = 20_000;

/**
 * Runs `fn` holding the single-writer lease. A second writer gets the store's `lease-held`
 * error, whose message names the owner. The lease is released when `fn` settles.
 */
export async function withLease<T>(app: App, command: string, fn: (owner: string) => Promise<T>): Promise<T> {
  const owner = leaseOwner(command);
  app.store.lease.acquire(owner, LEASE_TTL_MS);
  const timer = setInterval(() => {
    try {
      app.store.lease.renew(owner, LEASE_TTL_MS);
    } catch {
      // Lost to another writer: the next journal write still happens under our run; the
      // store refuses nothing here, so stop renewing and let the run end.
      clearInterval(timer);
    }
  }, RENEW_EVERY_MS);
  timer.unref();
  try {
    return await fn(owner);
  } finally {
    clearInterval(timer);
    app.store.lease.release(owner);
  }
}
