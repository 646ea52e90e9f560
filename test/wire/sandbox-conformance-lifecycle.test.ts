/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-return -- conformance tests read wire JSON loosely and compare its shape. */
/**
 * Suite 3, lifecycle: the sandbox answers transition eligibilities (2021 and 2023 examples), a
 * transition, the transitions list (2021 and 2023), custom term end dates and a next-term change
 * of product, term and billing in the shape of Microsoft's documented examples
 * (test/wire/corpus/subscriptions), in both dialects.
 */
import { describe, it } from 'vitest';
import { CONTOSO, boot, type Api } from '../sandbox/helpers.js';
import { check, documentedResources, STATUS, type ConformanceOptions } from './shape.js';

const SUBS = `/v1/customers/${CONTOSO}/subscriptions`;
const TYPES = {
  values: ['transition_only', 'transition_with_license_transfer'],
  caseSensitive: true,
};
const EVENT_STATUS = { values: ['Started', 'Started ', 'InProgress', 'Completed', 'Failed'] };

async function businessBasic(api: Api, quantity = 5): Promise<any> {
  return api.buyLicense(CONTOSO, 'CFQ7TTC0LH18', '0001', quantity, 'P1M', 'monthly');
}

describe.each(['extended', 'documented'] as const)('lifecycle in the %s dialect', (dialect) => {
  const strict = dialect === 'documented';
  const extended = dialect === 'extended';

  it('transition eligibilities: the 2021 example, and the 2023 one with target subscriptions', async () => {
    const { api } = await boot({ dialect });
    const basic = await businessBasic(api);
    const rules: ConformanceOptions = {
      strict,
      enums: { '**.transitionType': TYPES },
      extra: {
        '$.items[].operationId': 'printed per item by the 2023 text of the page',
        ...(extended ? { '$.links': 'collection self link, as every sandbox collection' } : {}),
      },
    };
    check(
      'subscriptions/transition-a-new-commerce-subscription.response.eligibilities.json',
      await api.get(`${SUBS}/${basic.id}/transitionEligibilities?eligibilityType=immediate`),
      rules,
    );
    // Business Premium subscriptions are target subscriptions: the seeded one is eligible, one
    // bought now is not (in its cancellation window, code 2), as the example prints one of each.
    await api.buyLicense(CONTOSO, 'CFQ7TTC0LCHC', '0002', 3, 'P1Y', 'monthly');
    check(
      'subscriptions/transition-a-new-commerce-subscription.response.eligibilities-2023.json',
      await api.get(`${SUBS}/${basic.id}/transitionEligibilities`),
      {
        ...rules,
        // The example's first item has the target subscriptions, the refused one first; here the
        // second item (Premium) has them.
        select: (body) => {
          const premium = body.items[1];
          const ordered = [...premium.subscriptionEligibilities].sort(
            (a: any, b: any) => Number(a.isEligible) - Number(b.isEligible),
          );
          return {
            ...body,
            items: [{ ...premium, subscriptionEligibilities: ordered }, body.items[0]],
          };
        },
      },
    );
  });

  it('a transition (POST) and the transitions list, 2021 and 2023 examples', async () => {
    const { api } = await boot({ dialect });
    const basic = await businessBasic(api);
    const eligible = await api.get(`${SUBS}/${basic.id}/transitionEligibilities`);
    const posted = await api.post(`${SUBS}/${basic.id}/transitions`, {
      toCatalogItemId: eligible.body.items[1].catalogItemId,
      quantity: 2,
      transitionType: 'transition_only',
    });
    const enums = {
      '**.transitionType': TYPES,
      '**.Events[].status': EVENT_STATUS,
      '**.events[].status': EVENT_STATUS,
    };
    check('subscriptions/transition-a-new-commerce-subscription.response.transition.json', posted, {
      strict,
      enums,
      caseInsensitiveKeys: extended,
      ...(extended ? { extra: { '$.operationId': 'Transition.OperationId of the .NET SDK' } } : {}),
    });
    const list = await api.get(`${SUBS}/${basic.id}/transitions`);
    const listRules: ConformanceOptions = {
      strict,
      enums,
      caseInsensitiveKeys: extended,
      extra: {
        '$.transition[].operationId': 'printed by the 2023 text of the page',
        ...(extended
          ? {
              '$.transition[].fromSubscriptionId': 'Transition.FromSubscriptionId of the .NET SDK',
              '$.transition[].toSubscriptionId': 'Transition.ToSubscriptionId of the .NET SDK',
              '$.transition[].termDuration': 'Transition.TermDuration of the .NET SDK',
              '$.transition[].billingCycle': 'Transition.BillingCycle of the .NET SDK',
            }
          : {}),
      },
    };
    check('subscriptions/get-transitions.response.json', list, listRules);
    check('subscriptions/get-transitions.response.2023.json', list, listRules);
  });

  it('custom term end dates: a calendar month-end and a subscription-aligned date', async () => {
    const { api } = await boot({ dialect });
    await businessBasic(api);
    const answer = await api.get(`${SUBS}/customTermEndDates?term_duration=P1M`);
    check('subscriptions/custom-term-end-dates.response.json', answer, {
      strict,
      enums: {
        '$.items[].allowedCustomTermEndDateType': {
          values: ['calendarMonthAligned', 'subscriptionAligned'],
          caseSensitive: true,
        },
      },
    });
  });

  it('a next-term change of product, term, billing and seats (PATCH scheduledNextTermInstructions)', async () => {
    const { api } = await boot({ dialect });
    const basic = await businessBasic(api);
    const answer = await api.patch(`${SUBS}/${basic.id}`, {
      ...basic,
      scheduledNextTermInstructions: {
        product: {
          productId: 'CFQ7TTC0LDPB',
          skuId: '0001',
          billingCycle: 'Annual',
          termDuration: 'P1Y',
        },
        quantity: 12,
      },
    });
    check('subscriptions/create-scheduled-changes.response.json', answer, {
      strict,
      enums: { '$.status': STATUS.subscription },
      elsewhere: { at: '$', examples: documentedResources('subscription') },
    });
  });
});
