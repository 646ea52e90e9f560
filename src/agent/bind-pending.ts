import { findOrderSubscription } from '../applier/index.js';
import type { Binding } from '../model/index.js';
import type { AgentPorts } from './ports.js';

/**
 * Finds subscriptions of earlier purchases that have become visible under their order
 * (`GET .../subscriptions?order_id=`, docs/decisions.md) and returns the bindings to record. Only reads:
 * the caller writes them (`commitStateChange`), so a reader without the lease can skip that.
 * A customer whose read fails is left for the next run.
 */
export async function findPendingBindings(
  ports: Pick<AgentPorts, 'state' | 'applierPorts'>,
): Promise<Binding[]> {
  const base = ports.applierPorts(undefined);
  const found: Binding[] = [];
  const reading = {
    ...base,
    bindings: {
      get: base.bindings.get.bind(base.bindings),
      put: (binding: Binding) => void found.push(binding),
    },
  };
  for (const binding of ports.state.bindings.list()) {
    if (
      binding.kind !== 'subscription' ||
      binding.orderId === undefined ||
      binding.subscriptionId !== undefined
    )
      continue;
    try {
      await findOrderSubscription(binding, reading);
    } catch {
      // Not visible or not reachable now: the purchase stays in flight and is retried next run.
    }
  }
  return found;
}
