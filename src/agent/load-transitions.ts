import type {
  Binding,
  DesiredState,
  EligibilityType,
  ObservedCustomer,
  ObservedState,
  SubscriptionTransitions,
} from '../model/index.js';
import type { AgentPorts } from './ports.js';

/**
 * Reads `transitioneligibilities` for the subscriptions the planner needs them for (issue 16):
 * a live subscription bound to a spec item that names another product or SKU — `immediate` for
 * `change: now`, else `scheduled` (docs/partner-center-api.md §5.4, §5.5). A failed read is kept
 * as a failure, which the planner turns into a blocked entry; it never fails the plan. Most
 * cycles read nothing.
 */
export async function loadTransitionEligibilities(
  app: Pick<AgentPorts, 'reads'>,
  desired: DesiredState,
  observed: ObservedState,
  bindings: readonly Binding[],
): Promise<ObservedState> {
  const read = app.reads.transitionEligibilities?.bind(app.reads);
  if (read === undefined) return observed;
  const bound = new Map(
    bindings
      .filter((b) => b.subscriptionId !== undefined)
      .map((b) => [`${b.customerId}/${b.item}`, b.subscriptionId]),
  );
  const customers: ObservedCustomer[] = [];
  for (const live of observed.customers) {
    const spec = desired.customers.find((c) => c.id === live.customerId);
    const found: SubscriptionTransitions[] = [];
    for (const item of spec?.subscriptions ?? []) {
      if (item.ensure === 'cancelled' || item.quantity === undefined) continue;
      const id = item.subscriptionId ?? bound.get(`${live.customerId}/${item.key}`);
      const sub = live.subscriptions.find((s) => s.id === id);
      if (sub === undefined) continue;
      const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();
      if (same(sub.productId, item.product) && same(sub.skuId, item.sku)) continue;
      const type: EligibilityType = item.change === 'now' ? 'immediate' : 'scheduled';
      try {
        const eligibilities = await read(live.customerId, sub.id, type);
        found.push({ subscriptionId: sub.id, eligibilityType: type, eligibilities });
      } catch (error) {
        const failure = error instanceof Error ? error.message : String(error);
        found.push({ subscriptionId: sub.id, eligibilityType: type, failure });
      }
    }
    customers.push(found.length === 0 ? live : { ...live, transitionEligibilities: found });
  }
  return { ...observed, customers };
}
