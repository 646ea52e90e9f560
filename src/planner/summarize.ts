import type {
  ActionKind,
  BlockedCode,
  BlockedEntry,
  PlanAction,
  PlanSummary,
  SkippedCustomer,
  UnmanagedEntry,
} from '../model/index.js';

/** True for actions that commit money or cannot be undone: purchases and cancellations. */
export function isIrreversible(action: PlanAction): boolean {
  return action.kind === 'purchase' || action.kind === 'cancel';
}

/** Counts per kind and per blocked code (only non-zero ones), irreversible, unmanaged, customers. */
export function summarize(
  actions: readonly PlanAction[],
  blocked: readonly BlockedEntry[],
  unmanaged: readonly UnmanagedEntry[],
  customers: number,
  skipped: readonly SkippedCustomer[],
): PlanSummary {
  const byKind: Partial<Record<ActionKind, number>> = {};
  for (const action of actions) byKind[action.kind] = (byKind[action.kind] ?? 0) + 1;
  const byCode: Partial<Record<BlockedCode, number>> = {};
  for (const entry of blocked) byCode[entry.code] = (byCode[entry.code] ?? 0) + 1;
  return {
    actions: byKind,
    totalActions: actions.length,
    irreversible: actions.filter(isIrreversible).length,
    blocked: byCode,
    totalBlocked: blocked.length,
    unmanaged: unmanaged.length,
    customers,
    ...(skipped.length === 0 ? {} : { skippedCustomers: skipped }),
  };
}
