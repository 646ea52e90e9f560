import type { Binding } from '../../src/model/index.js';
import type { OrderRecord, RunningSandbox } from '../../src/sandbox/index.js';
import type { JournalEntry } from '../../src/state/index.js';
import type { SoakEstate, SoakItem } from './soak-estate.js';

/**
 * The soak's invariants, read from the sandbox's own records (orders, subscriptions,
 * registrations, the request log with its `MS-RequestId` replay markers) and the state store
 * the agent left behind — never from what the agent printed.
 */
export interface SoakVerdict {
  /** Effects applied more than the spec implies: a second order, a PATCH committed twice, … */
  readonly duplicates: string[];
  /** Effects missing, or money the state store does not know about (an order, a write). */
  readonly lost: string[];
  /** Anything else that is not the spec's estate: wrong quantities, open rows, a final plan with work. */
  readonly unconverged: string[];
  /** Orders the agent placed (through a cart) in the round. */
  readonly orders: number;
  /** Committed writes whose MS-RequestId matched a journal row. */
  readonly journalledWrites: number;
}

export interface AgentState {
  readonly journal: readonly JournalEntry[];
  readonly bindings: readonly Binding[];
  readonly open: readonly JournalEntry[];
}

export interface FinalPlan {
  readonly code: number | null;
  readonly actions: readonly { kind: string; item?: string }[];
  readonly blocked: readonly { code: string; item: string; reason?: string }[];
  readonly error?: string;
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const subPath = (customerId: string, subscriptionId: string): string =>
  `/v1/customers/${customerId}/subscriptions/${subscriptionId}`.toLowerCase();

export function checkInvariants(
  sandbox: RunningSandbox,
  estate: SoakEstate,
  state: AgentState,
  plan: FinalPlan,
): SoakVerdict {
  const duplicates: string[] = [];
  const lost: string[] = [];
  const unconverged: string[] = [];
  const requests = sandbox.state.requests();
  /** Committed PATCHes per subscription path: a 2xx the server processed, not a replay. */
  const patches = new Map<string, number>();
  for (const r of requests) {
    if (r.method !== 'PATCH' || r.replayed === true || r.status < 200 || r.status >= 300) continue;
    const path = r.path.toLowerCase();
    patches.set(path, (patches.get(path) ?? 0) + 1);
  }
  const expectedPatches = new Map<string, number>();
  let orders = 0;

  for (const customer of estate.customers) {
    const c = customer.id;
    const agentOrders = sandbox.state.orders(c).filter((o) => o.cartId !== undefined);
    orders += agentOrders.length;
    const subs = new Map(sandbox.state.subscriptions(c).map((s) => [s.id, s]));
    const claimed = new Set<string>();

    for (const item of customer.items) {
      const where = `${c.slice(0, 8)}/${item.key}`;
      if (item.purchase) {
        const mine = agentOrders.filter((o) => orderHolds(o, item));
        for (const o of mine) claimed.add(o.id);
        if (mine.length === 0) lost.push(`${where}: no order for ${shape(item)}`);
        if (mine.length > 1)
          duplicates.push(`${where}: ${mine.length} orders for ${shape(item)} (${ids(mine)})`);
        for (const o of mine) {
          const line = o.lineItems.find((l) => l.productId === item.productId);
          if (line !== undefined && item.want.quantity !== undefined) {
            if (line.quantity !== item.want.quantity)
              unconverged.push(
                `${where}: order ${o.id} has ${line.quantity}, spec ${item.want.quantity}`,
              );
          }
          if (
            line?.termDuration !== undefined &&
            item.term !== undefined &&
            line.termDuration !== item.term
          )
            unconverged.push(
              `${where}: order ${o.id} term ${line.termDuration}, spec ${item.term}`,
            );
        }
        if (item.kind === 'reservation' && item.azureSubscriptionId !== undefined) {
          const registered = sandbox.state
            .registrations(c)
            .some((r) => r.subscriptionId === item.azureSubscriptionId);
          if (!registered)
            lost.push(`${where}: Azure plan ${item.azureSubscriptionId} not registered`);
        }
        if (item.kind === 'buy-licence' || item.kind === 'buy-saas') {
          const created = mine.flatMap((o) =>
            o.lineItems.flatMap((l) => (l.subscriptionId === undefined ? [] : [l.subscriptionId])),
          );
          for (const id of created) {
            expectedPatches.set(subPath(c, id), item.patches);
            const s = subs.get(id);
            if (s === undefined) lost.push(`${where}: subscription ${id} of the order is missing`);
            else compareSubscription(where, s, item, unconverged, duplicates);
          }
        }
        continue;
      }
      if (item.subscriptionId === undefined) continue;
      expectedPatches.set(subPath(c, item.subscriptionId), item.patches);
      const s = subs.get(item.subscriptionId);
      if (s === undefined) lost.push(`${where}: subscription ${item.subscriptionId} is missing`);
      else compareSubscription(where, s, item, unconverged, duplicates);
    }

    for (const u of customer.unmanaged) {
      const s = subs.get(u.id);
      if (s === undefined || s.quantity !== u.quantity || s.autoRenewEnabled !== u.autoRenew)
        unconverged.push(`${c.slice(0, 8)}: unmanaged subscription ${u.id} was changed`);
    }
    for (const o of agentOrders) {
      if (!claimed.has(o.id))
        duplicates.push(
          `${c.slice(0, 8)}: order ${o.id} (${o.lineItems.map((l) => `${l.productId}:${l.skuId}`).join(', ')}) matches no spec purchase`,
        );
    }

    // No lost journal row: every order the sandbox holds is named by the state store.
    for (const o of agentOrders) {
      const inJournal = state.journal.some((row) => row.orderIds.includes(o.id as never));
      const inBinding = state.bindings.some((b) => b.orderId === o.id);
      if (!inJournal && !inBinding)
        lost.push(`${c.slice(0, 8)}: order ${o.id} is in no journal row and no binding`);
    }
  }

  // No double PATCH effect: exactly the PATCHes the spec implies, per subscription.
  for (const [path, n] of patches) {
    const want = expectedPatches.get(path) ?? 0;
    if (n > want) duplicates.push(`${path}: ${n} committed PATCHes, spec implies ${want}`);
  }
  for (const [path, want] of expectedPatches) {
    const n = patches.get(path) ?? 0;
    if (n < want) lost.push(`${path}: ${n} committed PATCHes, spec implies ${want}`);
  }

  // Replay markers: one MS-RequestId commits at most once per call; every write was journalled.
  const journalIds = new Set(state.journal.map((row) => row.requestId.toLowerCase()));
  const committedIds = new Map<string, number>();
  let journalledWrites = 0;
  for (const r of requests) {
    if (!MUTATING.has(r.method) || !r.path.toLowerCase().startsWith('/v1/customers/')) continue;
    if (r.replayed === true || r.status < 200 || r.status >= 300) continue;
    const id = (r.requestId ?? '(none)').toLowerCase();
    const key = `${r.method} ${r.path.toLowerCase()} ${id}`;
    committedIds.set(key, (committedIds.get(key) ?? 0) + 1);
    if (journalIds.has(id)) journalledWrites += 1;
    else lost.push(`${r.method} ${r.path} (${r.status}, MS-RequestId ${id}) has no journal row`);
  }
  for (const [key, n] of committedIds)
    if (n > 1) duplicates.push(`${key}: committed ${n} times (not answered as a replay)`);

  // Nothing left in doubt, and a final plan with nothing to do.
  for (const row of state.open)
    unconverged.push(
      `journal row ${row.id} (${row.kind}/${row.step ?? '-'} ${row.item ?? ''}) left ${row.status}`,
    );
  if (plan.error !== undefined) unconverged.push(`final plan: ${plan.error}`);
  if (plan.code !== 0) unconverged.push(`final plan --detailed-exitcode exited ${plan.code}`);
  for (const a of plan.actions) unconverged.push(`final plan still has ${a.kind} ${a.item ?? ''}`);
  for (const b of plan.blocked)
    unconverged.push(`final plan blocks ${b.item} [${b.code}]: ${b.reason ?? ''}`);

  return { duplicates, lost, unconverged, orders, journalledWrites };
}

function orderHolds(order: OrderRecord, item: SoakItem): boolean {
  return order.lineItems.some((l) => l.productId === item.productId && l.skuId === item.skuId);
}

function shape(item: SoakItem): string {
  return `${item.productId}:${item.skuId}${item.term === undefined ? '' : ` ${item.term}`} ${item.billing}`;
}

function ids(orders: readonly OrderRecord[]): string {
  return orders.map((o) => o.id).join(', ');
}

function compareSubscription(
  where: string,
  s: {
    quantity: number;
    autoRenewEnabled: boolean;
    status: string;
    scheduled: { quantity: number } | null;
  },
  item: SoakItem,
  out: string[],
  overshoot: string[],
): void {
  const { want } = item;
  if (want.status !== undefined && s.status !== want.status)
    out.push(`${where}: status ${s.status}, spec wants ${want.status}`);
  // More seats than the spec after an increase (or a purchase) is an effect applied twice.
  if (want.quantity !== undefined && s.quantity !== want.quantity)
    (s.quantity > want.quantity && item.kind !== 'refund-decrease' ? overshoot : out).push(
      `${where}: ${s.quantity} seats, spec wants ${want.quantity}`,
    );
  if (want.autoRenew !== undefined && s.autoRenewEnabled !== want.autoRenew)
    out.push(`${where}: autorenew ${s.autoRenewEnabled}, spec wants ${want.autoRenew}`);
  if (want.scheduledQuantity === null && s.scheduled !== null)
    out.push(`${where}: scheduled change to ${s.scheduled.quantity} seats, spec wants none`);
  if (
    typeof want.scheduledQuantity === 'number' &&
    s.scheduled?.quantity !== want.scheduledQuantity
  )
    out.push(
      `${where}: renews with ${s.scheduled?.quantity ?? 'no change'}, spec wants ${want.scheduledQuantity}`,
    );
}
