import { describe, expect, it } from 'vitest';
import type { CustomerId } from '../../src/model/index.js';
import {
  buildPlan,
  computeCustomerObservedDigest,
  computeCustomerSpecDigest,
  computeCustomerStateDigest,
} from '../../src/planner/index.js';
import {
  aBinding,
  aCustomer,
  aLiveSubscription,
  anInFlight,
  anObservedCustomer,
  aPlanInput,
  aSubscriptionItem,
  CUSTOMER,
  key,
  SUB_A,
  SUB_B,
} from './builders.js';

const OTHER = 'c0000000-0000-4000-8000-000000000002' as CustomerId;
const STRANGER = 'c0000000-0000-4000-8000-000000000003' as CustomerId;

describe('per-customer digests', () => {
  it('spec: ignores source positions and file names and item order; sees a quantity change', () => {
    const a = aSubscriptionItem({ key: key('a') });
    const b = aSubscriptionItem({ key: key('b'), product: 'PROD2' });
    const base = computeCustomerSpecDigest(aCustomer({ subscriptions: [a, b] }));
    const moved = aCustomer({
      file: 'specs/elsewhere.yaml',
      subscriptions: [b, { ...a, source: { file: 'specs/elsewhere.yaml', line: 40, col: 3 } }],
    });
    expect(computeCustomerSpecDigest(moved)).toBe(base);
    const changed = aCustomer({ subscriptions: [{ ...a, quantity: 11 }, b] });
    expect(computeCustomerSpecDigest(changed)).not.toBe(base);
  });

  it('live state: ignores observedAt and list order; sees seats; a failure digests apart', () => {
    const one = aLiveSubscription({ id: SUB_A });
    const two = aLiveSubscription({ id: SUB_B, quantity: 3 });
    const base = computeCustomerObservedDigest(anObservedCustomer({ subscriptions: [one, two] }));
    expect(
      computeCustomerObservedDigest(
        anObservedCustomer({ observedAt: '2030-01-01T00:00:00.000Z', subscriptions: [two, one] }),
      ),
    ).toBe(base);
    expect(
      computeCustomerObservedDigest(
        anObservedCustomer({ subscriptions: [one, { ...two, quantity: 4 }] }),
      ),
    ).not.toBe(base);
    const failed = { customerId: CUSTOMER, code: 'timeout', message: 'took too long' };
    expect(computeCustomerObservedDigest(failed)).not.toBe(base);
    expect(computeCustomerObservedDigest({ ...failed, message: 'other words' })).toBe(
      computeCustomerObservedDigest(failed),
    );
  });

  it('state store: ignores boundAt and order; sees a new binding and a purchase in flight', () => {
    const first = aBinding({ item: key('a'), subscriptionId: SUB_A });
    const second = aBinding({ item: key('b'), subscriptionId: SUB_B });
    const base = computeCustomerStateDigest([first, second], []);
    expect(
      computeCustomerStateDigest([second, { ...first, boundAt: '2026-02-02T00:00:00.000Z' }], []),
    ).toBe(base);
    expect(computeCustomerStateDigest([first], [])).not.toBe(base);
    expect(computeCustomerStateDigest([first, second], [anInFlight()])).not.toBe(base);
  });
});

describe('buildPlan: basis.customers', () => {
  const input = (otherSeats: number, otherBound: boolean) =>
    aPlanInput({
      desired: {
        customers: [
          aCustomer({ subscriptions: [aSubscriptionItem({ quantity: 12 })] }),
          aCustomer({ id: OTHER, name: 'Fabrikam', subscriptions: [aSubscriptionItem()] }),
        ],
      },
      observed: {
        customers: [
          anObservedCustomer({ subscriptions: [aLiveSubscription()] }),
          anObservedCustomer({
            customerId: OTHER,
            subscriptions: [aLiveSubscription({ id: SUB_B, quantity: otherSeats })],
          }),
          anObservedCustomer({ customerId: STRANGER }),
        ],
        failures: [],
      },
      bindings: [
        aBinding(),
        ...(otherBound ? [aBinding({ customerId: OTHER, subscriptionId: SUB_B })] : []),
      ],
    });

  it('holds one entry per declared customer in scope, none for an undeclared one', () => {
    const { basis } = buildPlan(input(10, true));
    expect(Object.keys(basis.customers)).toEqual([CUSTOMER, OTHER]);
    expect(basis.customers[OTHER]?.customerName).toBe('Fabrikam');
  });

  it("leaves a customer's entry alone when another customer's live state or bindings move", () => {
    const before = buildPlan(input(10, true)).basis.customers;
    const after = buildPlan(input(14, false)).basis.customers;
    expect(after[CUSTOMER]).toEqual(before[CUSTOMER]);
    expect(after[OTHER]?.specDigest).toBe(before[OTHER]?.specDigest);
    expect(after[OTHER]?.observedDigest).not.toBe(before[OTHER]?.observedDigest);
    expect(after[OTHER]?.stateDigest).not.toBe(before[OTHER]?.stateDigest);
  });

  it('gives a customer whose refresh failed an entry (it has no actions)', () => {
    const failing = input(10, true);
    const plan = buildPlan({
      ...failing,
      observed: {
        customers: failing.observed.customers.filter((c) => c.customerId !== OTHER),
        failures: [{ customerId: OTHER, code: 'timeout', message: 'took too long' }],
      },
    });
    expect(plan.basis.customers[OTHER]?.observedDigest).toBe(
      computeCustomerObservedDigest({ customerId: OTHER, code: 'timeout', message: '' }),
    );
    expect(plan.actions.every((a) => a.customerId === CUSTOMER)).toBe(true);
  });
});
