import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  collectAgentCharges,
  reconcileBilling,
  renderBillingHuman,
} from '../../../src/agent/billing/index.js';
import type {
  ActionKey,
  AgentCharge,
  BillingPeriod,
  CustomerId,
  ItemKey,
  LiveSubscription,
  OrderId,
  ReconLineItem,
  SubscriptionId,
} from '../../../src/model/index.js';
import { openStateStore } from '../../../src/state/index.js';

const CUSTOMER = '6f1c2a9e-4a7b-4c1e-9a53-0d8e2b7f5c11' as CustomerId;
const SUB = '11111111-1111-4111-8111-111111111111' as SubscriptionId;
const PERIOD = '2026-03' as BillingPeriod;

const aLine = (over: Partial<ReconLineItem> = {}): ReconLineItem => ({
  customerId: CUSTOMER,
  orderId: 'order-1',
  subscriptionId: SUB,
  productId: 'CFQ7TTC0LH16',
  skuId: '0001',
  productName: 'Exchange Online (Plan 1) [billed]',
  chargeKind: 'new',
  chargeType: 'new',
  quantity: 10,
  unitPrice: 4,
  subtotal: 40,
  totalForCustomer: 40,
  currency: 'USD',
  chargeStartDate: '2026-03-05T10:00:00Z',
  invoiceNumber: 'G202603USD',
  ...over,
});

const purchase: AgentCharge = {
  journalId: 1,
  kind: 'purchase',
  chargeKind: 'new',
  customerId: CUSTOMER,
  item: 'exchange',
  orderIds: ['order-1'],
  quantity: 10,
  at: '2026-03-05T10:00:01Z',
};

describe('product names in qm billing', () => {
  it('names each journal action: its recorded name, else the item’s, else the snapshot’s', () => {
    const dir = mkdtempSync(join(tmpdir(), 'qm-billing-names-'));
    const store = openStateStore(join(dir, 'state.db'));
    try {
      const settle = (kind: string, step: string, request: unknown, extra: object = {}) => {
        const row = store.journal.begin({
          actionKey: `${kind}-${step}-${JSON.stringify(request).length}` as ActionKey,
          requestId: `${kind}-${step}-${JSON.stringify(request).length}`,
          kind,
          step,
          customerId: CUSTOMER,
          request,
          ...extra,
        });
        store.journal.settle(row.id, { status: 'succeeded', orderIds: ['order-1' as OrderId] });
      };
      settle(
        'purchase',
        'checkout',
        { line: { quantity: 10 }, productName: 'Exchange Online (Plan 1)' },
        { item: 'exchange' },
      );
      // Written before names were journalled: the item's recorded name stands in.
      settle(
        'increase-quantity',
        'patch-subscription',
        { change: { quantity: 12 } },
        { item: 'exchange', subscriptionId: SUB },
      );
      // An item with no recorded name: its bound subscription's friendlyName from the snapshot.
      settle(
        'decrease-quantity',
        'patch-subscription',
        { change: { quantity: 3 } },
        { item: 'visio', subscriptionId: '22222222-2222-4222-8222-222222222222' },
      );
      const visio = '22222222-2222-4222-8222-222222222222' as SubscriptionId;
      const charges = collectAgentCharges(store.journal, undefined, {
        snapshots: [
          {
            customerId: CUSTOMER,
            observedAt: '2026-03-05T00:00:00Z',
            subscriptions: [{ id: visio, friendlyName: 'Visio Plan 2' } as LiveSubscription],
          },
        ],
        bindings: [
          {
            customerId: CUSTOMER,
            item: 'visio' as ItemKey,
            kind: 'subscription',
            subscriptionId: visio,
            boundAt: '2026-03-01T00:00:00Z',
          },
        ],
      });
      expect(charges.map((c) => [c.kind, c.productName])).toEqual([
        ['purchase', 'Exchange Online (Plan 1)'],
        ['increase-quantity', 'Exchange Online (Plan 1)'],
        ['decrease-quantity', 'Visio Plan 2'],
      ]);
      expect(collectAgentCharges(store.journal).map((c) => c.productName)).toEqual([
        'Exchange Online (Plan 1)',
        'Exchange Online (Plan 1)',
        undefined,
      ]);
    } finally {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('falls back to the matched line’s productName, and never lets a name change the match', () => {
    const input = { period: PERIOD, lineItems: [aLine()], invoices: [] };
    const unnamed = reconcileBilling({ ...input, charges: [purchase] });
    expect(unnamed.matched.map((m) => m.action.productName)).toEqual([
      'Exchange Online (Plan 1) [billed]',
    ]);
    const named = reconcileBilling({
      ...input,
      charges: [{ ...purchase, productName: 'Exchange Online (Plan 1)' }],
    });
    expect(named.matched.map((m) => m.action.productName)).toEqual(['Exchange Online (Plan 1)']);
    const strip = (r: typeof named) => JSON.stringify(r).replaceAll(/"productName":"[^"]*",?/g, '');
    expect(strip(named)).toBe(strip(unnamed));
  });

  it('prints names beside ids for actions and for lines not bought by the agent', () => {
    const report = reconcileBilling({
      period: PERIOD,
      charges: [{ ...purchase, productName: 'Exchange Online (Plan 1)' }],
      lineItems: [
        aLine(),
        aLine({
          orderId: 'order-9',
          subscriptionId: 'sub-9',
          productId: 'CFQ7TTC0LH18',
          productName: 'Microsoft 365 Business Basic',
          quantity: 5,
          subtotal: 30,
        }),
        aLine({ orderId: 'order-8', subscriptionId: 'sub-8', productName: '  ', quantity: 1 }),
      ],
      invoices: [],
    });
    const out = renderBillingHuman(report).join('\n');
    expect(out).toContain(
      `  ✓ exchange (${CUSTOMER}) Exchange Online (Plan 1), purchase ×10, order order-1, journal #1 → `,
    );
    expect(out).toContain(
      `  ! ${CUSTOMER} new Microsoft 365 Business Basic (CFQ7TTC0LH18:0001) ×5 order order-9 `,
    );
    expect(out).toContain(`  ! ${CUSTOMER} new CFQ7TTC0LH16:0001 ×1 order order-8 `);
  });
});
