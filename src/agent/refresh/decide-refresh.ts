import { isBeyondAuditRetention } from '../../model/index.js';
import type { RefreshConfig } from '../../config/index.js';
import type { AgentPorts, RefreshMark } from '../ports.js';
import { readAuditActivity } from './read-audit.js';
import type { AuditRead, FullRefresh } from './refresh-account.js';

/**
 * Whether an incremental cycle may trust the audit feed, and what the feed shows: a full
 * refresh when the state file has no mark, `fullEvery` has passed since the last full refresh
 * began, the window to read starts beyond the 90 days Partner Center keeps, the endpoint offers
 * no feed, or reading it fails (the failure is named in the plan, never thrown). Otherwise the
 * window from the mark less the overlap up to `through` is read, every page.
 */
export async function decideRefresh(
  app: Pick<AgentPorts, 'reads'>,
  settings: RefreshConfig,
  mark: RefreshMark | undefined,
  now: Date,
  through: Date,
): Promise<FullRefresh | AuditRead> {
  if (mark === undefined)
    return full('no-mark', 'no incremental refresh has run against this state file yet');
  if (!(now.getTime() - Date.parse(mark.fullStartedAt) < settings.fullEveryMs)) {
    return full(
      'full-every',
      `the last full refresh began at ${mark.fullStartedAt}, refresh.fullEvery ago or more`,
    );
  }
  const from = new Date(Date.parse(mark.auditThrough) - settings.overlapMs);
  if (isBeyondAuditRetention(from, now)) {
    return full(
      'audit-gap',
      `the audit feed was last read up to ${mark.auditThrough}, longer ago than the 90 days Partner Center keeps it`,
    );
  }
  const pages = app.reads.auditRecordPages;
  if (pages === undefined) return full('audit-unavailable', 'this endpoint offers no audit feed');
  try {
    const activity = await readAuditActivity(pages, from, through);
    return { kind: 'incremental', activity, from, to: through };
  } catch (error) {
    const why = app.reads.describeReadFailure(error);
    return full(
      'audit-failed',
      `GET /v1/auditrecords failed (${why.code}: ${why.message}), so every customer was read`,
    );
  }
}

function full(code: FullRefresh['code'], detail: string): FullRefresh {
  return { kind: 'full', code, detail };
}
