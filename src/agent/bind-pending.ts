import type { App } from '../app/index.js';
import { findOrderSubscription } from '../applier/index.js';

/**
 * Binds subscriptions of earlier purchases that have become visible under their order
 * (`GET .../subscriptions?order_id=`, DESIGN §6). Only reads Partner Center; writes bindings.
 * Returns how many were bound. A customer whose read fails is left for the next run.
 */
export async function bindPendingSubscriptions(app: App): Promise<number> {
  const ports = app.applierPorts(undefined);
  let bound = 0;
  for (const binding of app.store.bindings.list()) {
    if (
      binding.kind !== 'subscription' ||
      binding.orderId === undefined ||
      binding.subscriptionId !== undefined
    )
      continue;
    try {
      if ((await findOrderSubscription(binding, ports)) !== undefined) bound += 1;
    } catch {
      // Not visible or not reachable now: the purchase stays in flight and is retried next run.
    }
  }
  return bound;
}
