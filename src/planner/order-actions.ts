import type {
  ActionKey,
  ActionKind,
  BlockedEntry,
  PlanAction,
  UnmanagedEntry,
} from '../model/index.js';

/**
 * Kind order within one item: registration before the purchase it enables; autorenew before a
 * scheduled change that needs it; an upgrade and quantity changes before (re-)setting a scheduled
 * change (an immediate change wipes it, docs/partner-center-api.md §5.4); cancellation last.
 */
const KIND_RANK: Readonly<Record<ActionKind, number>> = {
  'register-azure-subscription': 0,
  purchase: 1,
  'set-autorenew': 2,
  upgrade: 3,
  'increase-quantity': 4,
  'decrease-quantity': 5,
  'schedule-decrease': 6,
  'schedule-change': 6,
  cancel: 7,
};

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Stable order: customer id, item key, kind rank, key. */
export function compareActions(a: PlanAction, b: PlanAction): number {
  return (
    cmp(a.customerId, b.customerId) ||
    cmp(a.item, b.item) ||
    KIND_RANK[a.kind] - KIND_RANK[b.kind] ||
    cmp(a.key, b.key)
  );
}

/** Sorts into the stable order. */
export function sortActions(actions: readonly PlanAction[]): PlanAction[] {
  return [...actions].sort(compareActions);
}

/**
 * Dependencies first, stable otherwise: walks the stably sorted list and emits each action's
 * unemitted dependencies (depth first, in their own stable order) just before it. Dependencies
 * outside the list are ignored; the planner never creates cycles.
 */
export function orderActions(actions: readonly PlanAction[]): PlanAction[] {
  const sorted = sortActions(actions);
  const byKey = new Map<ActionKey, PlanAction>(sorted.map((a) => [a.key, a]));
  const emitted = new Set<ActionKey>();
  const result: PlanAction[] = [];
  const emit = (action: PlanAction): void => {
    if (emitted.has(action.key)) return;
    emitted.add(action.key);
    const deps = (action.dependsOn ?? [])
      .flatMap((key) => byKey.get(key) ?? [])
      .sort(compareActions);
    for (const dep of deps) emit(dep);
    result.push(action);
  };
  for (const action of sorted) emit(action);
  return result;
}

/** Blocked entries by customer, item, code, subscription, wanted kind, reason. */
export function sortBlocked(entries: readonly BlockedEntry[]): BlockedEntry[] {
  return [...entries].sort(
    (a, b) =>
      cmp(a.customerId, b.customerId) ||
      cmp(a.item, b.item) ||
      cmp(a.code, b.code) ||
      cmp(a.subscriptionId ?? '', b.subscriptionId ?? '') ||
      cmp(a.wanted ?? '', b.wanted ?? '') ||
      cmp(a.reason, b.reason),
  );
}

/** Unmanaged entries by customer, then subscription id. */
export function sortUnmanaged(entries: readonly UnmanagedEntry[]): UnmanagedEntry[] {
  return [...entries].sort(
    (a, b) => cmp(a.customerId, b.customerId) || cmp(a.subscriptionId, b.subscriptionId),
  );
}
