import { describe, expect, it } from 'vitest';
import { buildStatusReport, type InventoryItem } from '../../../src/agent/index.js';
import type { CustomerId, OrderId } from '../../../src/model/index.js';
import {
  aBinding,
  aCustomer,
  aLiveSubscription,
  anObservedCustomer,
  aReservation,
  aSubscriptionItem,
  key,
  NOW,
  SUB_A,
  SUB_B,
  subId,
} from '../../planner/builders.js';
import {
  aJournalRow,
  aStatusStore,
  desiredOf,
  minutesAfter,
  purchaseRows,
} from './status-fixtures.js';

const ZETA = 'c0000000-0000-4000-8000-00000000000f' as CustomerId;
const NEW_SUB = subId(7);
const ORDER = 'order-7' as OrderId;

/** `[item, state, seats desired/live]` of every item, customer by customer. */
const rowsOf = (items: readonly InventoryItem[]): [string, string, string][] =>
  items.map((i) => [i.item, i.state, `${i.seats.desired ?? '-'}/${i.seats.live ?? '-'}`]);

describe('buildStatusReport: the inventory', () => {
  it('gives every item its state, customers by name, each live subscription once', () => {
    const contoso = aCustomer({
      name: 'Contoso',
      subscriptions: [
        aSubscriptionItem({ key: key('m365') }),
        aSubscriptionItem({ key: key('grow'), product: 'PROD2', quantity: 12 }),
        aSubscriptionItem({ key: key('new'), product: 'PROD2', term: 'P1M', quantity: 3 }),
        aSubscriptionItem({ key: key('adopt'), term: 'P1M', quantity: 4 }),
        aSubscriptionItem({ key: key('paused'), term: 'P3Y', billing: 'annual' }),
        aSubscriptionItem({
          key: key('old'),
          product: 'PROD2',
          billing: 'annual',
          ensure: 'cancelled',
          quantity: undefined,
        }),
      ],
    });
    const zeta = aCustomer({ id: ZETA, name: 'Zeta', subscriptions: [aSubscriptionItem()] });
    const snapshot = anObservedCustomer({
      subscriptions: [
        aLiveSubscription(),
        aLiveSubscription({
          id: SUB_B,
          productId: 'PROD2',
          offerId: 'PROD2:0001:AV',
          quantity: 10,
        }),
        aLiveSubscription({ id: subId(3), termDuration: 'P1M', quantity: 4 }),
        aLiveSubscription({
          id: subId(4),
          termDuration: 'P3Y',
          billingCycle: 'annual',
          status: 'suspended',
        }),
        aLiveSubscription({
          id: subId(5),
          productId: 'OTHER',
          offerId: 'OTHER:0001:X',
          friendlyName: 'Visio',
          quantity: 3,
        }),
      ],
    });
    const store = aStatusStore({
      snapshots: [snapshot],
      bindings: [
        aBinding(),
        aBinding({ item: key('grow'), subscriptionId: SUB_B }),
        aBinding({ item: key('paused'), subscriptionId: subId(4) }),
      ],
    });

    const report = buildStatusReport(store, desiredOf(zeta, contoso), NOW);

    expect(report.customers.map((c) => c.customerName)).toEqual(['Contoso', 'Zeta']);
    const [first, second] = report.customers;
    expect(rowsOf(first!.items)).toEqual([
      ['adopt', 'adopt-required', '4/4'],
      ['grow', 'drifted', '12/10'],
      ['m365', 'managed', '10/10'],
      ['new', 'absent', '3/-'],
      ['old', 'tombstone', '-/-'],
      ['paused', 'blocked', '10/10'],
    ]);
    const item = (name: string): InventoryItem => first!.items.find((i) => i.item === name)!;
    expect(item('adopt').subscriptionId).toBe(subId(3));
    expect(item('adopt').blocked?.reason).toContain('adopt it with `qm import`');
    expect(item('grow').planned.map((p) => p.kind)).toEqual(['increase-quantity']);
    expect(item('paused')).toMatchObject({
      blocked: { code: 'not-active' },
      live: { status: 'suspended', termDuration: 'P3Y' },
    });
    expect(item('m365')).toMatchObject({
      productName: 'Product one',
      autoRenew: { desired: true, live: true },
      renewsAt: '2026-06-01T00:00:00.000Z',
      subscriptionId: SUB_A,
    });
    expect(item('m365').live).toBeUndefined();
    // The unbound match is listed under its item only; the unmanaged list has the rest.
    expect(first!.unmanaged.map((u) => [u.subscriptionId, u.productName])).toEqual([
      [subId(5), 'Visio'],
    ]);
    const listed = [
      ...first!.items.flatMap((i) => (i.subscriptionId === undefined ? [] : [i.subscriptionId])),
      ...first!.unmanaged.map((u) => u.subscriptionId),
    ];
    expect(new Set(listed).size).toBe(listed.length);
    expect(second).toMatchObject({ customerName: 'Zeta', unmanaged: [] });
    expect(second!.observedAt).toBeUndefined();
    expect(rowsOf(second!.items)).toEqual([['m365', 'unobserved', '10/-']]);
  });

  it('lists the candidates of an ambiguous match once, as unmanaged naming the item', () => {
    const customer = aCustomer({ subscriptions: [aSubscriptionItem()] });
    const snapshot = anObservedCustomer({
      subscriptions: [aLiveSubscription(), aLiveSubscription({ id: SUB_B })],
    });
    const report = buildStatusReport(
      aStatusStore({ snapshots: [snapshot] }),
      desiredOf(customer),
      NOW,
    );
    const [c] = report.customers;
    expect(rowsOf(c!.items)).toEqual([['m365', 'blocked', '10/-']]);
    expect(c!.items[0]!.blocked?.code).toBe('ambiguous-match');
    expect(c!.unmanaged.map((u) => [u.subscriptionId, u.candidateFor])).toEqual([
      [SUB_A, ['m365']],
      [SUB_B, ['m365']],
    ]);
  });

  it('shows a purchase whose subscription is not visible yet as in flight', () => {
    const customer = aCustomer({
      subscriptions: [aSubscriptionItem({ key: key('exchange'), product: 'PROD2', term: 'P1M' })],
    });
    const rows = purchaseRows('exchange', ORDER, {
      catalogItemId: 'PROD2:0001:AV',
      quantity: 10,
      termDuration: 'P1M',
      billingCycle: 'monthly',
    });
    const store = aStatusStore({
      snapshots: [anObservedCustomer()],
      bindings: [aBinding({ item: key('exchange'), subscriptionId: undefined, orderId: ORDER })],
      journal: rows,
    });
    const report = buildStatusReport(store, desiredOf(customer), NOW);
    expect(rowsOf(report.customers[0]!.items)).toEqual([['exchange', 'in-flight', '10/-']]);
    expect(report.inFlight.map((f) => f.item)).toEqual(['exchange']);
  });
});

