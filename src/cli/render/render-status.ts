import type { RenewalEntry, StatusReport } from '../../agent/index.js';
import { leadWithName } from './describe-action.js';
import { customerLines, instant } from './render-status-customer.js';

/** A plan `qm run` saved for review, as `qm status` lists it. */
export interface AwaitingReview {
  readonly id: string;
  readonly savedAt: string;
  readonly actions: number;
}

/** What `qm status` prints: the report and the newest plans awaiting review. */
export interface StatusView extends StatusReport {
  readonly awaitingReview: readonly AwaitingReview[];
}

/** `qm status --json` (docs/cli-status-history.md): `formatVersion: 1`, fields only ever added. */
export function renderStatusJson(view: StatusView): string {
  const { observedAt, customers, plan, managed, inFlight, activationLinks, renewals } = view;
  return JSON.stringify(
    {
      formatVersion: 1,
      observedAt,
      customers,
      plan,
      managed,
      inFlight,
      activationLinks,
      renewals,
      awaitingReview: view.awaitingReview,
    },
    null,
    2,
  );
}

/**
 * `qm status` for a terminal: a summary, then per customer (by name) a table of its items —
 * seats spec/live, term and billing, autorenew, renewal, open windows, state — with a line below
 * an item for what is planned, blocked, scheduled at renewal or just changed by the agent, and
 * its unmanaged subscriptions; then purchases in flight, activation links, the renewals of the
 * next `renewalDays` days and the plans awaiting review. Pure.
 */
export function renderStatusHuman(view: StatusView, renewalDays: number): string[] {
  const names = new Map(view.customers.map((c) => [c.customerId as string, c.customerName]));
  const who = (id: string): string => names.get(id) ?? id;
  const out: string[] = [...summaryLines(view), ''];
  for (const customer of view.customers) out.push(...customerLines(customer), '');
  out.push(`In flight (${view.inFlight.length}):`);
  for (const f of view.inFlight)
    out.push(
      `  ${f.item} (${who(f.customerId)}) ${leadWithName(f.productName, `since ${f.since}`)}, orders ${f.orderIds.join(', ') || 'unknown'}`,
    );
  out.push(`Activation links (${view.activationLinks.length}):`);
  for (const a of view.activationLinks)
    out.push(
      `  ${a.item} (${who(a.customerId)}) ${leadWithName(a.productName, `order ${a.orderIds.join(', ')}`)}: ${a.links.join(' ')}`,
    );
  const soon = view.renewals.filter((r) => r.daysLeft !== undefined && r.daysLeft <= renewalDays);
  out.push(
    `Renewals in the next ${renewalDays} days (${soon.length} of ${view.renewals.length}; all, live: qm renewals):`,
  );
  for (const r of soon) out.push(`  ${renewalLine(r)}`);
  const changes = view.renewals.filter((r) => r.next?.scheduled === true || r.ends === true);
  out.push(`Changes at renewal (${changes.length}, scheduled in Partner Center or autorenew off):`);
  for (const r of changes) out.push(`  ${renewalLine(r)}`);
  out.push(`Awaiting review (${view.awaitingReview.length} newest, saved by qm run):`);
  for (const p of view.awaitingReview)
    out.push(
      `  ${p.id} saved ${p.savedAt}, ${p.actions} action(s): qm show --plan-id ${p.id}, qm apply --plan-id ${p.id}`,
    );
  return out;
}

function summaryLines(view: StatusView): string[] {
  const seen = view.customers.flatMap((c) => (c.observedAt === undefined ? [] : [c.observedAt]));
  seen.sort();
  const first = seen[0];
  const last = seen[seen.length - 1];
  const refresh =
    first === undefined || last === undefined
      ? 'never (run qm plan)'
      : `${instant(first)}${instant(first) === instant(last) ? '' : ` … ${instant(last)}`} (${seen.length} of ${view.customers.length} customers read)`;
  const items = view.customers.flatMap((c) => c.items);
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item.state, (counts.get(item.state) ?? 0) + 1);
  const byState = [...counts].map(([state, n]) => `${n} ${state}`).join(', ');
  const unmanaged = view.customers.reduce((n, c) => n + c.unmanaged.length, 0);
  const changed = items.filter((i) => i.changed !== undefined).length;
  return [
    `Last refresh: ${refresh}`,
    `Items: ${items.length}${byState === '' ? '' : ` (${byState})`}; unmanaged subscriptions: ${unmanaged}`,
    ...(changed === 0
      ? []
      : [
          `Changed by the agent since the last refresh: ${changed} item(s), marked "changed" (the next qm plan or qm run reads them back)`,
        ]),
  ];
}
/** `2026-12-10 (in 10 days) basic (Contoso Ltd) name × 12 P1M monthly → …`. */
function renewalLine(e: RenewalEntry): string {
  const when =
    e.renewsAt === undefined
      ? 'no renewal date'
      : `${e.renewsAt.slice(0, 10)} (${daysText(e.daysLeft ?? 0)})`;
  const name = e.productName === undefined ? '' : `${e.productName} `;
  const shape = `${e.productId}:${e.skuId} ${e.termDuration} ${e.billingCycle} × ${e.quantity}`;
  const n = e.next;
  const sameProduct =
    n !== undefined &&
    n.productId.toUpperCase() === e.productId.toUpperCase() &&
    n.skuId.toUpperCase() === e.skuId.toUpperCase();
  const next =
    n === undefined
      ? `ends: autorenew is off${e.renewsAt === undefined ? '' : `, it expires at ${instant(e.renewsAt)}`}`
      : n.scheduled
        ? `${sameProduct ? '' : `${n.productId}:${n.skuId} `}${n.termDuration} ${n.billingCycle} × ${n.quantity} (scheduled change)`
        : `unchanged: ${n.termDuration} ${n.billingCycle} × ${n.quantity}`;
  return `${when} ${e.item} (${e.customerName}) ${name}${shape} → ${next}`;
}

function daysText(days: number): string {
  if (days === 0) return 'today';
  if (days < 0) return `due ${-days} day${days === -1 ? '' : 's'} ago`;
  return `in ${days} day${days === 1 ? '' : 's'}`;
}
