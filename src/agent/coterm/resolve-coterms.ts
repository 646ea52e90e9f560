import type {
  AllowedCustomTermEndDate,
  Binding,
  DesiredCustomer,
  DesiredState,
  LiveSubscription,
  ObservedCustomer,
  ObservedState,
  SubscriptionItem,
  Term,
} from '../../model/index.js';
import type { PartnerCenterReadPort } from '../ports.js';

/** What `coterm` resolved to, for the planner (`PlanInput.coterms`) and for humans. */
export interface CotermResolution {
  /** `customerId/itemKey` → the allowed `customTermEndDate` (ISO instant, as the list gives it). */
  readonly coterms: ReadonlyMap<string, string>;
  /** Why an item with `coterm` is bought without co-terming this time (one line each). */
  readonly notes: string[];
}

type CotermReads = Pick<PartnerCenterReadPort, 'customTermEndDates' | 'describeReadFailure'>;

const WITHOUT = 'buying without co-terming';

/**
 * Resolves each `coterm` of a subscription item not bought yet (no binding, no `subscriptionId`)
 * to a `customTermEndDate` Partner Center lists as allowed (docs/spec-reference.md `coterm`):
 * `month-end` takes the `calendarMonthAligned` date; an item key takes the date whose
 * `cotermSubscriptionIds` hold that item's subscription (its `subscriptionId`, else its
 * binding). One `customTermEndDates` read per customer and term, only for customers read this
 * cycle. When no date fits — the target has no live subscription yet, Partner Center lists none
 * for it, the read failed — the item gets no entry and a note, and is bought with its full
 * first term. Never throws. `now` drops dates already past (a list read before midnight).
 */
export async function resolveCoterms(
  reads: CotermReads,
  desired: DesiredState,
  observed: ObservedState,
  bindings: readonly Binding[],
  now: Date,
): Promise<CotermResolution> {
  const coterms = new Map<string, string>();
  const notes: string[] = [];
  const bound = new Map(bindings.map((b) => [`${b.customerId}/${b.item}`, b]));
  for (const customer of desired.customers) {
    const live = observed.customers.find((c) => c.customerId === customer.id);
    if (live === undefined) continue; // not read this cycle: the planner gives it no actions
    const pending = customer.subscriptions.filter(
      (item) =>
        item.coterm !== undefined &&
        item.ensure === 'present' &&
        (item.quantity ?? 0) > 0 &&
        item.subscriptionId === undefined &&
        !bound.has(`${customer.id}/${item.key}`),
    );
    for (const term of new Set(pending.map((item) => item.term))) {
      const items = pending.filter((item) => item.term === term);
      const allowed = await listAllowed(reads, customer, term, items, notes);
      if (allowed === undefined) continue;
      const current = allowed.filter((a) => Date.parse(a.endDate) >= startOfDay(now));
      for (const item of items) {
        const chosen = choose(item, customer, live, bound, current, notes);
        if (chosen !== undefined) coterms.set(`${customer.id}/${item.key}`, chosen);
      }
    }
  }
  return { coterms, notes };
}

async function listAllowed(
  reads: CotermReads,
  customer: DesiredCustomer,
  term: Term,
  items: readonly SubscriptionItem[],
  notes: string[],
): Promise<readonly AllowedCustomTermEndDate[] | undefined> {
  const keys = items.map((item) => item.key).join(', ');
  const read = reads.customTermEndDates?.bind(reads);
  if (read === undefined) {
    notes.push(`${customer.name} ${keys}: custom term end dates cannot be read here; ${WITHOUT}`);
    return undefined;
  }
  try {
    return await read(customer.id, { termDuration: term });
  } catch (error) {
    const failure = describe(reads, error);
    notes.push(
      `${customer.name} (${customer.id}) ${keys}: custom term end dates for a ${term} purchase could not be read (GET …/subscriptions/customTermEndDates: ${failure}); ${WITHOUT}`,
    );
    return undefined;
  }
}

/** The allowed date for one item, or `undefined` with a note saying why none. */
function choose(
  item: SubscriptionItem,
  customer: DesiredCustomer,
  live: ObservedCustomer,
  bound: ReadonlyMap<string, Binding>,
  allowed: readonly AllowedCustomTermEndDate[],
  notes: string[],
): string | undefined {
  const who = `${customer.name} ${item.key}`;
  if (item.coterm === 'month-end') {
    const date = allowed.find((a) => a.kind.toLowerCase() === 'calendarmonthaligned')?.endDate;
    if (date === undefined)
      notes.push(
        `${who}: Partner Center lists no month-end for a ${item.term} purchase; ${WITHOUT}`,
      );
    return date;
  }
  const target = item.coterm ?? '';
  const targetItem = customer.subscriptions.find((s) => s.key === target);
  const id = targetItem?.subscriptionId ?? bound.get(`${customer.id}/${target}`)?.subscriptionId;
  if (id === undefined) {
    notes.push(`${who}: coterm target ${target} has no live subscription yet; ${WITHOUT}`);
    return undefined;
  }
  const sub = live.subscriptions.find((s) => same(s.id, id));
  if (sub === undefined || sub.status !== 'active') {
    const state = sub === undefined ? 'is not in the subscription list' : `is ${sub.status}`;
    notes.push(`${who}: coterm target ${target} (subscription ${id}) ${state}; ${WITHOUT}`);
    return undefined;
  }
  const date = allowed.find((a) => a.cotermSubscriptionIds.some((s) => same(s, id)))?.endDate;
  if (date === undefined) notes.push(`${who}: ${noDateReason(item, target, sub)}; ${WITHOUT}`);
  return date;
}

function noDateReason(item: SubscriptionItem, target: string, sub: LiveSubscription): string {
  const ends =
    sub.commitmentEndDate === undefined ? '' : `, ends ${sub.commitmentEndDate.slice(0, 10)}`;
  return (
    `Partner Center lists no end date co-terming with ${target} (subscription ${sub.id}, ` +
    `${sub.termDuration}${ends}) for a ${item.term} purchase: the date must fall ` +
    `within the new first term, and an annual or triennial term cannot co-term with a monthly one`
  );
}

function describe(reads: CotermReads, error: unknown): string {
  try {
    const failure = reads.describeReadFailure(error);
    return `${failure.code}: ${failure.message}`;
  } catch {
    return error instanceof Error ? error.message : String(error);
  }
}

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

function startOfDay(at: Date): number {
  return Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate());
}
