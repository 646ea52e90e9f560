import type { ActionKey, CustomerId, ItemKey, PlanAction, PlanTarget } from '../model/index.js';
import type { CustomerResult } from './plan-customer.js';

/** `PlanInput.targets` grouped: customer id → its targeted item keys. */
export function groupTargets(
  targets: readonly PlanTarget[] | undefined,
): ReadonlyMap<CustomerId, ReadonlySet<ItemKey>> | undefined {
  if (targets === undefined) return undefined;
  const grouped = new Map<CustomerId, Set<ItemKey>>();
  for (const { customerId, item } of targets) {
    const items = grouped.get(customerId) ?? new Set<ItemKey>();
    items.add(item);
    grouped.set(customerId, items);
  }
  return grouped;
}

/** The targets sorted by customer id, then item, without duplicates (`basis.targets`). */
export function sortTargets(targets: readonly PlanTarget[]): PlanTarget[] {
  const seen = new Map<string, PlanTarget>();
  for (const t of targets) seen.set(`${t.customerId}/${t.item}`, t);
  return [...seen.values()].sort((a, b) => cmp(a.customerId, b.customerId) || cmp(a.item, b.item));
}

/**
 * One customer's plan limited to `items` (`--target`), as Terraform's `-target` does: the
 * actions of those items plus every action they depend on (a base subscription before its add-on,
 * a registration before its reservation), the blocked and drift entries of those items, and no
 * unmanaged entries (a targeted plan reports nothing about the rest of the customer). Runs before the
 * policy's limits, so other items' actions count against no limit.
 */
export function restrictToTargets(
  result: CustomerResult,
  items: ReadonlySet<ItemKey>,
): CustomerResult {
  const byKey = new Map<ActionKey, PlanAction>(result.actions.map((a) => [a.key, a]));
  const kept = new Set<ActionKey>();
  const keep = (action: PlanAction): void => {
    if (kept.has(action.key)) return;
    kept.add(action.key);
    for (const key of action.dependsOn ?? []) {
      const dep = byKey.get(key);
      if (dep !== undefined) keep(dep);
    }
  };
  for (const action of result.actions) if (items.has(action.item)) keep(action);
  return {
    actions: result.actions.filter((a) => kept.has(a.key)),
    blocked: result.blocked.filter((b) => items.has(b.item)),
    unmanaged: [],
    drift: result.drift.filter((d) => items.has(d.item)),
  };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
