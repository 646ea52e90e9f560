import type { FreshReason, RefreshAccount } from '../../model/index.js';

const REASON_TEXT: Readonly<Record<FreshReason, string>> = {
  full: 'full refresh',
  'no-snapshot': 'no snapshot',
  'not-covered': 'not covered by the last audit read',
  'snapshot-old': 'snapshot older than refresh.fullEvery',
  'audit-activity': 'audit activity',
  'agent-activity': "the agent's own writes",
  'spec-changed': 'spec changed',
  'reads-changed': 'what to read changed',
  deadline: 'renewal or window due',
  unsettled: 'provisioning under way',
  requested: 'saved plan',
};

const customers = (n: number): string => `${n} customer${n === 1 ? '' : 's'}`;

/**
 * One line saying how the plan's live state was obtained (docs/plan-format.md
 * "basis.refresh"); `undefined` when the plan has no account (refresh mode `full`). A full
 * refresh in incremental mode says why; an incremental one how many customers were read and
 * why, how many were planned from snapshots and how old the oldest is, and the audit window read.
 */
export function refreshLine(account: RefreshAccount | undefined): string | undefined {
  if (account === undefined) return undefined;
  if (account.mode === 'full') {
    const why = account.fullReason === undefined ? '' : ` (${account.fullReason.detail})`;
    return `Refresh: full, ${customers(account.fresh)} read from Partner Center${why}.`;
  }
  const reasons = Object.entries(account.freshBecause)
    .map(([why, n]) => `${n} ${REASON_TEXT[why as FreshReason] ?? why}`)
    .join(', ');
  const read = `${customers(account.fresh)} read from Partner Center${reasons === '' ? '' : ` (${reasons})`}`;
  const kept =
    account.fromSnapshot === 0
      ? ''
      : `, ${customers(account.fromSnapshot)} planned from snapshots${account.oldestSnapshotAt === undefined ? '' : ` (oldest ${account.oldestSnapshotAt})`}`;
  const audit =
    account.audit === undefined
      ? ''
      : `; audit records ${account.audit.from} → ${account.audit.to}: ${account.audit.records} in ${account.audit.pages} page${account.audit.pages === 1 ? '' : 's'}`;
  return `Refresh: incremental, ${read}${kept}${audit}.`;
}
