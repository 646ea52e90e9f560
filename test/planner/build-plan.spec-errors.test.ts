import { describe, expect, it } from 'vitest';
import type { BlockedEntry, ItemSourceRef } from '../../src/model/index.js';
import { buildPlan, type PlanInput } from '../../src/planner/index.js';
import {
  aCustomer,
  anObservedCustomer,
  aPlanInput,
  aSoftware,
  aSubscriptionItem,
  CUSTOMER,
  key,
  SUB_A,
} from './builders.js';
import { withSub } from './scenarios.js';

/** An item source as the spec loader records it: the key, and each field's value. */
const SOURCE: ItemSourceRef = {
  file: 'contoso.yaml',
  line: 7,
  col: 3,
  fields: {
    product: { line: 8, col: 14 },
    sku: { line: 9, col: 10 },
    term: { line: 10, col: 11 },
    billing: { line: 11, col: 14 },
    quantity: { line: 12, col: 15 },
  },
};
const at = (line: number, col: number) => ({ file: 'contoso.yaml', line, col });

const subscription = (overrides: Parameters<typeof aSubscriptionItem>[0]): PlanInput =>
  withSub({ source: SOURCE, ...overrides }, null);

const cases: [string, PlanInput, Omit<BlockedEntry, 'customerId' | 'customerName'>][] = [
  [
    'a product the catalog does not have → unknown-product at `product`',
    subscription({ product: 'PRODX' }),
    {
      item: key('m365'),
      code: 'unknown-product',
      reason: 'the catalog has no product PRODX (SKU 0001) for country US',
      wanted: 'purchase',
      source: at(8, 14),
    },
  ],
  [
    'a SKU the product does not have → unknown-product at `sku`',
    subscription({ sku: '0099' }),
    {
      item: key('m365'),
      code: 'unknown-product',
      reason: 'the catalog has no SKU 0099 of product PROD1 for country US',
      wanted: 'purchase',
      source: at(9, 10),
    },
  ],
  [
    'a known SKU not sold with the term/billing → no-availability at `term`',
    subscription({ term: 'P3Y', billing: 'triennial' }),
    {
      item: key('m365'),
      code: 'no-availability',
      productName: 'Product one',
      reason: 'PROD1:0001 is not sold as P3Y/triennial in US (no matching availability)',
      wanted: 'purchase',
      source: at(10, 11),
    },
  ],
  [
    'a purchase above the SKU maximum → sku-limits at `quantity`',
    subscription({ quantity: 500 }),
    {
      item: key('m365'),
      code: 'sku-limits',
      productName: 'Product one',
      reason: "quantity 500 is outside PROD1:0001's limits 1..300",
      wanted: 'purchase',
      source: at(12, 15),
    },
  ],
  [
    'an increase above the SKU maximum → sku-limits at `quantity`',
    withSub({ source: SOURCE, quantity: 301 }, {}),
    {
      item: key('m365'),
      subscriptionId: SUB_A,
      code: 'sku-limits',
      productName: 'Product one',
      reason: "quantity 301 is outside PROD1:0001's limits 1..300",
      wanted: 'increase-quantity',
      source: at(12, 15),
    },
  ],
  [
    'a one-time item with no field positions → points at its key',
    aPlanInput({
      customer: aCustomer({ purchases: [aSoftware({ product: 'NOPE' })] }),
      live: anObservedCustomer({}),
    }),
    {
      item: key('sql-server'),
      code: 'unknown-product',
      reason: 'the catalog has no product NOPE (SKU 0001) for country US',
      wanted: 'purchase',
      source: { file: 'specs/contoso.yaml', line: 30, col: 3 },
    },
  ],
];

describe('buildPlan: spec errors carry the spec position', () => {
  it.each(cases)('%s', (_name, input, expected) => {
    const plan = buildPlan(input);
    expect(plan.actions).toEqual([]);
    expect(plan.blocked).toEqual([{ customerId: CUSTOMER, customerName: 'Contoso', ...expected }]);
  });

  it('blocks only the wrong item: the rest of the customer is planned', () => {
    const plan = buildPlan(
      aPlanInput({
        customer: aCustomer({
          subscriptions: [
            aSubscriptionItem({ key: key('typo'), product: 'PRODX', source: SOURCE }),
            aSubscriptionItem({ key: key('good'), product: 'PROD2' }),
          ],
        }),
      }),
    );
    expect(plan.blocked.map((b) => [b.code, b.item])).toEqual([['unknown-product', 'typo']]);
    expect(plan.actions.map((a) => [a.kind, a.item])).toEqual([['purchase', 'good']]);
  });

  it('waiting states carry no source', () => {
    const plan = buildPlan(withSub({ source: SOURCE, ensure: 'cancelled' }, {}));
    expect(plan.blocked.map((b) => [b.code, b.source])).toEqual([['window-closed', undefined]]);
  });
});
