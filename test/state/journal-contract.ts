import { describe, expect, it } from 'vitest';
import type { ActionKey, InFlightPurchase, OrderId } from '../../src/model/index.js';
import {
  StateStoreError,
  type BindingRepository,
  type JournalIntent,
  type JournalRepository,
} from '../../src/state/index.js';
import type { ManualClock } from '../../src/support/index.js';
import { aCustomerId, anActionKey, anItem, anOrderId, aSubscriptionId } from './builders.js';

/** What the contract needs from an implementation (the SQLite store, or the fakes). */
export interface JournalContractSubject {
  readonly journal: JournalRepository;
  readonly bindings: BindingRepository;
  listInFlightPurchases(): InFlightPurchase[];
  readonly clock: ManualClock;
  close(): void;
}

const customer = aCustomerId(1);
const other = aCustomerId(2);

const anIntent = (overrides: Partial<JournalIntent> = {}): JournalIntent => ({
  actionKey: anActionKey(1),
  requestId: 'req-1',
  kind: 'purchase',
  step: 'checkout',
  customerId: customer,
  item: anItem('d2s-v3-eastus'),
  cartId: 'cart-1',
  request: { quantity: 2, lines: [{ catalogItemId: 'DZH318Z0BQ4T:0059:001' }] },
  ...overrides,
});

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof StateStoreError) return error.code;
    throw error;
  }
  return 'no error';
}

/**
 * The behaviour every journal/bindings implementation must show. `makeSubject` returns a
 * fresh, empty implementation whose clock starts at 2026-01-01T00:00:00Z.
 */
