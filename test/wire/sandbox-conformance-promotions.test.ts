/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-return -- conformance tests read wire JSON loosely and compare its shape. */
/**
 * Suite 3, promotions: the sandbox answers the promotions list, a promotion by id and the
 * eligibility check in the shape of Microsoft's documented examples
 * (test/wire/corpus/promotions), in both dialects. The eligibility answer is driven into the
 * documented example's three errors (SeatCount, Term, FirstPurchase), each compared.
 */
import { describe, it } from 'vitest';
import { defaultSeed, type SeedPromotion } from '../../src/sandbox/index.js';
import { CONTOSO, boot } from '../sandbox/helpers.js';
import { check, type ConformanceOptions } from './shape.js';

/** Business Premium for new customers, 25–500 seats, P3Y monthly only: as the example's errors. */
const NARROW: SeedPromotion = {
  id: '39NFJQT1PJQB:0002:39NFJQT1Q5KN',
  name: 'Business Premium launch',
  products: [
    {
      productId: 'CFQ7TTC0LCHC',
      skuId: '0002',
      termDuration: 'P3Y',
      billingCycle: 'monthly',
      percentDiscount: 5,
    },
  ],
  minimumSeats: 25,
  maximumSeats: 500,
  firstPurchaseOnly: true,
};

const ERROR_TYPES = {
  values: [
    'SeatCount',
    'Term',
    'FirstPurchase',
    'OfferPurchasedPreviously',
    'InvalidCatalogItemId',
    'InvalidPromotion',
    'PrerequisiteProductOwnership',
    'RedemptionLimit',
  ],
  caseSensitive: true,
};

describe.each(['extended', 'documented'] as const)('promotions in the %s dialect', (dialect) => {
  const strict = dialect === 'documented';
  const rules: ConformanceOptions = {
    strict,
    enums: {
      '**.pricingPolicies[].policyType': { values: ['PercentDiscount'], caseSensitive: true },
      '**.errors[].type': ERROR_TYPES,
    },
  };

  it('list, by id, and an eligibility check failing on seats, term and first purchase', async () => {
    const { api } = await boot({ dialect, seed: { ...defaultSeed(), promotions: [NARROW] } });
    check(
      'promotions/get-promotions.response.json',
      await api.get('/v1/productpromotions?country=US&segment=commercial'),
      rules,
    );
    check(
      'promotions/get-promotion-by-id.response.json',
      await api.get(`/v1/productpromotions/${NARROW.id}?country=US`),
      rules,
    );
    const answer = await api.post(`/v1/customers/${CONTOSO}/promotionEligibilities`, {
      items: [
        {
          catalogItemId: await api.catalogItemId(CONTOSO, 'CFQ7TTC0LCHC', '0002'),
          quantity: 1,
          termDuration: 'P1Y',
          billingCycle: 'Monthly',
          promotionId: ` ${NARROW.id}`,
        },
      ],
    });
    const eligibility = 'promotions/verify-promotion-eligibility.response.json';
    check(eligibility, answer, rules);
    for (const index of [1, 2]) {
      const error = (body: any) => body.items[0].eligibilities[0].errors[index];
      check(eligibility, answer, { ...rules, select: error, documented: error });
    }
  });
});
