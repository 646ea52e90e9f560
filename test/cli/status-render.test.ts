import { describe, expect, it } from 'vitest';
import { buildStatusReport } from '../../src/agent/index.js';
import {
  renderStatusHuman,
  renderStatusJson,
  type StatusView,
} from '../../src/cli/render/index.js';
import type { OrderId } from '../../src/model/index.js';
import {
  aBinding,
  aCustomer,
  aLiveSubscription,
  anObservedCustomer,
  aSubscriptionItem,
  CUSTOMER,
  key,
  NOW,
  SUB_B,
  subId,
} from '../planner/builders.js';
import {
  aStatusStore,
  desiredOf,
  minutesAfter,
  purchaseRows,
} from '../agent/status/status-fixtures.js';

const NEW_SUB = subId(7);
const ORDER = 'order-7' as OrderId;

/** Contoso: one item just bought, one drifted, one adopt-required, an unmanaged Visio. */
function aView(): StatusView {
  const customer = aCustomer({
    name: 'Contoso Ltd',
    file: 'contoso.yaml',
    subscriptions: [
      aSubscriptionItem({ key: key('m365'), quantity: 12, autoRenew: false }),
      aSubscriptionItem({ key: key('exchange'), product: 'PROD2', term: 'P1M', quantity: 10 }),
      aSubscriptionItem({ key: key('adopt'), term: 'P1M', quantity: 4 }),
    ],
  });
  const snapshot = anObservedCustomer({
    subscriptions: [
      aLiveSubscription({
        refundableQuantity: {
          totalQuantity: 2,
          details: [{ quantity: 2, allowedUntilDateTime: minutesAfter(60 * 24 * 3) }],
        },
        scheduledNextTermInstructions: {
          productId: 'PROD1',
          skuId: '0001',
          quantity: 8,
          termDuration: 'P1Y',
          billingCycle: 'annual',
        },
      }),
      aLiveSubscription({ id: SUB_B, termDuration: 'P1M', quantity: 4 }),
      aLiveSubscription({
        id: subId(5),
        productId: 'OTHER',
        offerId: 'OTHER:0001:X',
        friendlyName: 'Visio Plan 2',
        quantity: 3,
      }),
    ],
  });
  const line = {
    catalogItemId: 'PROD2:0001:AV',
    quantity: 10,
    termDuration: 'P1M',
    billingCycle: 'monthly',
  };
  const store = aStatusStore({
    snapshots: [snapshot],
    bindings: [
      aBinding(),
      aBinding({ item: key('exchange'), subscriptionId: NEW_SUB, orderId: ORDER }),
    ],
    journal: [...purchaseRows('exchange', ORDER, line, 'Exchange Online (Plan 1)')],
  });
  const report = buildStatusReport(store, desiredOf(customer), NOW);
  return { ...report, awaitingReview: [{ id: 'p1', savedAt: minutesAfter(5), actions: 2 }] };
}

describe('renderStatusHuman', () => {
  const lines = renderStatusHuman(aView(), 30);
  const text = lines.join('\n');

  it('leads with the refresh, the counts and what the agent changed since', () => {
    expect(lines.slice(0, 3)).toEqual([
      'Last refresh: 2026-03-01 12:00 UTC (1 of 1 customers read)',
      'Items: 3 (1 adopt-required, 1 managed, 1 drifted); unmanaged subscriptions: 1',
      'Changed by the agent since the last refresh: 1 item(s), marked "changed" (the next qm plan or qm run reads them back)',
    ]);
  });

  it('prints one aligned table row per item, names first, no subscription ids', () => {
    expect(text).toContain(`Contoso Ltd (${CUSTOMER}) · contoso.yaml · read 2026-03-01 12:00 UTC`);
    const table = lines.filter((l) => /^ {2}(ITEM|adopt|exchange|m365) /.test(l));
    expect(table).toHaveLength(4);
    const stateAt = table[0]!.indexOf('STATE');
    expect(table.map((l) => l.slice(stateAt))).toEqual([
      'STATE',
      'adopt-required',
      'managed (changed)',
      'drifted',
    ]);
    expect(table[3]).toMatch(
      /^ {2}m365 +Product one +12\/10 +P1Y monthly +off \(live on\) +2026-06-01 +refund until 2026-03-04 +drifted$/,
    );
    expect(table[2]).toMatch(
      /^ {2}exchange +Exchange Online \(Plan 1\) +10\/10 +P1M monthly +on +- +- +managed/,
    );
    expect(table.join('\n')).not.toContain(NEW_SUB);
  });

  it('explains an item below its row: blocked, planned, scheduled at renewal, just changed', () => {
    expect(text).toContain(
      `      ! adopt-required: live subscription ${SUB_B} (PROD1:0001:AV1, 4 seats) matches but is not bound`,
    );
    expect(text).toContain('      ~ set-autorenew: spec wants autorenew off');
    expect(text).toContain(
      '      at renewal: PROD1:0001 P1Y annual × 8 (scheduled in Partner Center)',
    );
    expect(text).toContain(
      '      changed by the agent 2026-03-01 12:01 UTC (purchase), after the last refresh: the next refresh reads it back',
    );
  });

  it('lists each unmanaged subscription once, with its id after its name', () => {
    expect(lines.filter((l) => l.includes(subId(5)))).toEqual([
      `  ? Visio Plan 2 × 3, active [${subId(5)}]`,
    ]);
    expect(lines.filter((l) => l.includes(SUB_B))).toHaveLength(1);
  });

  it('names customers, not ids, in the renewal and review sections', () => {
    expect(text).toContain('Changes at renewal (1, scheduled in Partner Center or autorenew off):');
    expect(text).toMatch(
      / {2}2026-06-01 \(in 92 days\) m365 \(Contoso Ltd\) Product one PROD1:0001 P1Y monthly × 10 → P1Y annual × 8 \(scheduled change\)/,
    );
    expect(text).toContain(
      '  p1 saved 2026-03-01T12:05:00.000Z, 2 action(s): qm show --plan-id p1, qm apply --plan-id p1',
    );
  });
});

describe('renderStatusJson', () => {
  it('keeps the existing fields and adds the inventory under customers', () => {
    const json = JSON.parse(renderStatusJson(aView())) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual([
      'formatVersion',
      'observedAt',
      'customers',
      'plan',
      'managed',
      'inFlight',
      'activationLinks',
      'renewals',
      'awaitingReview',
    ]);
    expect(json['formatVersion']).toBe(1);
    const [customer] = json['customers'] as {
      items: { item: string; state: string; changed?: unknown }[];
    }[];
    expect(customer!.items.map((i) => [i.item, i.state, i.changed !== undefined])).toEqual([
      ['adopt', 'adopt-required', false],
      ['exchange', 'managed', true],
      ['m365', 'drifted', false],
    ]);
  });
});
