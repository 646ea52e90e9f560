/** Suite 1 rows: promotions (list, by id) and the eligibility check. */
import { expect } from 'vitest';
import { CUSTOMER, row, type DecodeRow } from './harness.js';

/** The first promotion every promotions example prints. */
const VISIO_ANNUAL = {
  id: '39NFJQT1PJQB:0001:39NFJQT1Q5KN',
  name: 'Visio Plan 1',
  description: 'Visio Plan 1',
  startDate: '2021-09-23T00:00:00Z',
  endDate: '2021-10-14T23:59:59Z',
  country: 'US',
  isAutoApplicable: true,
  requiredProducts: [
    {
      productId: 'CFQ7TTC0HD33',
      skuId: '0003',
      termDuration: 'P1Y',
      billingCycle: 'annual',
      percentDiscount: 5,
      pricingPolicies: [{ type: 'PercentDiscount', value: '0.05' }],
    },
  ],
};

export const PROMOTION_ROWS: readonly DecodeRow[] = [
  row({
    // `pricingPolicies[].policyType` + a fraction as a string; PascalCase billing cycles.
    file: 'promotions/get-promotions.response.json',
    at: '/v1/productpromotions?country=US&segment=commercial',
    call: (c) => c.promotions.list('US'),
    check: (list) => {
      expect(list[0]).toEqual({ ...VISIO_ANNUAL, segment: 'commercial' });
      expect(
        list.map((p) => [
          p.id,
          p.requiredProducts[0]?.billingCycle,
          p.requiredProducts[0]?.percentDiscount,
        ]),
      ).toEqual([
        ['39NFJQT1PJQB:0001:39NFJQT1Q5KN', 'annual', 5],
        ['39NFJQT1PJQC:0001:39NFJQT1Q5KM', 'monthly', 16.7],
      ]);
    },
  }),
  row({
    // The answer's id is not the one asked for: the client returns what was answered.
    file: 'promotions/get-promotion-by-id.response.json',
    at: '/v1/productpromotions/CFQ7TTC0HD33:0003:CFQ7TTC0K59M?country=US',
    call: (c) => c.promotions.get('CFQ7TTC0HD33:0003:CFQ7TTC0K59M', 'US'),
    check: (promotion) => expect(promotion).toEqual(VISIO_ANNUAL),
  }),
  row({
    // `minRequiredSeats`/`maxRequiredSeats` (not the table's names), a `FirstPurchase` type.
    file: 'promotions/verify-promotion-eligibility.response.json',
    at: `/v1/customers/${CUSTOMER}/promotionEligibilities`,
    call: (c) =>
      c.promotions.verifyEligibility(CUSTOMER, [
        {
          catalogItemId: 'CFQ7TTC0KZ59:0001:CFQ7TTC0KZ59',
          quantity: 1,
          termDuration: 'P1Y',
          billingCycle: 'monthly',
          promotionId: 'CFQ9TTC0HH4R:0001:CFQ8HGC0K77G',
        },
      ]),
    check: (results) =>
      expect(results).toEqual([
        {
          catalogItemId: 'CFQ7TTC0KZ59:0001:CFQ7TTC0KZ59',
          quantity: 1,
          termDuration: 'P1Y',
          billingCycle: 'monthly',
          promotionId: 'CFQ9TTC0HH4R:0001:CFQ8HGC0K77G',
          isEligible: false,
          errors: [
            { type: 'SeatCount', minimumSeats: 25, maximumSeats: 500 },
            { type: 'Term', eligibleTerms: [{ termDuration: 'P3Y', billingCycle: 'monthly' }] },
            { type: 'FirstPurchase' },
          ],
        },
      ]),
  }),
];
