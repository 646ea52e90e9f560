import type {
  CustomerId,
  FreshReason,
  FullRefreshReason,
  ObservedCustomer,
  Plan,
  RefreshAccount,
} from '../../model/index.js';
import type { AuditActivity } from './read-audit.js';
import type { FreshVerdict } from './select-fresh.js';

/** An incremental cycle that reads every customer, and why. */
export interface FullRefresh {
  readonly kind: 'full';
  readonly code: FullRefreshReason;
  readonly detail: string;
}

/** An incremental cycle that read the audit window `from`..`to`. */
export interface AuditRead {
  readonly kind: 'incremental';
  readonly activity: AuditActivity;
  readonly from: Date;
  readonly to: Date;
}

/** `basis.refresh` (docs/plan-format.md): counts by verdict and reason, the oldest snapshot. */
export function buildRefreshAccount(
  verdicts: ReadonlyMap<CustomerId, FreshVerdict>,
  decided: FullRefresh | AuditRead,
): RefreshAccount {
  const freshBecause: Partial<Record<FreshReason, number>> = {};
  let fresh = 0;
  let fromSnapshot = 0;
  let oldest: string | undefined;
  for (const verdict of verdicts.values()) {
    if (verdict.read) {
      fresh += 1;
      freshBecause[verdict.because] = (freshBecause[verdict.because] ?? 0) + 1;
    } else {
      fromSnapshot += 1;
      const at = verdict.snapshot.observedAt;
      if (oldest === undefined || at < oldest) oldest = at;
    }
  }
  return {
    mode: decided.kind,
    ...(decided.kind === 'full'
      ? { fullReason: { code: decided.code, detail: decided.detail } }
      : {}),
    fresh,
    fromSnapshot,
    ...(oldest === undefined ? {} : { oldestSnapshotAt: oldest }),
    freshBecause,
    ...(decided.kind === 'incremental'
      ? {
          audit: {
            from: decided.from.toISOString(),
            to: decided.to.toISOString(),
            pages: decided.activity.pages,
            records: decided.activity.records,
          },
        }
      : {}),
  };
}

/**
 * The plan with its refresh account: `basis.refresh`, and `snapshotAt` on the basis entry of
 * each customer planned from its snapshot. Digests are untouched: a snapshot and a read of the
 * same world digest alike, so a saved plan's staleness check is unchanged.
 */
export function annotatePlan(
  plan: Plan,
  account: RefreshAccount,
  fromSnapshot: ReadonlyMap<CustomerId, ObservedCustomer>,
): Plan {
  const customers = { ...plan.basis.customers };
  for (const [id, snapshot] of fromSnapshot) {
    const entry = customers[id];
    if (entry !== undefined) customers[id] = { ...entry, snapshotAt: snapshot.observedAt };
  }
  return { ...plan, basis: { ...plan.basis, customers, refresh: account } };
}
