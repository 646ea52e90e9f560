import type {
  CustomerId,
  FreshReason,
  FullRefreshReason,
  Plan,
  RefreshAccount,
} from '../../model/index.js';
import type { AuditActivity } from './read-audit.js';

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

/** `basis.refresh` (docs/plan-format.md): counts by reason and verdict, the oldest snapshot. */
export function buildRefreshAccount(
  freshBecause: Readonly<Partial<Record<FreshReason, number>>>,
  snapshotAt: ReadonlyMap<CustomerId, string>,
  decided: FullRefresh | AuditRead,
): RefreshAccount {
  let fresh = 0;
  for (const count of Object.values(freshBecause)) fresh += count;
  const fromSnapshot = snapshotAt.size;
  let oldest: string | undefined;
  for (const at of snapshotAt.values()) if (oldest === undefined || at < oldest) oldest = at;
  return {
    mode: decided.kind,
    ...(decided.kind === 'full'
      ? { fullReason: { code: decided.code, detail: decided.detail } }
      : {}),
    fresh,
    fromSnapshot,
    ...(oldest === undefined ? {} : { oldestSnapshotAt: oldest }),
    freshBecause: { ...freshBecause },
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
  snapshotAt: ReadonlyMap<CustomerId, string>,
): Plan {
  const customers = { ...plan.basis.customers };
  for (const [id, at] of snapshotAt) {
    const entry = customers[id];
    if (entry !== undefined) customers[id] = { ...entry, snapshotAt: at };
  }
  return { ...plan, basis: { ...plan.basis, customers, refresh: account } };
}
