import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectAgentCharges, reconcileBilling } from '../../../src/agent/billing/index.js';
import type {
  ActionKey,
  AgentCharge,
  BillingPeriod,
  CustomerId,
  OrderId,
  ReconLineItem,
  SubscriptionId,
} from '../../../src/model/index.js';
import { openStateStore } from '../../../src/state/index.js';

const CUSTOMER = '6f1c2a9e-4a7b-4c1e-9a53-0d8e2b7f5c11';
const OTHER = '2b8d4c7e-1f3a-4e5b-8c9d-0a1b2c3d4e5f';
const SUB = '11111111-1111-4111-8111-111111111111';
const PERIOD = '2026-03' as BillingPeriod;

const aLine = (over: Partial<ReconLineItem>): ReconLineItem => ({
  customerId: CUSTOMER,
  orderId: 'order-1',
  subscriptionId: SUB,
  productId: 'CFQ7TTC0LH16',
  skuId: '0001',
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

/** The line as an open (unbilled) one: no invoice number. */
const unbilled = ({ invoiceNumber: _invoice, ...line }: ReconLineItem): ReconLineItem => line;

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
const increase: AgentCharge = {
  journalId: 2,
  kind: 'increase-quantity',
  chargeKind: 'add-quantity',
  customerId: CUSTOMER,
  item: 'exchange',
  orderIds: [],
  subscriptionId: SUB,
  quantityAfter: 14,
  at: '2026-03-06T10:00:00Z',
};

describe('reconcileBilling', () => {
  it('flags a quantity change billed with other seats than the change made', () => {
    const report = reconcileBilling({
      period: PERIOD,
      charges: [purchase, increase],
      lineItems: [
        aLine({}),
        aLine({
          orderId: 'order-2',
          chargeKind: 'add-quantity',
          chargeType: 'addQuantity',
          quantity: 5,
          subtotal: 20,
        }),
      ],
      invoices: [],
    });
    expect(report.matched.map((m) => m.action.journalId)).toEqual([1]);
    expect(
      report.quantityMismatches.map((m) => [
        m.action.journalId,
        m.expectedQuantity,
        m.billedQuantity,
      ]),
    ).toEqual([[2, 4, 5]]);
    expect(report.billedNotByAgent).toEqual([]);
  });

  it('keeps actions without a line as unbilled yet only in their own period, and ignores lines of other periods', () => {
    const report = reconcileBilling({
      period: PERIOD,
      charges: [
        { ...purchase, at: '2026-02-27T00:00:00Z', orderIds: ['old'] },
        { ...purchase, journalId: 3, orderIds: ['order-9'] },
      ],
      lineItems: [aLine({ chargeStartDate: '2026-04-01T00:00:00Z' })],
      invoices: [],
    });
    expect(report.unbilledYet.map((m) => [m.action.journalId, m.lineItems.length])).toEqual([
      [3, 0],
    ]);
    expect(report.billedNotByAgent).toEqual([]);
    expect(report.totals).toEqual([]);
  });

  it('scopes to one customer and totals billed, unbilled and not-by-agent amounts per currency', () => {
    const report = reconcileBilling({
      period: PERIOD,
      customerId: CUSTOMER,
      charges: [purchase],
      lineItems: [
        aLine({}),
        unbilled(aLine({ orderId: 'portal', subscriptionId: 'x', quantity: 2, subtotal: 12 })),
        aLine({ customerId: OTHER, orderId: 'elsewhere' }),
        aLine({ orderId: 'eur', currency: 'EUR', subtotal: 9.2 }),
      ],
      invoices: [],
    });
    expect(report.matched).toHaveLength(1);
    expect(report.billedNotByAgent.map((l) => l.orderId)).toEqual(['portal', 'eur']);
    expect(report.totals).toEqual([
      { currency: 'EUR', total: 9.2, billed: 9.2, unbilled: 0, notByAgent: 9.2, lineItems: 1 },
      { currency: 'USD', total: 52, billed: 40, unbilled: 12, notByAgent: 12, lineItems: 2 },
    ]);
  });
});

describe('collectAgentCharges', () => {
  it('reads succeeded checkout and PATCH rows from a real journal, oldest first', () => {
    const dir = mkdtempSync(join(tmpdir(), 'qm-billing-journal-'));
    const store = openStateStore(join(dir, 'state.db'));
    try {
      const customerId = CUSTOMER as CustomerId;
      const row = (kind: string, step: string, request: unknown, extra: object = {}) =>
        store.journal.begin({
          actionKey: `${kind}-${step}` as ActionKey,
          requestId: `${kind}-${step}`,
          kind,
          step,
          customerId,
          request,
          ...extra,
        });
      const cart = row('purchase', 'create-cart', { line: { quantity: 10 } });
      store.journal.settle(cart.id, { status: 'succeeded' });
      const checkout = row('purchase', 'checkout', { line: { quantity: 10 } });
      store.journal.settle(checkout.id, { status: 'succeeded', orderIds: ['order-1' as OrderId] });
      const failed = row(
        'increase-quantity',
        'patch-subscription',
        { change: { quantity: 20 } },
        { subscriptionId: SUB as SubscriptionId },
      );
      store.journal.settle(failed.id, { status: 'failed', errorCode: '2002' });
      const patch = row(
        'decrease-quantity',
        'patch-subscription',
        { change: { quantity: 8 } },
        { subscriptionId: SUB as SubscriptionId },
      );
      store.journal.settle(patch.id, { status: 'succeeded' });
      const charges = collectAgentCharges(store.journal);
      expect(
        charges.map((c) => [
          c.kind,
          c.chargeKind,
          c.orderIds,
          c.quantity,
          c.quantityAfter,
          c.subscriptionId,
        ]),
      ).toEqual([
        ['purchase', 'new', ['order-1'], 10, undefined, undefined],
        ['decrease-quantity', 'remove-quantity', [], undefined, 8, SUB],
      ]);
      expect(collectAgentCharges(store.journal, OTHER)).toEqual([]);
    } finally {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
