import type { CustomerId, Plan, PlanAction } from '../model/index.js';
import { canonicalJson } from '../support/index.js';

/** What moved for one customer between a saved plan and the fresh one. */
export type MovedPart =
  /** Its spec (`basis.customers[id].specDigest`). */
  | 'spec'
  /** Its live state in Partner Center, or whether it could be read. */
  | 'live state'
  /** Its bindings or purchases in flight in the state store. */
  | 'state store bindings/in-flight'
  /** The fresh plan has no basis for it: removed from the specs or out of scope. */
  | 'not planned'
  /** Nothing in its basis moved, yet its actions differ (edited file, a window closed, policy). */
  | 'actions';

export interface StaleCustomer {
  readonly customerId: CustomerId;
  readonly customerName: string;
  readonly moved: readonly MovedPart[];
}

/**
 * The customers a saved plan touches: those it has actions for, plus any customer owning an
 * action one of those depends on (`dependsOn` stays within a customer today; the closure keeps
 * the rule right if that changes). Blocked and unmanaged entries touch nothing: they cause no
 * write. Sorted by id.
 */
export function touchedCustomers(plan: Plan): CustomerId[] {
  const ownerOf = new Map(plan.actions.map((a) => [a.key as string, a.customerId]));
  const touched = new Set<CustomerId>(plan.actions.map((a) => a.customerId));
  let grew = true;
  while (grew) {
    grew = false;
    for (const action of plan.actions) {
      if (!touched.has(action.customerId)) continue;
      for (const key of action.dependsOn ?? []) {
        const owner = ownerOf.get(key);
        if (owner !== undefined && !touched.has(owner)) {
          touched.add(owner);
          grew = true;
        }
      }
    }
  }
  return [...touched].sort();
}

/** The plan's actions for these customers, in plan order. */
export function actionsForCustomers(
  plan: Plan,
  customers: readonly CustomerId[],
): readonly PlanAction[] {
  const wanted = new Set(customers);
  return plan.actions.filter((a) => wanted.has(a.customerId));
}

/**
 * Decides whether a saved plan may be applied now (docs/decisions.md, "a saved plan is applied
 * only if it equals the fresh plan, customer by customer"): for each customer the saved plan
 * touches, its spec, live state and state-store digests must match the fresh plan's, and its
 * actions must equal the fresh plan's actions for it. Customers the saved plan does not touch
 * may change freely. Returns the customers that moved, sorted by id; empty = current.
 */
export function findStaleCustomers(saved: Plan, fresh: Plan): StaleCustomer[] {
  const stale: StaleCustomer[] = [];
  for (const id of touchedCustomers(saved)) {
    const before = saved.basis.customers[id];
    const after = fresh.basis.customers[id];
    const customerName =
      before?.customerName ?? saved.actions.find((a) => a.customerId === id)?.customerName ?? id;
    const moved: MovedPart[] = [];
    if (after === undefined) {
      moved.push('not planned');
    } else {
      if (before?.specDigest !== after.specDigest) moved.push('spec');
      if (before?.observedDigest !== after.observedDigest) moved.push('live state');
      if (before?.stateDigest !== after.stateDigest) moved.push('state store bindings/in-flight');
    }
    if (
      moved.length === 0 &&
      canonicalJson(withoutMoney(actionsForCustomers(saved, [id]))) !==
        canonicalJson(withoutMoney(actionsForCustomers(fresh, [id])))
    ) {
      moved.push('actions');
    }
    if (moved.length > 0) stale.push({ customerId: id, customerName, moved });
  }
  return stale;
}

/**
 * The actions as they are applied: `cost` is what the plan predicted for the reviewer, and its
 * prorated amounts move from one day to the next, so a reviewed plan applied a day later is not
 * refused for it (docs/money.md). What is sent — shape, seats, promotion, co-term date — counts.
 */
function withoutMoney(actions: readonly PlanAction[]): unknown[] {
  return actions.map(({ cost: _cost, ...rest }) => rest);
}
