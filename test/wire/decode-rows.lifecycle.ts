/** Suite 1 rows: transitions (eligibilities, create, list) and custom term end dates. */
import { expect } from 'vitest';
import type { SubscriptionId } from '../../src/model/index.js';
import { transitionOutcome, transitionVerdict } from '../../src/model/index.js';
import { CUSTOMER, row, SUBSCRIPTION, type DecodeRow } from './harness.js';

const SUB = SUBSCRIPTION as SubscriptionId;
const AT = `/v1/customers/${CUSTOMER}/subscriptions/${SUBSCRIPTION}`;

/** The 2021 and 2023 texts print the same two targets; E5 only transition_only is eligible. */
const E5 = {
  catalogItemId: 'CFQ7TTC0KZCR:0001:CFQ7TTC0K71H',
  productId: 'CFQ7TTC0KZCR',
  skuId: '0001',
  title: 'Microsoft 365 E5 Test Sku Title',
  description: 'Microsoft 365 E5 Test Sku Description',
  quantity: 1,
  eligibilities: [
    { transitionType: 'transition_only', isEligible: true, errors: [] },
    {
      transitionType: 'transition_with_license_transfer',
      isEligible: false,
      errors: [
        {
          code: 3,
          description:
            'Subscription cannot be transitioned because there are conflicting services.',
        },
      ],
    },
  ],
};

/** The documented POST answer: camelCase, PascalCase billing cycle, `Events` with `"Started "`. */
const POSTED = {
  fromCatalogItemId: 'CFQ7TTC0LF8Q:0001:CFQ7TTC0K39X',
  fromSubscriptionId: 'e487e8dc-421e-4275-cb42-3c1c8daccf70',
  toCatalogItemId: 'CFQ7TTC0LF8R:0001:CFQ7TTC0KCSV',
  toSubscriptionId: '0af52192-4a2a-4364-d25b-c8ecab3a5697',
  quantity: 2,
  termDuration: 'P1M',
  billingCycle: 'monthly',
  transitionType: 'transition_only',
  events: [
    { name: 'Conversion', status: 'Started', timestamp: '2021-01-08T18:01:14.748Z', errors: [] },
  ],
};

/** The documented list item: `FromCatalogItemId`/`ToCatalogItemId`/`Events` PascalCase, no ids. */
const LISTED = {
  fromCatalogItemId: 'CFQ7TTC0LDPB:0001:CFQ7TTC0LGNT',
  toCatalogItemId: 'CFQ7TTC0LF8S:0001:CFQ7TTC0K9G9',
  quantity: 1,
  transitionType: 'transition_with_license_transfer',
  events: [
    { name: 'Conversion', status: 'Started', timestamp: '2021-01-08T18:01:14.748Z', errors: [] },
    { name: 'Conversion', status: 'Completed', timestamp: '2021-01-08T18:37:41.591Z', errors: [] },
  ],
};

