import type { RenewalEntry } from '../agent/index.js';
import type { JournalEntry } from '../state/index.js';
import type { AttentionEntry, CustomerView, PlanHeadline } from './estate-view.js';
import { when } from './pages/format.js';

/** Renewals this close (whole days) that still need a decision are listed. */
export const RENEWAL_ATTENTION_DAYS = 30;

export interface AttentionInput {
  readonly customers: readonly CustomerView[];
  readonly renewals: readonly RenewalEntry[];
  /** Journal rows whose outcome is not known (`in-flight`, `unknown`). */
  readonly inDoubt: readonly JournalEntry[];
  readonly newestPlan: PlanHeadline | undefined;
  readonly olderPlans: number;
}

/**
 * What needs a person (docs/dashboard.md "Needs attention"): journal rows in doubt first (each
 * holds its item), then everything with a deadline, soonest first — refund and cancellation
 * windows closing, renewals within 30 days that still need a decision (the item is drifted or
 * blocked, so what renews is not what the spec says, or autorenew is off and it ends) — then
 * blocked items with their reason and the plan awaiting review. Pure.
 */
export function buildAttention(input: AttentionInput): AttentionEntry[] {
  const names = new Map(input.customers.map((c) => [c.customerId as string, c.customerName]));
  const states = new Map<string, string>();
  for (const c of input.customers)
    for (const i of c.items) states.set(`${c.customerId}|${i.item}`, i.state);

  const inDoubt = input.inDoubt.map((row): AttentionEntry => ({
    kind: 'row-in-doubt',
    customerId: row.customerId,
    ...named(names.get(row.customerId)),
    ...(row.item === undefined ? {} : { item: row.item }),
    detail: `${row.kind}/${row.step ?? '-'} (request ${row.requestId}) is ${row.status} since ${when(row.createdAt)}: its item waits. The next cycle settles it; if it stays, settle it by hand with \`qm state settle ${row.id}\`.`,
  }));
  const dated: AttentionEntry[] = [];
  for (const r of input.renewals) {
    const window = windowEntry(r, names);
    if (window !== undefined) dated.push(window);
    const state = states.get(`${r.customerId}|${r.item}`);
    const undecided = r.ends === true || state === 'drifted' || state === 'blocked';
    if (undecided && r.renewsAt !== undefined && (r.daysLeft ?? Infinity) <= RENEWAL_ATTENTION_DAYS)
      dated.push({
        kind: 'renewal-decision',
        deadline: r.renewsAt,
        ...about(r),
        detail:
          r.ends === true
            ? `autorenew is off: ${r.quantity} seats end at renewal unless autorenew is turned on in the spec`
            : `renews with ${r.next?.quantity ?? r.quantity} seats while the spec wants a change the agent has not made (${state ?? 'unknown'}): review the item`,
      });
  }
  dated.sort((a, b) => (a.deadline ?? '').localeCompare(b.deadline ?? ''));
  const blocked = input.customers.flatMap((c) =>
    c.items.flatMap((i): AttentionEntry[] =>
      i.blocked === undefined
        ? []
        : [
            {
              kind: 'blocked',
              customerId: c.customerId,
              customerName: c.customerName,
              item: i.item,
              ...(i.productName === undefined ? {} : { productName: i.productName }),
              detail: `[${i.blocked.code}] ${i.blocked.reason}`,
            },
          ],
    ),
  );
  const plan = input.newestPlan;
  const review: AttentionEntry[] =
    plan === undefined
      ? []
      : [
          {
            kind: 'plan-awaiting-review',
            planId: plan.id,
            detail: `${plan.actions} action(s) saved ${when(plan.savedAt)} wait for review: \`qm show --plan-id ${plan.id}\`, then \`qm apply --plan-id ${plan.id}\`${input.olderPlans > 0 ? ` (${input.olderPlans} older saved plan(s) on the Plans page)` : ''}`,
          },
        ];
  return [...inDoubt, ...dated, ...blocked, ...review];
}

/** One entry per subscription with an open refund or cancellation window, at the earlier end. */
function windowEntry(
  r: RenewalEntry,
  names: ReadonlyMap<string, string>,
): AttentionEntry | undefined {
  const { refundUntil, refundableSeats, cancelUntil } = r.deadlines;
  const ends = [refundUntil, cancelUntil].filter((d): d is string => d !== undefined).sort();
  const deadline = ends[0];
  if (deadline === undefined) return undefined;
  const parts = [
    refundUntil === undefined
      ? undefined
      : `${refundableSeats ?? 'some'} seat(s) can be returned for a refund until ${when(refundUntil)}`,
    cancelUntil === undefined ? undefined : `it can be cancelled until ${when(cancelUntil)}`,
  ].filter((p): p is string => p !== undefined);
  return {
    kind: refundUntil === undefined ? 'cancel-window' : 'refund-window',
    deadline,
    ...about(r),
    customerName: names.get(r.customerId) ?? r.customerName,
    detail: `${parts.join('; ')}: a decrease or cancellation after that is not refunded`,
  };
}

function about(
  r: RenewalEntry,
): Pick<AttentionEntry, 'customerId' | 'customerName' | 'item' | 'productName'> {
  return {
    customerId: r.customerId,
    customerName: r.customerName,
    item: r.item,
    ...(r.productName === undefined ? {} : { productName: r.productName }),
  };
}

function named(name: string | undefined): { customerName?: string } {
  return name === undefined ? {} : { customerName: name };
}
