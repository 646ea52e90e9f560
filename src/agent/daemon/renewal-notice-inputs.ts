import type {
  DesiredState,
  ObservedCustomer,
  LiveSubscription,
  PlanAction,
  PriceBook,
} from '../../model/index.js';
import { chargePeriod } from '../../planner/billing-cycle.js';
import { createPriceBook, cycleMonths, quoteAtRenewal, roundMoney } from '../../planner/index.js';
import type { CycleOutcome } from '../cycle.js';
import { findManagedSubscriptions } from '../renewals/managed-subscriptions.js';
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
 * The subscriptions the spec manages, by the rule `qm renewals` and the planner use
 * (`findManagedSubscriptions`: an item's binding, else its `subscriptionId:`; deleted and expired
 * ones left out), as the last refresh read them; customers whose refresh failed this tick are
 * left out (their snapshot may be stale).
 */
export function collectManagedSubscriptions(
  desired: DesiredState,
  state: { readonly bindings: Pick<StateReadPort['bindings'], 'listByCustomer'> } & Pick<
    StateReadPort,
    'snapshots'
  >,
  skipped: ReadonlySet<string>,
): WatchedSubscription[] {
  const customers = desired.customers.filter((c) => !skipped.has(c.id));
  const snapshots = new Map<string, ObservedCustomer>();
  for (const customer of customers) {
    const snapshot = state.snapshots.get(customer.id);
    if (snapshot !== undefined) snapshots.set(customer.id, snapshot);
  }
  const bindings = customers.flatMap((c) => state.bindings.listByCustomer(c.id));
  return findManagedSubscriptions(customers, [...snapshots.values()], bindings).map(
    ({ customer, item, live }) => ({
      customerId: customer.id,
      customerName: customer.name,
      country: customer.country,
      item,
      subscription: live,
      observedAt: snapshots.get(customer.id)?.observedAt ?? '',
    }),
  );
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
  return appliedChanges(outcome)(managed);
}

/** `withAppliedChanges` for one outcome, its changes gathered once (for a pass in batches). */
export function appliedChanges(
  outcome: Pick<CycleOutcome, 'plan' | 'report'>,
): (managed: readonly WatchedSubscription[]) => WatchedSubscription[] {
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
  return (managed) =>
    managed.flatMap((m) => {
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
    const quote = quoteAtRenewal(book, query, renewsAt, now);
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
