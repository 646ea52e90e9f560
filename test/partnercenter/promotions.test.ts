/**
 * The real client against the sandbox, both dialects: promotions list and by id, and the
 * eligibility check, decode to the same model values whichever spellings the server uses
 * (PascalCase or lower-case cycles, `+00:00` or `Z` instants, `minRequiredSeats` or
 * `minimumRequiredSeats`, `FirstPurchase` or `OfferPurchasedPreviously`).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { parseCustomerId } from '../../src/model/index.js';
import {
  createPartnerCenterClient,
  createStaticTokenSource,
  type PartnerCenterClient,
} from '../../src/partnercenter/index.js';
import {
  createSandboxClock,
  defaultSeed,
  SANDBOX_TOKENS,
  SEED_CUSTOMERS,
  startSandbox,
  type RunningSandbox,
  type SandboxDialect,
} from '../../src/sandbox/index.js';
import { ManualClock } from '../../src/support/index.js';

const contoso = parseCustomerId(SEED_CUSTOMERS.contoso)!;
const PROMOTION = '39NFJQT1PJQP:0002:39NFJQT1Q5KP';

let sandbox: RunningSandbox | undefined;
let client: PartnerCenterClient | undefined;
afterEach(async () => {
  await client?.close();
  await sandbox?.close();
});

async function start(dialect: SandboxDialect): Promise<PartnerCenterClient> {
  sandbox = await startSandbox({
    dialect,
    clock: createSandboxClock('2026-03-02T10:00:00Z'),
    seed: {
      ...defaultSeed(),
      promotions: [
        {
          id: PROMOTION,
          name: 'Business Premium, new customers',
          startDate: '2026-03-01T00:00:00Z',
          endDate: '2026-03-31T23:59:59Z',
          isAutoApplicable: true,
          products: [
            {
              productId: 'CFQ7TTC0LCHC',
              skuId: '0002',
              termDuration: 'P3Y',
              billingCycle: 'annual',
              percentDiscount: 16.7,
            },
          ],
          minimumSeats: 25,
          maximumSeats: 500,
          firstPurchaseOnly: true,
        },
      ],
    },
  });
  client = createPartnerCenterClient({
    baseUrl: sandbox.url,
    tokenSource: createStaticTokenSource(SANDBOX_TOKENS.appOnly),
    clock: new ManualClock('2026-03-02T10:00:00Z'),
    retry: { maxAttempts: 1 },
  });
  return client;
}

describe.each(['extended', 'documented'] as const)('promotions client, %s dialect', (dialect) => {
  it('lists and reads a promotion, then checks a line that fails every condition', async () => {
    const pc = await start(dialect);
    const expected = {
      id: PROMOTION,
      name: 'Business Premium, new customers',
      description: 'Business Premium, new customers',
      startDate: '2026-03-01T00:00:00Z',
      endDate: '2026-03-31T23:59:59Z',
      country: 'US',
      isAutoApplicable: true,
      requiredProducts: [
        {
          productId: 'CFQ7TTC0LCHC',
          skuId: '0002',
          termDuration: 'P3Y',
          billingCycle: 'annual',
          percentDiscount: 16.7,
          pricingPolicies: [{ type: 'PercentDiscount', value: '0.167' }],
        },
      ],
    };
    expect(await pc.promotions.list('US')).toEqual([{ ...expected, segment: 'commercial' }]);
    expect(await pc.promotions.list('GB', { segment: 'education' })).toEqual([]);
    expect(await pc.promotions.get(PROMOTION, 'US')).toEqual(expected);
    const catalogItemId = (await pc.catalog.resolveCatalogItem({
      country: 'US',
      productId: 'CFQ7TTC0LCHC',
      skuId: '0002',
      term: 'P1Y',
      billing: 'monthly',
    }))!.catalogItemId;
    const [result] = await pc.promotions.verifyEligibility(contoso, [
      {
        catalogItemId,
        quantity: 5,
        termDuration: 'P1Y',
        billingCycle: 'monthly',
        promotionId: PROMOTION,
      },
    ]);
    expect(result).toMatchObject({
      catalogItemId,
      quantity: 5,
      termDuration: 'P1Y',
      billingCycle: 'monthly',
      promotionId: PROMOTION,
      isEligible: false,
    });
    expect(
      result?.errors.map((e) => [e.type, e.minimumSeats, e.maximumSeats, e.eligibleTerms]),
    ).toEqual([
      ['SeatCount', 25, 500, undefined],
      ['Term', undefined, undefined, [{ termDuration: 'P3Y', billingCycle: 'annual' }]],
      [
        dialect === 'documented' ? 'FirstPurchase' : 'OfferPurchasedPreviously',
        undefined,
        undefined,
        undefined,
      ],
    ]);
  });
});
