import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { draftSubscriptions } from '../../../src/agent/index.js';
import type { CustomerId, LiveSubscription } from '../../../src/model/index.js';
import { buildPlan } from '../../../src/planner/index.js';
import { loadSpecs, renderNewSpec } from '../../../src/spec/index.js';
import {
  aLiveSubscription,
  anObservedCustomer,
  aPlanInput,
  aSku,
  NOW,
} from '../../planner/builders.js';

const CUSTOMER = '6f1c2a9e-4a7b-4c1e-9a53-0d8e2b7f5c11' as CustomerId;
const live = (n: number, fields: Partial<LiveSubscription>): LiveSubscription =>
  aLiveSubscription({
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}` as LiveSubscription['id'],
    customerId: CUSTOMER,
    ...fields,
  });

/**
 * What `qm import` writes plans clean with the real planner: every item matches its subscription
 * exactly (no purchase, seat change, autorenew change or schedule), whatever the subscription's
 * state, and only the notes stay unmanaged.
 */
describe('imported items plan clean', () => {
  it('plans no action for the drafted items, and lists only the notes as unmanaged', () => {
    const subscriptions = [
      live(1, { quantity: 7, autoRenewEnabled: false }),
      live(2, {
        productId: 'PROD2',
        offerId: 'PROD2:0001:AV',
        termDuration: 'P1Y',
        billingCycle: 'annual',
      }),
      live(3, { status: 'suspended' }),
      live(4, {
        productId: 'ADDON',
        offerId: 'ADDON:0001:AV',
        quantity: 10,
        // An add-on whose base the customer does not own, with a change of product at renewal.
        scheduledNextTermInstructions: {
          productId: 'PROD2',
          skuId: '0001',
          quantity: 10,
          termDuration: 'P1Y',
          billingCycle: 'monthly',
        },
      }),
      live(5, { productId: 'AZURE', offerId: 'AZURE:0001:AV', termDuration: '', quantity: 1 }),
      live(6, { isTrial: true }),
      live(7, {
        scheduledNextTermInstructions: { productId: 'PROD1', skuId: '0001', quantity: 2 },
      }),
    ];
    const draft = draftSubscriptions({ live: subscriptions, skus: [aSku()], taken: new Set() });
    expect(draft.items.map((i) => i.subscriptionId.slice(-1))).toEqual(['2', '1', '3', '4']);

    const dir = mkdtempSync(join(tmpdir(), 'qm-import-plan-'));
    try {
      writeFileSync(
        join(dir, 'c.yaml'),
        renderNewSpec({ customer: { id: CUSTOMER, name: 'C', country: 'US' }, ...draft }),
      );
      const loaded = loadSpecs(dir);
      expect(loaded.diagnostics).toEqual([]);
      const plan = buildPlan(
        aPlanInput({
          desired: loaded.desired,
          observed: {
            customers: [
              anObservedCustomer({
                customerId: CUSTOMER,
                observedAt: NOW.toISOString(),
                subscriptions,
              }),
            ],
            failures: [],
          },
        }),
      );
      expect(plan.actions).toEqual([]);
      expect(plan.blocked.map((b) => [b.item, b.code])).toEqual([['product-one-3', 'not-active']]);
      expect(plan.unmanaged.map((u) => u.subscriptionId.slice(-1)).sort()).toEqual(['5', '6', '7']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
