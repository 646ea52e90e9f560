import type { App } from '../app/index.js';
import { leaseOwner } from '../state/index.js';

/** DESIGN §6: the lease expires after 60 s unless renewed; renewed every 20 s while held. */
export const LEASE_TTL_MS = 60_000;
const RENEW_EVERY_MS = 20_000;

/**
 * Runs `fn` holding the single-writer lease. A second writer gets the store's `lease-held`
 * error, whose message names the owner. `fn` gets a signal that aborts if the lease is lost
 * (our renewal came too late and another writer took over): the applier then starts no further
 * action, so two writers never act at once. The lease is released when `fn` settles.
 */
export async function withLease<T>(
  app: App,
  command: string,
  fn: (owner: string, lost: AbortSignal) => Promise<T>,
): Promise<T> {
  const owner = leaseOwner(command);
  app.store.lease.acquire(owner, LEASE_TTL_MS);
  const lost = new AbortController();
  const timer = setInterval(() => {
    try {
      app.store.lease.renew(owner, LEASE_TTL_MS);
    } catch (error) {
      clearInterval(timer);
      lost.abort(error);
    }
  }, RENEW_EVERY_MS);
  timer.unref();
  try {
    return await fn(owner, lost.signal);
  } finally {
    clearInterval(timer);
    if (!lost.signal.aborted) app.store.lease.release(owner);
  }
}
