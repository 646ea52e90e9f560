import type {
  Binding,
  DesiredState,
  LiveSubscription,
  PlanAction,
  PriceBook,
} from '../../model/index.js';
import { chargePeriod } from '../../planner/billing-cycle.js';
import { createPriceBook, cycleMonths, roundMoney } from '../../planner/index.js';
import type { CycleOutcome } from '../cycle.js';
import type { PricingPort, StateReadPort } from '../ports.js';
import type {
  WatchedSubscription,
  NoticeShape,
  PendingChange,
  NoticePrice,
} from './renewal-notices.js';

/**
 * What the renewal notices are built from, gathered after a cycle: the managed subscriptions as
 * the refresh read them, this tick's applied changes laid over them, the changes still pending,
 * and prices from the cached price sheets. No network call.
 */

/**
 * Subscription items of `desired` managing a subscription the last refresh read (bound, or
 * named by `subscriptionId:`), customers whose refresh failed this tick left out (their snapshot
 * may be stale). Tombstoned items count: a
 * cancellation that could not happen still renews.
 */
export function collectManagedSubscriptions(
  desired: DesiredState,
  state: Pick<StateReadPort, 'bindings' | 'snapshots'>,
  skipped: ReadonlySet<string>,
): WatchedSubscription[] {
  const bindings = new Map<string, Binding>();
  for (const b of state.bindings.list()) bindings.set(`${b.customerId}|${b.item}`, b);
  const managed: WatchedSubscription[] = [];
  for (const customer of desired.customers) {
    if (skipped.has(customer.id)) continue;
    const snapshot = state.snapshots.get(customer.id);
    if (snapshot === undefined) continue;
    const subs = new Map(snapshot.subscriptions.map((s) => [s.id as string, s]));
    for (const item of customer.subscriptions) {
      const id = managedId(bindings.get(`${customer.id}|${item.key}`), item.subscriptionId);
      const subscription = id === undefined ? undefined : subs.get(id);
      if (subscription === undefined) continue;
      managed.push({
        customerId: customer.id,
        customerName: customer.name,
        country: customer.country,
        item: item.key,
        subscription,
        observedAt: snapshot.observedAt,
      });
    }
  }
  return managed;
}

/**
 * The subscription an item manages, as the planner matches it: the bound one, else the spec's
 * `subscriptionId:`; none while a purchase's subscription is not visible, or when the two
 * disagree (the plan blocks that as `ambiguous-match`).
 */
function managedId(binding: Binding | undefined, named: string | undefined): string | undefined {
  if (binding === undefined) return named;
  const bound = binding.subscriptionId;
  return bound === undefined || (named !== undefined && named !== bound) ? undefined : bound;
}

/**
 * The subscriptions as they are after this tick's applied actions (the refresh read them
 * before): a scheduled change sets the instructions, a seat change sets the quantity and — as in
 * Partner Center — deletes the instructions, autorenew off deletes them too. An item whose
 * action failed or is pending, or was an upgrade or cancellation, is left out: the next tick's
 * refresh says what it is (a skipped action changed nothing).
 */
export function withAppliedChanges(
  managed: readonly WatchedSubscription[],
  outcome: Pick<CycleOutcome, 'plan' | 'report'>,
): WatchedSubscription[] {
  const actions = new Map(outcome.plan.actions.map((a) => [a.key as string, a]));
  const changes = new Map<string, PlanAction[]>();
  const unknown = new Set<string>();
  for (const result of outcome.report?.results ?? []) {
    const key = `${result.customerId}|${result.item}`;
    const action = actions.get(result.key);
    if (result.status === 'skipped') continue; // not attempted: nothing changed
    if (result.status !== 'succeeded' || action === undefined) unknown.add(key);
    else changes.set(key, [...(changes.get(key) ?? []), action]);
  }
  return managed.flatMap((m) => {
    const key = `${m.customerId}|${m.item}`;
    if (unknown.has(key)) return [];
    let sub: LiveSubscription | undefined = m.subscription;
    for (const action of changes.get(key) ?? []) sub = sub && applyAction(sub, action);
    return sub === undefined ? [] : [{ ...m, subscription: sub }];
  });
}