describe('buildStatusReport: true straight after an apply', () => {
  const customer = aCustomer({
    subscriptions: [
      aSubscriptionItem({ key: key('m365'), quantity: 25 }),
      aSubscriptionItem({
        key: key('exchange'),
        product: 'PROD2',
        term: 'P1M',
        quantity: 10,
        autoRenew: false,
      }),
    ],
  });
  const line = {
    catalogItemId: 'PROD2:0001:AV',
    quantity: 10,
    termDuration: 'P1M',
    billingCycle: 'monthly',
  };
  const applied = [
    aJournalRow({
      subscriptionId: SUB_A,
      request: { change: { quantity: 25 } },
      response: { id: SUB_A, quantity: 25, status: 'active', autoRenewEnabled: true },
    }),
    ...purchaseRows('exchange', ORDER, line),
    aJournalRow({
      kind: 'purchase',
      item: key('exchange'),
      subscriptionId: NEW_SUB,
      request: { change: { autoRenewEnabled: false } },
      response: { id: NEW_SUB, quantity: 10, status: 'active', autoRenewEnabled: false },
    }),
  ];
  const bindings = [
    aBinding(),
    aBinding({
      item: key('exchange'),
      subscriptionId: NEW_SUB,
      orderId: ORDER,
      boundAt: minutesAfter(1),
    }),
  ];

  it('shows what the apply bought and changed as changed, with the seats it set', () => {
    const before = anObservedCustomer({ subscriptions: [aLiveSubscription({ quantity: 20 })] });
    const store = aStatusStore({ snapshots: [before], bindings, journal: applied });

    const report = buildStatusReport(store, desiredOf(customer), NOW);

    const items = report.customers[0]!.items;
    expect(rowsOf(items)).toEqual([
      ['exchange', 'managed', '10/10'],
      ['m365', 'managed', '25/25'],
    ]);
    expect(items.map((i) => i.changed?.kinds)).toEqual([['purchase'], ['increase-quantity']]);
    expect(items[0]!.autoRenew).toEqual({ desired: false, live: false });
    expect(report.plan.actions).toEqual([]);
    expect(report.plan.blocked).toEqual([]);
    expect(report.customers[0]!.unmanaged).toEqual([]);
  });

  it('lists the same items with the same states once a refresh has read them back', () => {
    const before = anObservedCustomer({ subscriptions: [aLiveSubscription({ quantity: 20 })] });
    const after = anObservedCustomer({
      observedAt: minutesAfter(2),
      subscriptions: [
        aLiveSubscription({ quantity: 25 }),
        aLiveSubscription({
          id: NEW_SUB,
          productId: 'PROD2',
          offerId: 'PROD2:0001:AV',
          termDuration: 'P1M',
          autoRenewEnabled: false,
        }),
      ],
    });
    const strip = (items: readonly InventoryItem[]): unknown =>
      items.map((i) => [i.item, i.state, i.seats, i.subscriptionId, i.autoRenew]);
    const justApplied = buildStatusReport(
      aStatusStore({ snapshots: [before], bindings, journal: applied }),
      desiredOf(customer),
      NOW,
    );
    const refreshed = buildStatusReport(
      aStatusStore({ snapshots: [after], bindings, journal: applied }),
      desiredOf(customer),
      NOW,
    );
    expect(strip(refreshed.customers[0]!.items)).toEqual(strip(justApplied.customers[0]!.items));
    expect(refreshed.customers[0]!.items.map((i) => i.changed)).toEqual([undefined, undefined]);
  });

  it('leaves out an action the journal shows applied since, even when it cannot be folded', () => {
    const reservation = aCustomer({ purchases: [aReservation()] });
    const store = aStatusStore({ snapshots: [anObservedCustomer()] });
    const planned = buildStatusReport(store, desiredOf(reservation), NOW);
    const register = planned.plan.actions.find((a) => a.kind === 'register-azure-subscription');
    expect(register).toBeDefined();

    const row = aJournalRow({
      actionKey: register!.key,
      kind: 'register-azure-subscription',
      step: 'register',
      item: key('vm-reservation'),
    });
    const after = buildStatusReport(
      aStatusStore({ snapshots: [anObservedCustomer()], journal: [row] }),
      desiredOf(reservation),
      NOW,
    );
    expect(after.plan.actions.map((a) => a.kind)).toEqual(['purchase']);
    const [item] = after.customers[0]!.items;
    expect(item).toMatchObject({
      state: 'absent',
      changed: { kinds: ['register-azure-subscription'] },
    });
    expect(item!.planned.map((p) => p.kind)).toEqual(['purchase']);
  });
});