export const LIFECYCLE_ROWS: readonly DecodeRow[] = [
  row({
    file: 'subscriptions/transition-a-new-commerce-subscription.response.eligibilities.json',
    at: `${AT}/transitionEligibilities?eligibilityType=immediate`,
    call: (c) => c.transitions.eligibilities(CUSTOMER, SUB, 'immediate'),
    check: (list) => {
      expect(list[0]).toEqual(E5);
      expect(list.map((e) => [e.productId, e.eligibilities.map((d) => d.isEligible)])).toEqual([
        ['CFQ7TTC0KZCR', [true, false]],
        ['CFQ7TTC0L4M3', [false]],
      ]);
      // What the planner asks: E5 is eligible (transition_only); Business Premium is not, and says why.
      expect(transitionVerdict(list, { productId: 'CFQ7TTC0KZCR', skuId: '0001' })).toMatchObject({
        eligible: true,
        transitionType: 'transition_only',
      });
      const no = transitionVerdict(list, { productId: 'CFQ7TTC0L4M3', skuId: '0001' });
      expect(no.eligible ? '' : no.reason).toMatch(/conflicting services.*code 3/);
    },
  }),
  row({
    // 2023: `operationId` per item and the existing target subscriptions' eligibility.
    file: 'subscriptions/transition-a-new-commerce-subscription.response.eligibilities-2023.json',
    at: `${AT}/transitionEligibilities?eligibilityType=immediate`,
    call: (c) => c.transitions.eligibilities(CUSTOMER, SUB, 'immediate'),
    check: (list) => {
      expect(list[0]).toEqual({
        ...E5,
        operationId: '1caf8ec7-62cc-4ab5-b35d-572d2a62974c',
        subscriptionEligibilities: [
          {
            subscriptionId: '92301b7d-7598-4938-d6f2-d31e080e9da6',
            isEligible: false,
            friendlyName: 'Microsoft 365 Business Premium',
            termDuration: 'P1M',
            billingCycle: 'monthly',
            errors: [
              {
                code: 3,
                description:
                  "The subscription's term duration is shorter than the source subscription's term duration.",
              },
            ],
          },
          {
            subscriptionId: '151467a1-4246-4a00-da7b-3405463d9b78',
            isEligible: true,
            friendlyName: 'Microsoft 365 Business Premium',
            termDuration: 'P1Y',
            billingCycle: 'monthly',
            errors: [],
          },
        ],
      });
      expect(list[1]?.subscriptionEligibilities).toBeUndefined();
    },
  }),
  row({
    file: 'subscriptions/transition-a-new-commerce-subscription.response.transition.json',
    at: `${AT}/transitions`,
    call: (c) =>
      c.transitions.create(CUSTOMER, SUB, {
        toCatalogItemId: 'CFQ7TTC0LF8R:0001:CFQ7TTC0KCSV',
        quantity: 2,
        transitionType: 'transition_only',
      }),
    check: (transition) => {
      expect(transition).toEqual(POSTED);
      expect(transitionOutcome(transition)).toBe('in-progress');
    },
  }),
  row({
    // `{"transition": [...]}`, not a Collection's `items`.
    file: 'subscriptions/get-transitions.response.json',
    at: `${AT}/transitions`,
    call: (c) => c.transitions.list(CUSTOMER, SUB),
    check: (list) => {
      expect(list).toEqual([LISTED]);
      expect(transitionOutcome(list[0]!)).toBe('completed');
    },
  }),
  row({
    file: 'subscriptions/get-transitions.response.2023.json',
    at: `${AT}/transitions?operationId=1caf8ec7-62cc-4ab5-b35d-572d2a62974c`,
    call: (c) =>
      c.transitions.list(CUSTOMER, SUB, { operationId: '1caf8ec7-62cc-4ab5-b35d-572d2a62974c' }),
    check: (list) =>
      expect(list).toEqual([{ ...LISTED, operationId: '1caf8ec7-62cc-4ab5-b35d-572d2a62974c' }]),
  }),
  row({
    // Dates without an offset are UTC; only subscription-aligned items name subscriptions.
    file: 'subscriptions/custom-term-end-dates.response.json',
    at: `/v1/customers/${CUSTOMER}/subscriptions/customTermEndDates?term_duration=P1M`,
    call: (c) => c.customTermEndDates.list(CUSTOMER, { termDuration: 'P1M' }),
    check: (dates) =>
      expect(dates).toEqual([
        {
          kind: 'calendarMonthAligned',
          endDate: '2023-07-31T00:00:00Z',
          cotermSubscriptionIds: [],
        },
        {
          kind: 'subscriptionAligned',
          endDate: '2023-08-01T00:00:00Z',
          cotermSubscriptionIds: [
            '5fcf618b-1daa-4604-da99-cc3e1c9ee422',
            'd30a9ff9-713e-4546-c97e-f06b9dcf6ef6',
          ],
        },
      ]),
  }),
];