function applyAction(sub: LiveSubscription, action: PlanAction): LiveSubscription | undefined {
  const { scheduledNextTermInstructions: _wiped, ...unscheduled } = sub;
  switch (action.kind) {
    case 'schedule-decrease':
    case 'schedule-change':
      if (action.subscriptionId !== sub.id) return sub;
      return {
        ...sub,
        scheduledNextTermInstructions: {
          productId: action.nextTerm.productId,
          skuId: action.nextTerm.skuId,
          ...(action.nextTerm.availabilityId === undefined
            ? {}
            : { availabilityId: action.nextTerm.availabilityId }),
          quantity: action.after.quantity,
          termDuration: action.nextTerm.termDuration,
          billingCycle: action.nextTerm.billingCycle,
        },
      };
    case 'increase-quantity':
    case 'decrease-quantity':
      if (action.subscriptionId !== sub.id) return sub;
      return { ...unscheduled, quantity: action.after.quantity };
    case 'set-autorenew':
      if (action.subscriptionId !== sub.id) return sub;
      return action.after.autoRenew
        ? { ...sub, autoRenewEnabled: true }
        : { ...unscheduled, autoRenewEnabled: false };
    case 'upgrade':
    case 'cancel':
      return undefined;
    case 'purchase':
    case 'register-azure-subscription':
      return sub;
  }
}

/** Changes the spec wants per item that this tick held for review or found blocked. */
export function pendingChanges(
  outcome: Pick<CycleOutcome, 'plan' | 'deferred'>,
): (customerId: string, item: string) => readonly PendingChange[] {
  const byItem = new Map<string, PendingChange[]>();
  const add = (customerId: string, item: string, change: PendingChange): void => {
    const key = `${customerId}|${item}`;
    byItem.set(key, [...(byItem.get(key) ?? []), change]);
  };
  for (const a of outcome.deferred)
    add(a.customerId, a.item, { kind: a.kind, status: 'awaits-review', reason: a.reason });
  for (const b of outcome.plan.blocked)
    add(b.customerId, b.item, {
      kind: b.wanted ?? 'none',
      status: 'blocked',
      code: b.code,
      reason: b.reason,
    });
  return (customerId, item) => byItem.get(`${customerId}|${item}`) ?? [];
}

/**
 * Prices a shape at renewal from the cached price sheets (no download): the `future` sheet
 * (next month's prices, quoted on the first of next month) for a renewal from next month on,
 * else — or when that sheet has no row — today's `current` price, as plans price scheduled
 * changes (docs/money.md). `undefined` without `partnerCenter.pricing`.
 */
export function createRenewalPricer(
  pricing: Pick<PricingPort, 'findRows'> | undefined,
  now: Date,
):
  | ((managed: WatchedSubscription, shape: NoticeShape, renewsAt: Date) => NoticePrice | undefined)
  | undefined {
  if (pricing === undefined) return undefined;
  const books = new Map<string, PriceBook>();
  const nextMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
  return (managed, shape, renewsAt) => {
    const market = managed.country.toUpperCase();
    const productId = shape.productId.toUpperCase();
    const skuId = shape.skuId.toUpperCase();
    const key = `${market}|${productId}|${skuId}`;
    let book = books.get(key);
    if (book === undefined) {
      book = createPriceBook(pricing.findRows(market, productId, skuId), []);
      books.set(key, book);
    }
    const query = {
      market,
      productId,
      skuId,
      termDuration: shape.termDuration,
      billingCycle: shape.billingCycle,
      quantity: shape.quantity,
    };
    const quote =
      (renewsAt >= nextMonth ? book.quote(query, 'future', nextMonth) : undefined) ??
      book.quote(query, 'current', now);
    if (quote === undefined) return undefined;
    const months = cycleMonths(shape.billingCycle, shape.termDuration);
    const charge = quote.unitPrice * shape.quantity;
    return {
      currency: quote.currency,
      unitPrice: quote.unitPrice,
      per: chargePeriod(months),
      charge: roundMoney(charge, quote.currency),
      monthly: roundMoney(charge / months, quote.currency),
      source: quote.source,
    };
  };
}
