/**
 * Suite 2, lifecycle: the requests the client builds for transitions (eligibilities, create,
 * list), custom term end dates and a next-term change of product, SKU, term, billing and seats
 * match the documented requests (test/wire/corpus/subscriptions): path, query, body keys, enum
 * spellings; and a 202 on such a PATCH is settled only once a read shows the whole next term.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { LiveSubscription, SubscriptionId } from '../../src/model/index.js';
import { isApplied } from '../../src/partnercenter/endpoints/subscription-update.js';
import { fixture } from './corpus.js';
import {
  createWire,
  CUSTOMER,
  pathShape,
  queryOf,
  shapeMismatches,
  SUBSCRIPTION,
  type Wire,
} from './harness.js';

const SUB = `/v1/customers/${CUSTOMER}/subscriptions/${SUBSCRIPTION}`;
const SUB_ID = SUBSCRIPTION as SubscriptionId;

let wire: Wire = createWire();
afterEach(async () => {
  await wire.close();
  wire = createWire();
});

function sent(method: string): { path: string; body: unknown } {
  const request = wire.seen.find((s) => s.method === method)!;
  return { path: request.path, body: request.body === '' ? null : JSON.parse(request.body) };
}

/** Path shape and query of what was sent against the documented request URL. */
function expectSameUrl(sentPath: string, documentedUrl: string): void {
  expect(pathShape(sentPath).replace(/[0-9a-f-]{36}/g, '{}')).toBe(pathShape(documentedUrl));
  expect(Object.keys(queryOf(sentPath))).toEqual(Object.keys(queryOf(documentedUrl)));
}

describe('transition requests', () => {
  it('eligibilities: GET …/transitionEligibilities?eligibilityType=immediate, no body', async () => {
    const doc = fixture(
      'subscriptions/transition-a-new-commerce-subscription.request.eligibilities.json',
    );
    wire.serve(
      fixture('subscriptions/transition-a-new-commerce-subscription.response.eligibilities.json'),
      `${SUB}/transitionEligibilities?eligibilityType=scheduled`,
    );
    await wire.client.transitions.eligibilities(CUSTOMER, SUB_ID, 'scheduled');
    const { path, body } = sent('GET');
    expectSameUrl(path, doc.url!);
    expect(queryOf(path)).toEqual({ eligibilityType: 'scheduled' });
    expect(body).toBeNull();
  });

  it('create: the documented POST body, billing cycle PascalCase, with the MS-RequestId given', async () => {
    const doc = fixture(
      'subscriptions/transition-a-new-commerce-subscription.request.transition.json',
    );
    wire.serve(
      fixture('subscriptions/transition-a-new-commerce-subscription.response.transition.json'),
      `${SUB}/transitions`,
    );
    await wire.client.transitions.create(
      CUSTOMER,
      SUB_ID,
      {
        fromCatalogItemId: 'CFQ7TTC0LH18:0001:CFQ7TTC0LH0R',
        fromSubscriptionId: SUB_ID,
        toCatalogItemId: 'CFQ7TTC0LDPB:0001:CFQ7TTC0LDPC',
        toSubscriptionId: '0af52192-4a2a-4364-d25b-c8ecab3a5697' as SubscriptionId,
        quantity: 3,
        termDuration: 'P1Y',
        billingCycle: 'monthly',
        transitionType: 'transition_only',
      },
      { requestId: 'b6a1f0d2-4c1e-4f53-9e5f-2f1a7d1c0e11' },
    );
    const { path, body } = sent('POST');
    expectSameUrl(path, doc.url!);
    // A one-year term on purpose: the documented request prints P1M (a value, not a spelling).
    expect(shapeMismatches(body, { ...(doc.body as object), termDuration: 'P1Y' })).toEqual([]);
    expect(body).toMatchObject({ billingCycle: 'Monthly', quantity: 3, termDuration: 'P1Y' });
    const seen = wire.seen.find((s) => s.method === 'POST')!;
    expect(seen.headers['ms-requestid']).toBe('b6a1f0d2-4c1e-4f53-9e5f-2f1a7d1c0e11');
  });

  it('create: optional keys are left out, not sent empty (a full transition into a new SKU)', async () => {
    const doc = fixture(
      'subscriptions/transition-a-new-commerce-subscription.request.transition.json',
    );
    wire.serve(
      fixture('subscriptions/transition-a-new-commerce-subscription.response.transition.json'),
      `${SUB}/transitions`,
    );
    await wire.client.transitions.create(CUSTOMER, SUB_ID, {
      toCatalogItemId: 'CFQ7TTC0LDPB:0001:CFQ7TTC0LDPC',
      quantity: 5,
      transitionType: 'transition_only',
    });
    const { body } = sent('POST');
    const optional = 'optional in the 2023 request table';
    expect(
      shapeMismatches(body, doc.body, {
        omitAllowed: {
          fromCatalogItemId: optional,
          fromSubscriptionId: optional,
          toSubscriptionId: optional,
          termDuration: optional,
          billingCycle: optional,
        },
      }),
    ).toEqual([]);
    expect(Object.keys(body as object).sort()).toEqual([
      'quantity',
      'toCatalogItemId',
      'transitionType',
    ]);
  });

  it('list: GET …/transitions, and ?operationId= when one is asked for', async () => {
    const doc = fixture('subscriptions/get-transitions.request.json');
    wire.serve(fixture('subscriptions/get-transitions.response.json'), `${SUB}/transitions`);
    await wire.client.transitions.list(CUSTOMER, SUB_ID);
    expectSameUrl(sent('GET').path, doc.url!);

    await wire.close();
    wire = createWire();
    wire.serve(
      fixture('subscriptions/get-transitions.response.2023.json'),
      `${SUB}/transitions?operationId=op-1`,
    );
    await wire.client.transitions.list(CUSTOMER, SUB_ID, { operationId: 'op-1' });
    expect(queryOf(sent('GET').path)).toEqual({ operationId: 'op-1' });
  });
});

