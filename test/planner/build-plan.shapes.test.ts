import { describe, expect, it } from 'vitest';
import type { CustomerId } from '../../src/model/index.js';
import {
  buildPlan,
  computeCustomerObservedDigest,
  computeCustomerSpecDigest,
  computeObservedDigest,
  computeSpecDigest,
} from '../../src/planner/index.js';
import {
  aBinding,
  aCustomer,
  aLiveSubscription,
  anObservedCustomer,
  aPlanInput,
  aReservation,
  aSoftware,
  aSubscriptionItem,
  AZURE_SUB,
  CUSTOMER,
  key,
} from './builders.js';
import { projectPlan } from './project-plan.js';
import { withPurchase } from './scenarios.js';

describe('buildPlan: action shapes', () => {
  it('gives a reservation purchase its provisioning and inventory context and the registration dependency', () => {
    const plan = buildPlan(withPurchase());
    const [registration, purchase] = plan.actions;
    expect(registration).toMatchObject({
      kind: 'register-azure-subscription',
      azureSubscriptionId: AZURE_SUB,
    });
    expect(purchase).toEqual({
      key: purchase!.key,
      kind: 'purchase',
      customerId: CUSTOMER,
      customerName: 'Contoso',
      item: 'vm-reservation',
      productName: 'Reserved VM',
      reason: 'not bought yet: azure-reservation 2 × RES1:0059 (P1Y), one_time',
      target: 'azure-reservation',
      after: { productId: 'RES1', skuId: '0059', term: 'P1Y', billing: 'one_time', quantity: 2 },
      catalogItemId: 'RES1:0059:AV-RES1-0059',
      availabilityId: 'AV-RES1-0059',
      country: 'US',
      provisioningContext: { subscriptionId: AZURE_SUB, scope: 'shared', duration: '1Year' },
      inventoryCheck: {
        productId: 'RES1',
        skuId: '0059',
        context: { customerId: CUSTOMER, azureSubscriptionId: AZURE_SUB, armRegionName: 'eastus' },
      },
      scope: 'shared',
      purchased: {
        kind: 'azure-reservation',
        product: 'RES1',
        sku: '0059',
        quantity: 2,
        billing: 'one_time',
        term: 'P1Y',
        scope: 'shared',
        azureSubscriptionId: AZURE_SUB,
        region: 'eastus',
      },
      dependsOn: [registration!.key],
    });
    expect(purchase!.key).toMatch(/^purchase:[0-9a-f]{16}$/);
  });

  it('registers an Azure subscription once for two reservations on it', () => {
    const plan = buildPlan(
      aPlanInput({
        customer: aCustomer({
          purchases: [aReservation(), aReservation({ key: key('vm-3y'), term: 'P3Y' })],
        }),
      }),
    );
    // The registration serves the first item in key order.
    expect(projectPlan(plan).actions).toEqual([
      `register-azure-subscription vm-3y ${AZURE_SUB}`,
      'purchase vm-3y RES1:0059 x2',
      'purchase vm-reservation RES1:0059 x2',
    ]);
    const registrationKey = plan.actions[0]!.key;
    expect(plan.actions.slice(1).map((a) => a.dependsOn)).toEqual([
      [registrationKey],
      [registrationKey],
    ]);
    expect(plan.actions[1]).toMatchObject({ provisioningContext: { duration: '3Years' } });
  });

  it('names the renewal date when autorenew-off blocks a decrease', () => {
    const plan = buildPlan(
      aPlanInput({
        customer: aCustomer({
          subscriptions: [aSubscriptionItem({ quantity: 5, autoRenew: false })],
        }),
        live: anObservedCustomer({
          subscriptions: [aLiveSubscription({ autoRenewEnabled: false })],
        }),
        bindings: [aBinding()],
      }),
    );
    expect(plan.blocked[0]!.reason).toContain('renewal on 2026-05-31');
  });

  it('skips a customer whose refresh failed, fail closed, and says so in the summary', () => {
    const input = aPlanInput({ customer: aCustomer({ subscriptions: [aSubscriptionItem()] }) });
    const plan = buildPlan({
      ...input,
      observed: {
        customers: [],
        failures: [
          { customerId: CUSTOMER, code: 'http-503', message: 'Partner Center unavailable' },
        ],
      },
    });
    expect(plan.actions).toEqual([]);
    expect(plan.summary).toEqual({
      actions: {},
      totalActions: 0,
      irreversible: 0,
      blocked: {},
      totalBlocked: 0,
      unmanaged: 0,
      customers: 0,
      skippedCustomers: [
        {
          customerId: CUSTOMER,
          customerName: 'Contoso',
          code: 'http-503',
          reason: 'Partner Center unavailable',
        },
      ],
    });
  });

  it('lists every live subscription of an observed customer no spec declares as unmanaged', () => {
    const other = 'd0000000-0000-4000-8000-00000000000d' as CustomerId;
    const input = aPlanInput();
    const plan = buildPlan({
      ...input,
      observed: {
        customers: [
          ...input.observed.customers,
          anObservedCustomer({
            customerId: other,
            subscriptions: [aLiveSubscription({ customerId: other })],
          }),
        ],
        failures: [],
      },
    });
    expect(plan.unmanaged).toEqual([
      {
        customerId: other,
        subscriptionId: aLiveSubscription().id,
        offerId: 'PROD1:0001:AV1',
        productName: 'Product one',
        quantity: 10,
        status: 'active',
      },
    ]);
  });

  it('summarises counts per kind, irreversible actions and blocked codes', () => {
    const input = aPlanInput({
      customer: aCustomer({
        subscriptions: [
          aSubscriptionItem({ key: key('new'), product: 'PROD2' }),
          aSubscriptionItem({ quantity: 12 }),
        ],
        purchases: [aSoftware({ quantity: 9999 })],
      }),
      live: anObservedCustomer({ subscriptions: [aLiveSubscription()] }),
      bindings: [aBinding()],
    });
    const plan = buildPlan(input);
    expect(plan.summary).toEqual({
      actions: { purchase: 1, 'increase-quantity': 1 },
      totalActions: 2,
      irreversible: 1,
      blocked: { 'sku-limits': 1 },
      totalBlocked: 1,
      unmanaged: 0,
      customers: 1,
    });
    const digest = expect.stringMatching(/^[0-9a-f]{64}$/) as unknown;
    expect(plan.basis).toEqual({
      specDigest: computeSpecDigest(input.desired),
      observedDigest: computeObservedDigest(input.observed),
      stateSerial: 1,
      customers: {
        [CUSTOMER]: {
          customerName: aCustomer().name,
          specDigest: computeCustomerSpecDigest(input.desired.customers[0]!),
          observedDigest: computeCustomerObservedDigest(input.observed.customers[0]!),
          stateDigest: digest,
        },
      },
      createdAt: '2026-03-01T12:00:00.000Z',
    });
  });
});
