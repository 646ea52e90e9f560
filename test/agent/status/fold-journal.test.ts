import { describe, expect, it } from 'vitest';
import { foldJournal } from '../../../src/agent/index.js';
import type { OrderId } from '../../../src/model/index.js';
import {
  aBinding,
  aLiveSubscription,
  anObservedCustomer,
  CUSTOMER,
  key,
  NOW,
  SUB_A,
  subId,
} from '../../planner/builders.js';
import { aJournalRow, minutesAfter, purchaseRows } from './status-fixtures.js';

const EXCHANGE_LINE = {
  catalogItemId: 'PROD2:0001:AV2',
  quantity: 10,
  termDuration: 'P1M',
  billingCycle: 'monthly',
};
const NEW_SUB = subId(7);
const ORDER = 'order-7' as OrderId;

describe('foldJournal: what the agent did after the last refresh', () => {
  it('adds the subscription a checkout bought, as the cart line bought it', () => {
    const snapshot = anObservedCustomer({ subscriptions: [aLiveSubscription()] });
    const rows = purchaseRows('exchange', ORDER, EXCHANGE_LINE, 'Exchange Online (Plan 1)');
    const binding = aBinding({ item: key('exchange'), subscriptionId: NEW_SUB, orderId: ORDER });

    const { snapshots, changes } = foldJournal([snapshot], rows, [binding]);

    expect(snapshots[0]?.subscriptions.map((s) => s.id)).toEqual([SUB_A, NEW_SUB]);
    expect(snapshots[0]?.subscriptions[1]).toEqual({
      id: NEW_SUB,
      customerId: CUSTOMER,
      offerId: 'PROD2:0001:AV2',
      productId: 'PROD2',
      skuId: '0001',
      friendlyName: 'Exchange Online (Plan 1)',
      quantity: 10,
      status: 'active',
      autoRenewEnabled: true,
      termDuration: 'P1M',
      billingCycle: 'monthly',
      creationDate: minutesAfter(1),
      orderId: ORDER,
    });
    expect(snapshots[0]?.observedAt).toBe(NOW.toISOString());
    expect(changes.map((c) => [c.item, c.kind])).toEqual([
      ['exchange', 'purchase'],
      ['exchange', 'purchase'],
    ]);
  });

  it('adds nothing while the order’s subscription is not bound (the purchase is in flight)', () => {
    const rows = purchaseRows('exchange', ORDER, EXCHANGE_LINE);
    const binding = aBinding({ item: key('exchange'), subscriptionId: undefined, orderId: ORDER });
    const { snapshots } = foldJournal([anObservedCustomer()], rows, [binding]);
    expect(snapshots[0]?.subscriptions).toEqual([]);
  });

  it('adds nothing for a binding that names another order', () => {
    const rows = purchaseRows('exchange', ORDER, EXCHANGE_LINE);
    const other = aBinding({
      item: key('exchange'),
      subscriptionId: NEW_SUB,
      orderId: 'older-order' as OrderId,
    });
    const { snapshots } = foldJournal([anObservedCustomer()], rows, [other]);
    expect(snapshots[0]?.subscriptions).toEqual([]);
  });

  it('sets what a PATCH changed: Partner Center’s answer first, the scheduled term as sent', () => {
    const snapshot = anObservedCustomer({ subscriptions: [aLiveSubscription({ quantity: 20 })] });
    const next = {
      productId: 'PROD1',
      skuId: '0001',
      quantity: 15,
      termDuration: 'P1Y',
      billingCycle: 'monthly',
    };
    const rows = [
      aJournalRow({
        subscriptionId: SUB_A,
        request: { change: { quantity: 25 } },
        response: { id: SUB_A, quantity: 25, status: 'active', autoRenewEnabled: true },
      }),
      aJournalRow({
        kind: 'set-autorenew',
        subscriptionId: SUB_A,
        request: { change: { autoRenewEnabled: false } },
        response: { id: SUB_A, quantity: 25, status: 'active', autoRenewEnabled: false },
      }),
      aJournalRow({
        kind: 'schedule-decrease',
        subscriptionId: SUB_A,
        request: { change: { scheduledNextTermInstructions: next } },
      }),
    ];
    const [live] = foldJournal([snapshot], rows, []).snapshots[0]!.subscriptions;
    expect(live).toMatchObject({ quantity: 25, autoRenewEnabled: false });
    expect(live?.scheduledNextTermInstructions).toEqual(next);
  });

  it('ignores rows settled before the snapshot, failed rows and other customers', () => {
    const snapshot = anObservedCustomer({ subscriptions: [aLiveSubscription({ quantity: 20 })] });
    const before = minutesAfter(-5);
    const rows = [
      aJournalRow({
        subscriptionId: SUB_A,
        request: { change: { quantity: 30 } },
        settledAt: before,
        createdAt: before,
        updatedAt: before,
      }),
      aJournalRow({
        subscriptionId: SUB_A,
        status: 'failed',
        request: { change: { quantity: 40 } },
      }),
      aJournalRow({
        customerId: 'c0000000-0000-4000-8000-000000000009' as typeof CUSTOMER,
        subscriptionId: SUB_A,
        request: { change: { quantity: 50 } },
      }),
    ];
    const folded = foldJournal([snapshot], rows, []);
    expect(folded.snapshots[0]).toBe(snapshot);
    expect(folded.changes).toEqual([]);
  });

  it('reports a registration as a change without inventing a registration state', () => {
    const snapshot = anObservedCustomer();
    const row = aJournalRow({
      kind: 'register-azure-subscription',
      step: 'register',
      item: key('vm-reservation'),
      request: { azureSubscriptionId: 'e0000000-0000-4000-8000-00000000000e' },
    });
    const folded = foldJournal([snapshot], [row], []);
    expect(folded.snapshots[0]).toEqual(snapshot);
    expect(folded.changes).toEqual([
      {
        customerId: CUSTOMER,
        item: 'vm-reservation',
        kind: 'register-azure-subscription',
        actionKey: row.actionKey,
        at: minutesAfter(1),
      },
    ]);
  });
});
