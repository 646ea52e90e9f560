import type { SandboxContext } from './context.js';
import { renewIfDue } from './renewal.js';

/**
 * Brings one customer's subscriptions up to the clock: renews or expires every term that has
 * ended. Runs before each request that names the customer, so renewals happen "as the clock
 * passes" at O(that customer's subscriptions). Returns how many subscriptions changed.
 */
export function settleCustomer(ctx: SandboxContext, customerId: string): number {
  const now = ctx.clock.now();
  let changed = 0;
  for (const record of ctx.store.list('subscription', customerId)) {
    const renewed = renewIfDue(record, now, ctx.catalog);
    if (renewed === undefined) continue;
    ctx.store.put('subscription', customerId, record.id, renewed);
    changed += 1;
  }
  return changed;
}

/** Settles every customer (admin sweep); returns how many subscriptions changed. */
export function settleAll(ctx: SandboxContext): number {
  return ctx.store.transaction(() => {
    const now = ctx.clock.now();
    let changed = 0;
    for (const record of ctx.store.all('subscription')) {
      const renewed = renewIfDue(record, now, ctx.catalog);
      if (renewed === undefined) continue;
      ctx.store.put('subscription', record.customerId, record.id, renewed);
      changed += 1;
    }
    return changed;
  });
}
