/**
 * How a plan's live state was obtained (docs/scale.md "Incremental refresh",
 * docs/plan-format.md "basis.refresh"): which customers were read from Partner Center this
 * cycle and which were planned from the snapshot the state store kept, and why.
 */

/** Why a customer was read fresh in incremental mode. */
export type FreshReason =
  /** The cycle was a full refresh. */
  | 'full'
  /** The state store holds no snapshot of it. */
  | 'no-snapshot'
  /** Its snapshot is not known current up to the file's audit mark (new in scope, moved by a reshard, an earlier read failed). */
  | 'not-covered'
  /** Its snapshot is older than `refresh.fullEvery`. */
  | 'snapshot-old'
  /** The audit feed shows activity on it since its snapshot (less the overlap). */
  | 'audit-activity'
  /** A purchase in flight, or a journal row unsettled or written since the mark. */
  | 'agent-activity'
  /** Its spec changed since it was last covered. */
  | 'spec-changed'
  /** What a read of it covers changed (a one-time item or a purchase in flight came or went): the snapshot lacks or holds lists a read would not. */
  | 'reads-changed'
  /** A renewal or refund/cancellation deadline of a live subscription is due (the feed does not record them). */
  | 'deadline'
  /** Its snapshot holds something Partner Center settles on its own (a pending order or subscription, a registration under way, an unreadable item). */
  | 'unsettled'
  /** The caller asked (a saved plan being applied reads every customer it touches). */
  | 'requested';

/** Why an incremental cycle fell back to a full refresh. */
export type FullRefreshReason =
  /** No mark yet (first incremental cycle of this state file). */
  | 'no-mark'
  /** `refresh.fullEvery` has passed since the last full refresh. */
  | 'full-every'
  /** The mark is older than Partner Center keeps audit records (90 days). */
  | 'audit-gap'
  /** The audit read failed. */
  | 'audit-failed'
  /** This endpoint offers no audit feed to the agent. */
  | 'audit-unavailable';

/** `basis.refresh`: present when `partnerCenter.refresh.mode` is `incremental`. */
export interface RefreshAccount {
  /** What this cycle did: read every customer (`full`) or let the audit feed choose. */
  readonly mode: 'full' | 'incremental';
  /** Why an incremental cycle read everything, with a sentence for people. */
  readonly fullReason?: { readonly code: FullRefreshReason; readonly detail: string };
  /** Customers read from Partner Center this cycle (failed reads included). */
  readonly fresh: number;
  /** Customers planned from their stored snapshot. */
  readonly fromSnapshot: number;
  /** The oldest `observedAt` among the snapshots planned from. */
  readonly oldestSnapshotAt?: string;
  /** Fresh reads by reason (a customer counts once, for the first reason found). */
  readonly freshBecause: Readonly<Partial<Record<FreshReason, number>>>;
  /** The audit window read (incremental cycles), pages and records. */
  readonly audit?: {
    readonly from: string;
    readonly to: string;
    readonly pages: number;
    readonly records: number;
  };
}
