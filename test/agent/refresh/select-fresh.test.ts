import { describe, expect, it } from 'vitest';
import {
  selectFreshCustomers,
  snapshotDue,
  type FreshSelectionInput,
} from '../../../src/agent/refresh/index.js';
import type {
  CustomerId,
  DesiredCustomer,
  ObservedCustomer,
  OrderId,
} from '../../../src/model/index.js';
import { computeCustomerSpecDigest } from '../../../src/planner/index.js';
import {
  aCustomer,
  aLiveSubscription,
  anObservedCustomer,
  AZURE_SUB,
  aReservation,
  CUSTOMER,
} from '../../planner/builders.js';

const MIN = 60_000;
const NOW = new Date('2026-03-10T12:00:00.000Z');
const at = (minutes: number): string => new Date(NOW.getTime() + minutes * MIN).toISOString();
/** The last audit read: 30 minutes ago. */
const MARK = { auditThrough: at(-30), fullStartedAt: at(-600) };

/** A customer planned from its snapshot unless an override gives a reason to read it. */
type Overrides = Omit<Partial<FreshSelectionInput>, 'snapshot'> & {
  customer?: DesiredCustomer;
  snapshot?: ObservedCustomer | undefined;
};

function input(overrides: Overrides = {}): FreshSelectionInput {
  const { customer: given, snapshot: stored, ...rest } = overrides;
  const customer = given ?? aCustomer();
  const snapshot =
    'snapshot' in overrides
      ? stored
      : anObservedCustomer({ observedAt: at(-31), subscriptions: [aLiveSubscription()] });
  return {
    customers: [customer],
    snapshot: (id) => (id === customer.id ? snapshot : undefined),
    coverage: new Map([
      [
        customer.id,
        { coveredUntil: MARK.auditThrough, specDigest: computeCustomerSpecDigest(customer) },
      ],
    ]),
    mark: MARK,
    audited: new Map(),
    agentActive: new Set(),
    requested: new Set(),
    inFlight: new Set(),
    now: NOW,
    fullEveryMs: 24 * 60 * MIN,
    overlapMs: 15 * MIN,
    ...rest,
  };
}

const verdict = (i: FreshSelectionInput) => {
  const v = selectFreshCustomers(i).get(CUSTOMER);
  return v?.read === true ? v.because : 'snapshot';
};

describe('selectFreshCustomers', () => {
  it('plans from the snapshot when nothing says it moved', () => {
    expect(verdict(input())).toBe('snapshot');
  });

  it.each<[string, Overrides, string]>([
    ['a saved plan asks for it', { requested: new Set([CUSTOMER]) }, 'requested'],
    ['no snapshot', { snapshot: undefined }, 'no-snapshot'],
    ['no coverage row (new in scope, moved by a reshard)', { coverage: new Map() }, 'not-covered'],
    [
      'covered only up to before the mark (an earlier read failed)',
      {
        coverage: new Map([
          [CUSTOMER, { coveredUntil: at(-31), specDigest: computeCustomerSpecDigest(aCustomer()) }],
        ]),
      },
      'not-covered',
    ],
    [
      'its spec changed since',
      { coverage: new Map([[CUSTOMER, { coveredUntil: MARK.auditThrough, specDigest: 'old' }]]) },
      'spec-changed',
    ],
    [
      'its snapshot is older than fullEvery',
      { snapshot: anObservedCustomer({ observedAt: at(-24 * 60) }) },
      'snapshot-old',
    ],
    [
      'a purchase came into flight (orders now read)',
      { inFlight: new Set([CUSTOMER]), agentActive: new Set([CUSTOMER]) },
      'reads-changed',
    ],
    ['the agent wrote to it', { agentActive: new Set([CUSTOMER]) }, 'agent-activity'],
    [
      'an audit record after its snapshot',
      { audited: new Map([[CUSTOMER, at(-5)]]) },
      'audit-activity',
    ],
    [
      'an audit record before its snapshot, inside the overlap (it may have landed late)',
      { audited: new Map([[CUSTOMER, at(-45)]]) },
      'audit-activity',
    ],
  ])('reads it when %s', (_why, overrides, reason) => {
    expect(verdict(input(overrides))).toBe(reason);
  });

  it('ignores an audit record older than its snapshot by more than the overlap (the read saw it)', () => {
    expect(verdict(input({ audited: new Map([[CUSTOMER, at(-47)]]) }))).toBe('snapshot');
  });

  it('reads a customer whose snapshot lacks what its purchases now need (registrations)', () => {
    const customer = aCustomer({ purchases: [aReservation()] });
    const snapshot = anObservedCustomer({ observedAt: at(-31), orders: [], entitlements: [] });
    expect(verdict(input({ customer, snapshot }))).toBe('reads-changed');
    const complete = {
      ...snapshot,
      registrations: [{ azureSubscriptionId: AZURE_SUB, status: 'registered' }],
    };
    expect(verdict(input({ customer, snapshot: complete }))).toBe('snapshot');
  });

  it('checks every customer independently', () => {
    const other = aCustomer({
      id: 'c0000000-0000-4000-8000-000000000002' as CustomerId,
      name: 'Other',
    });
    const i = input();
    const both = selectFreshCustomers({
      ...i,
      customers: [...i.customers, other],
      audited: new Map([[other.id, at(-1)]]),
    });
    expect([...both].map(([id, v]) => [id, v.read ? v.because : 'snapshot'])).toEqual([
      [CUSTOMER, 'snapshot'],
      [other.id, 'no-snapshot'],
    ]);
  });
});