export function describeJournalContract(name: string, makeSubject: () => JournalContractSubject): void {
  const withSubject = (fn: (s: JournalContractSubject) => void) => () => {
    const subject = makeSubject();
    try {
      fn(subject);
    } finally {
      subject.close();
    }
  };

  describe(`journal contract: ${name}`, () => {
    it(
      'begin returns the committed in-flight row exactly as given',
      withSubject(({ journal }) => {
        const entry = journal.begin(anIntent());
        expect(entry).toEqual({
          id: entry.id,
          actionKey: anActionKey(1),
          requestId: 'req-1',
          kind: 'purchase',
          step: 'checkout',
          customerId: customer,
          item: 'd2s-v3-eastus',
          cartId: 'cart-1',
          orderIds: [],
          status: 'in-flight',
          request: { quantity: 2, lines: [{ catalogItemId: 'DZH318Z0BQ4T:0059:001' }] },
          attempts: 1,
          createdAt: '2026-01-01T00:00:00.000Z',
          updatedAt: '2026-01-01T00:00:00.000Z',
        });
        expect(journal.get(entry.id)).toEqual(entry);
        expect(journal.get(entry.id + 1000)).toBeUndefined();
      }),
    );

    it(
      'beginMany commits every row in order, as begin would one at a time',
      withSubject(({ journal }) => {
        const intents = [1, 2, 3].map((n) =>
          anIntent({ actionKey: anActionKey(n), requestId: `req-${n}` }),
        );
        const rows = journal.beginMany(intents);
        expect(rows.map((r) => [r.actionKey, r.requestId, r.status])).toEqual(
          intents.map((i) => [i.actionKey, i.requestId, 'in-flight']),
        );
        expect(rows.map((r) => r.id)).toEqual([...rows.map((r) => r.id)].sort((a, b) => a - b));
        expect(journal.listInFlight().map((r) => r.id)).toEqual(rows.map((r) => r.id));
        expect(journal.beginMany([])).toEqual([]);
      }),
    );

    it(
      'notes facts while unsettled, merging order ids, then settles once',
      withSubject(({ journal, clock }) => {
        const { id } = journal.begin(anIntent());
        clock.advance(1000);
        journal.note(id, { orderIds: [anOrderId('ord-1')] });
        const noted = journal.note(id, { orderIds: [anOrderId('ord-1'), anOrderId('ord-2')] });
        expect(noted).toMatchObject({ status: 'in-flight', orderIds: ['ord-1', 'ord-2'] });
        expect(noted.updatedAt).toBe('2026-01-01T00:00:01.000Z');

        clock.advance(1000);
        const settled = journal.settle(id, {
          status: 'succeeded',
          orderIds: [anOrderId('ord-3')],
          response: { orders: 3 },
        });
        expect(settled).toMatchObject({
          status: 'succeeded',
          orderIds: ['ord-1', 'ord-2', 'ord-3'],
          response: { orders: 3 },
          request: anIntent().request,
          settledAt: '2026-01-01T00:00:02.000Z',
          createdAt: '2026-01-01T00:00:00.000Z',
        });
        expect(codeOf(() => journal.settle(id, { status: 'failed' }))).toBe('journal-invalid-transition');
        expect(codeOf(() => journal.note(id, { cartId: 'other' }))).toBe('journal-invalid-transition');
        expect(journal.get(id)).toEqual(settled);
      }),
    );

    it(
      'keeps in-flight and unknown rows for recovery, oldest first, and re-drives unknown ones',
      withSubject(({ journal }) => {
        const a = journal.begin(anIntent({ requestId: 'req-a' }));
        const b = journal.begin(anIntent({ requestId: 'req-b', actionKey: anActionKey(2) }));
        const c = journal.begin(anIntent({ requestId: 'req-c', actionKey: anActionKey(3) }));
        journal.settle(a.id, { status: 'unknown', errorCode: 'timeout' });
        journal.settle(b.id, { status: 'failed', errorCode: '800002', errorMessage: 'refused' });
        expect(journal.listInFlight().map((e) => [e.id, e.status])).toEqual([
          [a.id, 'unknown'],
          [c.id, 'in-flight'],
        ]);
        const retried = journal.start(a.id);
        expect(retried).toMatchObject({ status: 'in-flight', attempts: 2, requestId: 'req-a' });
        expect(retried.settledAt).toBeUndefined();
        expect(journal.get(b.id)).toMatchObject({ errorCode: '800002', errorMessage: 'refused' });
        expect(codeOf(() => journal.start(b.id))).toBe('journal-invalid-transition');
      }),
    );

    it(
      'moves planned rows to in-flight only through start, and never to succeeded directly',
      withSubject(({ journal }) => {
        const planned = journal.recordPlanned(anIntent());
        expect(planned).toMatchObject({ status: 'planned', attempts: 0 });
        expect(journal.listInFlight()).toEqual([]);
        expect(codeOf(() => journal.settle(planned.id, { status: 'succeeded' }))).toBe(
          'journal-invalid-transition',
        );
        expect(journal.start(planned.id, { requestId: 'req-2' })).toMatchObject({
          status: 'in-flight',
          attempts: 1,
          requestId: 'req-2',
        });
        const skipped = journal.recordPlanned(anIntent({ actionKey: anActionKey(9) }));
        expect(journal.settle(skipped.id, { status: 'failed', errorCode: 'dependency-failed' }).status).toBe(
          'failed',
        );
      }),
    );

    it(
      'refuses to touch a row that does not exist',
      withSubject(({ journal }) => {
        expect(codeOf(() => journal.settle(4242, { status: 'succeeded' }))).toBe('journal-not-found');
        expect(codeOf(() => journal.note(4242, {}))).toBe('journal-not-found');
        expect(codeOf(() => journal.start(4242))).toBe('journal-not-found');
      }),
    );

    it(
      'lists by action oldest first and history newest first with filters',
      withSubject(({ journal }) => {
        const ids = [customer, other, customer, customer].map(
          (c, i) => journal.begin(anIntent({ customerId: c, requestId: `req-${i}`, actionKey: anActionKey(i % 2) })).id,
        );
        journal.settle(ids[0]!, { status: 'succeeded' });
        expect(journal.listByAction(anActionKey(0)).map((e) => e.id)).toEqual([ids[0], ids[2]]);
        expect(journal.list().map((e) => e.id)).toEqual([...ids].reverse());
        expect(journal.list({ customerId: customer, limit: 2 }).map((e) => e.id)).toEqual([ids[3], ids[2]]);
        expect(journal.list({ status: 'succeeded' }).map((e) => e.id)).toEqual([ids[0]]);
        expect(journal.list({ beforeId: ids[2]! }).map((e) => e.id)).toEqual([ids[1], ids[0]]);
      }),
    );
  });

  describe(`bindings contract: ${name}`, () => {
    const sub = aSubscriptionId(1);

    it(
      'puts, replaces, lists and removes bindings, keeping absent fields absent',
      withSubject(({ bindings }) => {
        const plain = { customerId: customer, item: anItem('b'), kind: 'subscription', subscriptionId: sub, boundAt: '2026-01-01T00:00:00.000Z' } as const;
        const bought = {
          customerId: customer,
          item: anItem('a'),
          kind: 'purchase',
          orderId: anOrderId('ord-9'),
          purchased: { productId: 'DZH318Z0BQ4T', quantity: 2 },
          boundAt: '2026-01-01T00:00:00.000Z',
        } as const;
        const elsewhere = { ...plain, customerId: other, subscriptionId: aSubscriptionId(2) };
        bindings.put(plain);
        bindings.put(bought);
        bindings.put(elsewhere);
        expect(bindings.get(customer, anItem('b'))).toEqual(plain);
        expect(bindings.get(customer, anItem('a'))).toEqual(bought);
        expect(bindings.list()).toEqual([bought, plain, elsewhere]);
        expect(bindings.listByCustomer(customer)).toEqual([bought, plain]);
        expect(bindings.findBySubscription(sub)).toEqual(plain);

        const rebound = { ...plain, subscriptionId: aSubscriptionId(3), boundAt: '2026-01-02T00:00:00.000Z' };
        bindings.put(rebound);
        expect(bindings.get(customer, anItem('b'))).toEqual(rebound);
        expect(bindings.findBySubscription(sub)).toBeUndefined();

        expect(bindings.remove(customer, anItem('b'))).toBe(true);
        expect(bindings.remove(customer, anItem('b'))).toBe(false);
        expect(bindings.listByCustomer(customer)).toEqual([bought]);
      }),
    );

    it(
      'refuses to bind one subscription to two items',
      withSubject(({ bindings }) => {
        const first = { customerId: customer, item: anItem('a'), kind: 'subscription', subscriptionId: sub, boundAt: 't' } as const;
        bindings.put(first);
        expect(codeOf(() => bindings.put({ ...first, item: anItem('b') }))).toBe('binding-conflict');
        expect(bindings.get(customer, anItem('b'))).toBeUndefined();
        bindings.put({ ...first, boundAt: 'later' });
        expect(bindings.get(customer, anItem('a'))?.boundAt).toBe('later');
      }),
    );
  });

  describe(`in-flight purchases contract: ${name}`, () => {
    it(
      'holds a purchase in flight from checkout until its subscription is bound',
      withSubject(({ journal, bindings, listInFlightPurchases, clock }) => {
        const item = anItem('d2s-v3-eastus');
        const key: ActionKey = anActionKey(7);
        const { cartId: _none, ...noCart } = anIntent({ actionKey: key, step: 'create-cart' });
        const cart = journal.begin(noCart);
        expect(listInFlightPurchases()).toEqual([]); // no cart yet: nothing can have been bought
        journal.settle(cart.id, { status: 'succeeded', cartId: 'cart-7' });
        clock.advance(1000);
        const checkout = journal.begin(anIntent({ actionKey: key, cartId: 'cart-7' }));
        expect(listInFlightPurchases()).toEqual([
          { customerId: customer, item, actionKey: key, orderIds: [], cartId: 'cart-7', since: checkout.createdAt },
        ]);
        const orders: OrderId[] = [anOrderId('ord-7a'), anOrderId('ord-7b')];
        journal.settle(checkout.id, { status: 'succeeded', orderIds: orders });
        expect(listInFlightPurchases()).toEqual([
          { customerId: customer, item, actionKey: key, orderIds: orders, cartId: 'cart-7', since: checkout.createdAt },
        ]);
        bindings.put({ customerId: customer, item, kind: 'subscription', orderId: orders[0]!, boundAt: '2026-01-01T00:00:02.000Z' });
        expect(listInFlightPurchases()).toHaveLength(1); // bound to the order, subscription not visible yet
        bindings.put({ customerId: customer, item, kind: 'subscription', orderId: orders[0]!, subscriptionId: aSubscriptionId(7), boundAt: '2026-01-01T00:00:03.000Z' });
        expect(listInFlightPurchases()).toEqual([]);
      }),
    );

    it(
      'lands a one-time purchase once its binding names the order (no subscription to wait for)',
      withSubject(({ journal, bindings, listInFlightPurchases }) => {
        const item = anItem('sql-server');
        const checkout = journal.begin(anIntent({ item, cartId: 'cart-9' }));
        journal.settle(checkout.id, { status: 'succeeded', orderIds: [anOrderId('ord-9')] });
        bindings.put({ customerId: customer, item, kind: 'purchase', orderId: anOrderId('other'), boundAt: '2026-01-01T00:00:02.000Z' });
        expect(listInFlightPurchases().map((p) => p.item)).toEqual([item]); // another order: not this one
        bindings.put({ customerId: customer, item, kind: 'purchase', orderId: anOrderId('ord-9'), boundAt: '2026-01-01T00:00:03.000Z' });
        expect(listInFlightPurchases()).toEqual([]);
      }),
    );

    it(
      'counts failed checkouts only when they placed orders, and ignores other kinds',
      withSubject(({ journal, bindings, listInFlightPurchases }) => {
        const refused = journal.begin(anIntent({ item: anItem('refused') }));
        journal.settle(refused.id, { status: 'failed', errorCode: '800002' });
        const partial = journal.begin(anIntent({ item: anItem('partial'), actionKey: anActionKey(2) }));
        journal.settle(partial.id, { status: 'failed', orderIds: [anOrderId('ord-p')] });
        journal.begin(anIntent({ item: anItem('patch'), kind: 'increase-quantity', actionKey: anActionKey(3) }));
        const lost = journal.begin(anIntent({ item: anItem('lost'), actionKey: anActionKey(4) }));
        journal.settle(lost.id, { status: 'unknown', errorCode: 'timeout' });
        // A binding made before the purchase, to another order, does not resolve it.
        bindings.put({ customerId: customer, item: anItem('lost'), kind: 'subscription', subscriptionId: aSubscriptionId(1), orderId: anOrderId('old'), boundAt: '2025-01-01T00:00:00.000Z' });
        expect(listInFlightPurchases().map((p) => [p.item, p.orderIds])).toEqual([
          ['lost', []],
          ['partial', ['ord-p']],
        ]);
      }),
    );
  });
}
