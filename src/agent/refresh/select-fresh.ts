import type {
  CustomerId,
  DesiredCustomer,
  FreshReason,
  ObservedCustomer,
} from '../../model/index.js';
import { computeCustomerSpecDigest } from '../../planner/index.js';
import type { CustomerCoverage, RefreshMark } from '../ports.js';
import { snapshotDue } from './snapshot-due.js';

/** What the selection knows; every instant is passed in (pure). */
export interface FreshSelectionInput {
  readonly customers: readonly DesiredCustomer[];
  readonly snapshot: (customerId: CustomerId) => ObservedCustomer | undefined;
  readonly coverage: ReadonlyMap<CustomerId, CustomerCoverage>;
  readonly mark: RefreshMark;
  /** The newest relevant audit `operationDate` per customer in the window read. */
  readonly audited: ReadonlyMap<CustomerId, string>;
  /** Customers with purchases in flight or journal rows unsettled or written since the mark. */
  readonly agentActive: ReadonlySet<CustomerId>;
  /** Customers the caller wants read whatever the rest says (a saved plan's customers). */
  readonly requested: ReadonlySet<CustomerId>;
  /** Customers with purchases in flight (their reads include orders and entitlements). */
  readonly inFlight: ReadonlySet<CustomerId>;
  readonly now: Date;
  readonly fullEveryMs: number;
  readonly overlapMs: number;
}

/** One customer's verdict: read it (and why), or plan from its snapshot. */
export type FreshVerdict =
  | { readonly read: true; readonly because: FreshReason }
  | { readonly read: false; readonly snapshot: ObservedCustomer };

/**
 * Decides, customer by customer, whether an incremental cycle reads it or plans from its stored
 * snapshot (docs/scale.md "Incremental refresh"). A snapshot stands in only when nothing says it
 * may be out of date: it is covered up to the file's mark with the same spec, younger than
 * `fullEvery`, it holds what a read would read now, no audit record for the customer is at or
 * after its `observedAt` less the overlap, the agent has not written to the customer since, and
 * no deadline the feed does not record has come (`snapshotDue`). Reasons are checked in that
 * order; the first found is reported.
 */
export function selectFreshCustomers(input: FreshSelectionInput): Map<CustomerId, FreshVerdict> {
  const verdicts = new Map<CustomerId, FreshVerdict>();
  const markAt = Date.parse(input.mark.auditThrough);
  for (const customer of input.customers) {
    const because = reasonToRead(input, customer, markAt);
    if (typeof because === 'string') verdicts.set(customer.id, { read: true, because });
    else verdicts.set(customer.id, { read: false, snapshot: because });
  }
  return verdicts;
}

function reasonToRead(
  input: FreshSelectionInput,
  customer: DesiredCustomer,
  markAt: number,
): FreshReason | ObservedCustomer {
  if (input.requested.has(customer.id)) return 'requested';
  const snapshot = input.snapshot(customer.id);
  if (snapshot === undefined) return 'no-snapshot';
  const covered = input.coverage.get(customer.id);
  if (covered === undefined || !(Date.parse(covered.coveredUntil) >= markAt)) return 'not-covered';
  if (covered.specDigest !== computeCustomerSpecDigest(customer)) return 'spec-changed';
  const observedAt = Date.parse(snapshot.observedAt);
  if (!(input.now.getTime() - observedAt < input.fullEveryMs)) return 'snapshot-old';
  if (!readsAlike(snapshot, customer, input.inFlight.has(customer.id))) return 'reads-changed';
  if (input.agentActive.has(customer.id)) return 'agent-activity';
  const audited = input.audited.get(customer.id);
  if (audited !== undefined && Date.parse(audited) >= observedAt - input.overlapMs)
    return 'audit-activity';
  return snapshotDue(snapshot, input.now, input.overlapMs) ?? snapshot;
}

/**
 * Whether the snapshot holds what a read would read now (agent/refresh.ts `readCustomer`):
 * orders and entitlements only for customers with one-time items or purchases in flight, and a
 * registration per Azure subscription the purchases name. Otherwise its digest would differ
 * from a fresh read's for the same world.
 */
function readsAlike(snapshot: ObservedCustomer, customer: DesiredCustomer, inFlight: boolean) {
  const needsOneTime = customer.purchases.length > 0 || inFlight;
  if ((snapshot.orders !== undefined) !== needsOneTime) return false;
  const wanted = [
    ...new Set(customer.purchases.flatMap((p) => p.azureSubscriptionId ?? [])),
  ].sort();
  const held = (snapshot.registrations ?? []).map((r) => r.azureSubscriptionId).sort();
  if (wanted.length === 0) return snapshot.registrations === undefined;
  return wanted.length === held.length && wanted.every((id, i) => id === held[i]);
}