describe('custom term end date requests', () => {
  it('term_duration as documented; term_start_date and target_coterm_subscription_id when given', async () => {
    const doc = fixture('subscriptions/custom-term-end-dates.request.json');
    const dates = fixture('subscriptions/custom-term-end-dates.response.json');
    const base = `/v1/customers/${CUSTOMER}/subscriptions/customTermEndDates`;
    wire.serve(dates, `${base}?term_duration=P1M`);
    await wire.client.customTermEndDates.list(CUSTOMER, { termDuration: 'P1M' });
    expect(pathShape(sent('GET').path).replace(/[0-9a-f-]{36}/g, '{}')).toBe(
      pathShape(doc.url!.replace(/^baseurl/, '')).replace(/[0-9a-f-]{36}/g, '{}'),
    );
    expect(queryOf(sent('GET').path)).toEqual(queryOf(doc.url!));

    await wire.close();
    wire = createWire();
    const target = '5fcf618b-1daa-4604-da99-cc3e1c9ee422' as SubscriptionId;
    wire.serve(
      dates,
      `${base}?term_duration=P1Y&term_start_date=2026-04-01&target_coterm_subscription_id=${target}`,
    );
    await wire.client.customTermEndDates.list(CUSTOMER, {
      termDuration: 'P1Y',
      termStartDate: '2026-04-01',
      targetCotermSubscriptionId: target,
    });
    expect(queryOf(sent('GET').path)).toEqual({
      term_duration: 'P1Y',
      term_start_date: '2026-04-01',
      target_coterm_subscription_id: target,
    });
  });
});

describe('a next-term change of product, SKU, term, billing and seats (schedule-change)', () => {
  /** Monthly Business Basic today; at renewal: annual Business Standard, 12 seats. */
  const NEXT = {
    productId: 'CFQ7TTC0LDPB',
    skuId: '0001',
    availabilityId: 'CFQ7TTC0LDPC',
    termDuration: 'P1Y',
    billingCycle: 'annual',
    quantity: 12,
  };

  it('sends every field of the next term in scheduledNextTermInstructions, the rest untouched', async () => {
    const doc = fixture('subscriptions/create-scheduled-changes.request.json');
    const read = structuredClone(doc.body) as Record<string, unknown>;
    delete read['scheduledNextTermInstructions'];
    wire.serve({ ...doc, kind: 'response', body: read as never }, SUB, { method: 'GET' });
    wire.serve(fixture('subscriptions/create-scheduled-changes.response.json'), SUB, {
      method: 'PATCH',
    });
    await wire.client.subscriptions.update(CUSTOMER, SUB_ID, {
      kind: 'scheduled-next-term',
      instructions: NEXT,
    });
    const body = sent('PATCH').body as Record<string, unknown>;
    // The documented next term is P3Y; this one is P1Y (another value of the same field).
    const documented = structuredClone(doc.body) as {
      scheduledNextTermInstructions: { product: { termDuration: string } };
    };
    documented.scheduledNextTermInstructions.product.termDuration = 'P1Y';
    expect(shapeMismatches(body, documented)).toEqual([]);
    expect(body['scheduledNextTermInstructions']).toEqual({
      product: {
        productId: 'CFQ7TTC0LDPB',
        skuId: '0001',
        availabilityId: 'CFQ7TTC0LDPC',
        billingCycle: 'annual',
        termDuration: 'P1Y',
      },
      quantity: 12,
    });
    // The current term is not touched: the change applies at renewal.
    expect(body).toMatchObject({ quantity: 1, termDuration: 'P1M', billingCycle: 'monthly' });
  });

  it('a read shows the change only when product, SKU, term, billing and seats all match', () => {
    const live = (next: Partial<typeof NEXT>): LiveSubscription =>
      ({
        scheduledNextTermInstructions: { ...NEXT, billingCycle: 'annual', ...next },
      }) as unknown as LiveSubscription;
    const change = { kind: 'scheduled-next-term', instructions: NEXT } as const;
    expect(isApplied(live({}), change)).toBe(true);
    // The wire may echo `Annual`: same value.
    expect(isApplied(live({ billingCycle: 'Annual' }), change)).toBe(true);
    expect(isApplied(live({ billingCycle: 'monthly' }), change)).toBe(false);
    expect(isApplied(live({ termDuration: 'P1M' }), change)).toBe(false);
    expect(isApplied(live({ productId: 'CFQ7TTC0LH18' }), change)).toBe(false);
    expect(isApplied(live({ quantity: 11 }), change)).toBe(false);
  });
});
