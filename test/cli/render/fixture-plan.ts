import type {
  ActionKey,
  CustomerId,
  ItemKey,
  Plan,
  SubscriptionId,
} from '../../../src/model/index.js';

/**
 * A fixed plan with one of each action kind, blocked entries, unmanaged and a skipped customer;
 * product names on most, absent on some (the increase, the unknown product) as when unknown.
 */
const C1 = '11111111-1111-4111-8111-111111111111' as CustomerId;
const C2 = '22222222-2222-4222-8222-222222222222' as CustomerId;
const S1 = 'aaaaaaaa-0000-4000-8000-000000000001' as SubscriptionId;
const S2 = 'aaaaaaaa-0000-4000-8000-000000000002' as SubscriptionId;
const k = (v: string) => v as ActionKey;
const i = (v: string) => v as ItemKey;
const c1 = { customerId: C1, customerName: 'Contoso' } as const;

export const FIXTURE_PLAN: Plan = {
  formatVersion: 2,
  basis: {
    specDigest: 'aaaaaaaaaaaabbbb',
    observedDigest: 'ccccccccccccdddd',
    stateSerial: 7,
    customers: {
      [C1]: { customerName: 'Contoso', specDigest: 's1', observedDigest: 'o1', stateDigest: 'b1' },
    },
    createdAt: '2026-03-01T12:00:00.000Z',
  },
  actions: [
    {
      ...c1,
      key: k('register-azure-subscription:0000000000000001'),
      kind: 'register-azure-subscription',
      item: i('vm'),
      reason: 'reservations need Azure subscription az-1 registered first',
      azureSubscriptionId: 'az-1',
    },
    {
      ...c1,
      key: k('purchase:0000000000000002'),
      kind: 'purchase',
      item: i('vm'),
      productName: 'Reserved VM Instance, Dsv3',
      reason: 'not bought yet',
      target: 'azure-reservation',
      after: { productId: 'RES1', skuId: '0059', term: 'P1Y', billing: 'one_time', quantity: 2 },
      catalogItemId: 'RES1:0059:AV',
      availabilityId: 'AV',
      country: 'US',
      provisioningContext: { subscriptionId: 'az-1', scope: 'Shared', duration: '1Year' },
      scope: 'shared',
      dependsOn: [k('register-azure-subscription:0000000000000001')],
    },
    {
      ...c1,
      key: k('purchase:0000000000000003'),
      kind: 'purchase',
      item: i('exchange'),
      productName: 'Exchange Online (Plan 1)',
      reason: 'not owned yet',
      target: 'subscription',
      after: {
        productId: 'EXO',
        skuId: '0001',
        term: 'P1M',
        billing: 'monthly',
        quantity: 10,
        autoRenew: true,
      },
      catalogItemId: 'EXO:0001:AV',
      availabilityId: 'AV',
      country: 'US',
    },
    {
      ...c1,
      key: k('set-autorenew:0000000000000004'),
      kind: 'set-autorenew',
      item: i('m365'),
      subscriptionId: S1,
      productName: 'Microsoft 365 Business Premium',
      reason: 'spec wants autorenew on',
      before: { autoRenew: false },
      after: { autoRenew: true },
    },
    {
      ...c1,
      key: k('decrease-quantity:0000000000000005'),
      kind: 'decrease-quantity',
      item: i('m365'),
      subscriptionId: S1,
      productName: 'Microsoft 365 Business Premium',
      reason: '3 of 10 refundable',
      before: { quantity: 10 },
      after: { quantity: 7 },
    },
    {
      ...c1,
      key: k('schedule-decrease:0000000000000006'),
      kind: 'schedule-decrease',
      item: i('m365'),
      subscriptionId: S1,
      productName: 'Microsoft 365 Business Premium',
      reason: 'the rest at renewal',
      before: { quantity: 7 },
      after: { quantity: 5 },
      effectiveAt: '2026-05-31',
      nextTerm: {
        productId: 'M365',
        skuId: '0001',
        availabilityId: 'AV',
        termDuration: 'P1Y',
        billingCycle: 'monthly',
      },
      dependsOn: [k('decrease-quantity:0000000000000005'), k('set-autorenew:0000000000000004')],
    },
    {
      ...c1,
      key: k('increase-quantity:0000000000000007'),
      kind: 'increase-quantity',
      item: i('teams'),
      subscriptionId: S2,
      reason: 'spec wants 30 seats, Partner Center has 25',
      before: { quantity: 25 },
      after: { quantity: 30 },
    },
    {
      ...c1,
      key: k('cancel:0000000000000008'),
      kind: 'cancel',
      item: i('visio'),
      subscriptionId: S2,
      productName: 'Visio Plan 2',
      reason: 'tombstone',
      before: { status: 'active', quantity: 3 },
      after: { status: 'deleted' },
      cancellationAllowedUntil: '2026-03-05T00:00:00Z',
    },
  ],
  blocked: [
    {
      ...c1,
      item: i('office'),
      subscriptionId: S1,
      productName: 'Office 365 E3',
      code: 'autorenew-off',
      reason: 'cannot lower before renewal on 2026-05-31',
      wanted: 'schedule-decrease',
    },
    {
      customerId: C2,
      item: i('project'),
      productName: 'Project Plan 3',
      code: 'in-flight',
      reason: 'waiting: order o-1 is not visible yet',
    },
    {
      ...c1,
      item: i('teams'),
      code: 'unknown-product',
      reason: 'the catalog has no product CFQ7TTC0LH1X (SKU 0001) for country US',
      wanted: 'purchase',
      source: { file: 'contoso.yaml', line: 21, col: 14 },
    },
  ],
  unmanaged: [
    {
      customerId: C2,
      subscriptionId: S2,
      offerId: 'VISIO:0001:AV',
      productName: 'Visio Plan 1',
      quantity: 4,
      status: 'active',
    },
  ],
  summary: {
    actions: {
      'register-azure-subscription': 1,
      purchase: 2,
      'set-autorenew': 1,
      'decrease-quantity': 1,
      'schedule-decrease': 1,
      'increase-quantity': 1,
      cancel: 1,
    },
    totalActions: 8,
    irreversible: 3,
    blocked: { 'autorenew-off': 1, 'in-flight': 1, 'unknown-product': 1 },
    totalBlocked: 3,
    unmanaged: 1,
    customers: 2,
    skippedCustomers: [
      {
        customerId: '33333333-3333-4333-8333-333333333333' as CustomerId,
        customerName: 'Fabrikam',
        code: 'http-503',
        reason: 'service unavailable',
      },
    ],
  },
};

/** A plan with nothing to do. */
export const EMPTY_PLAN: Plan = {
  formatVersion: 2,
  basis: {
    specDigest: 'aaaaaaaaaaaa',
    observedDigest: 'bbbbbbbbbbbb',
    stateSerial: 1,
    customers: {},
    createdAt: '2026-03-01T12:00:00.000Z',
  },
  actions: [],
  blocked: [],
  unmanaged: [],
  summary: {
    actions: {},
    totalActions: 0,
    irreversible: 0,
    blocked: {},
    totalBlocked: 0,
    unmanaged: 0,
    customers: 1,
  },
};