describe('snapshotDue', () => {
  const observed = (
    subs: Parameters<typeof aLiveSubscription>[0][],
    extra: Partial<ObservedCustomer> = {},
  ) =>
    anObservedCustomer({
      observedAt: at(-60),
      subscriptions: subs.map((s) => aLiveSubscription(s)),
      ...extra,
    });

  it.each<[string, ObservedCustomer, ReturnType<typeof snapshotDue>]>([
    ['nothing due', observed([{ commitmentEndDate: at(60 * 24 * 30) }]), undefined],
    ['a term ends within the margin', observed([{ commitmentEndDate: at(10) }]), 'deadline'],
    [
      'a term ended and the snapshot still shows it (renewal not processed yet)',
      observed([{ commitmentEndDate: at(-600) }]),
      'deadline',
    ],
    [
      'an ended term of a cancelled subscription',
      observed([{ status: 'deleted', commitmentEndDate: at(-600) }]),
      undefined,
    ],
    ['a term without an end', observed([{ commitmentEndDate: '9999-12-31T00:00:00Z' }]), undefined],
    [
      'a refund block expired since the snapshot',
      observed([
        {
          commitmentEndDate: at(99_999),
          refundableQuantity: {
            totalQuantity: 1,
            details: [{ quantity: 1, allowedUntilDateTime: at(-30) }],
          },
        },
      ]),
      'deadline',
    ],
    [
      'a refund option expiring within the margin',
      observed([
        { commitmentEndDate: at(99_999), refundOptions: [{ type: 'Full', expiresAt: at(14) }] },
      ]),
      'deadline',
    ],
    [
      'a cancellation window closed before the snapshot was read',
      observed([{ commitmentEndDate: at(99_999), cancellationAllowedUntilDate: at(-24 * 60) }]),
      undefined,
    ],
    [
      'a cancellation window closing later',
      observed([{ commitmentEndDate: at(99_999), cancellationAllowedUntilDate: at(60) }]),
      undefined,
    ],
    [
      'a pending subscription',
      observed([{ status: 'pending', commitmentEndDate: at(99_999) }]),
      'unsettled',
    ],
    [
      'a pending order',
      observed([], {
        orders: [
          {
            id: 'o1' as OrderId,
            customerId: CUSTOMER,
            status: 'pending',
            billingCycle: 'one_time',
            creationDate: at(-70),
            lineItems: [],
          },
        ],
      }),
      'unsettled',
    ],
    [
      'a registration under way',
      observed([], { registrations: [{ azureSubscriptionId: AZURE_SUB, status: 'registering' }] }),
      'unsettled',
    ],
    [
      'an entitlement expired since',
      observed([], {
        entitlements: [
          {
            productId: 'P',
            skuId: 'S',
            quantity: 1,
            entitlementType: 'reservedInstance',
            expiryDate: at(-1),
          },
        ],
      }),
      'deadline',
    ],
  ])('%s', (_why, snapshot, due) => {
    expect(snapshotDue(snapshot, NOW, 15 * MIN)).toBe(due);
  });
});
