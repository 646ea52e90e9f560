import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  buildRenewals,
  renewingWithin,
  type ManagedSubscription,
  type RenewalsReport,
} from '../../src/agent/index.js';
import {
  renderRenewalsHuman,
  renderRenewalsJson,
  renewalLine,
} from '../../src/cli/render/index.js';
import type { CustomerId, LiveSubscription } from '../../src/model/index.js';
import {
  aCustomer,
  aLiveSubscription,
  hoursFromNow,
  key,
  NOW,
  subId,
  type Overrides,
} from '../planner/builders.js';
import { book } from '../planner/fake-prices.js';

/**
 * The reviewed human rendering of `qm renewals`. After an intended change, regenerate with
 * `QM_UPDATE_GOLDEN=1 npx vitest run test/cli/renewals-render.test.ts` and review the diff.
 */
function golden(name: string, actual: string): string {
  const path = fileURLToPath(new URL(`./golden/${name}`, import.meta.url));
  if (process.env['QM_UPDATE_GOLDEN'] === '1') writeFileSync(path, actual);
  return readFileSync(path, 'utf8');
}

const FABRIKAM = aCustomer({
  id: '2b8d4c7e-1f3a-4e5b-8c9d-0a1b2c3d4e5f' as CustomerId,
  name: 'Fabrikam GmbH',
  country: 'DE',
});
const CONTOSO = aCustomer({ name: 'Contoso Ltd' });

const at = (
  customer: typeof CONTOSO,
  item: string,
  live: Overrides<LiveSubscription>,
): ManagedSubscription => ({
  customer,
  item: key(item),
  live: aLiveSubscription({ customerId: customer.id, ...live }),
});

/** NOW is 2026-03-01T12:00Z: one of each kind of renewal the calendar tells apart. */
const MANAGED: ManagedSubscription[] = [
  at(CONTOSO, 'premium', {
    id: subId(1),
    friendlyName: 'Microsoft 365 Business Premium',
    productId: 'CFQ7TTC0LCHC',
    skuId: '0002',
    offerId: 'CFQ7TTC0LCHC:0002:AV1',
    quantity: 25,
    commitmentEndDate: '2026-09-14',
  }),
  at(CONTOSO, 'basic', {
    id: subId(2),
    friendlyName: 'Microsoft 365 Business Basic',
    productId: 'CFQ7TTC0LH18',
    skuId: '0001',
    offerId: 'CFQ7TTC0LH18:0001:AV1',
    termDuration: 'P1M',
    quantity: 12,
    commitmentEndDate: '2026-03-20',
    cancellationAllowedUntilDate: hoursFromNow(30),
    refundableQuantity: {
      totalQuantity: 2,
      details: [{ quantity: 2, allowedUntilDateTime: hoursFromNow(30) }],
    },
    scheduledNextTermInstructions: {
      productId: 'CFQ7TTC0LDPB',
      skuId: '0001',
      quantity: 10,
      termDuration: 'P1Y',
      billingCycle: 'annual',
    },
  }),
  at(FABRIKAM, 'teams-phone', {
    id: subId(3),
    friendlyName: 'Microsoft Teams Phone Standard',
    productId: 'CFQ7TTC0J1FV',
    skuId: '0001',
    offerId: 'CFQ7TTC0J1FV:0001:AV1',
    quantity: 40,
    autoRenewEnabled: false,
    commitmentEndDate: '2026-03-01',
  }),
  at(FABRIKAM, 'visio', {
    id: subId(4),
    friendlyName: 'Visio Plan 2',
    productId: 'CFQ7TTC0HD33',
    skuId: '0001',
    offerId: 'CFQ7TTC0HD33:0001:AV1',
    status: 'suspended',
    quantity: 3,
    commitmentEndDate: '2026-03-31',
    refundableQuantity: undefined,
    cancellationAllowedUntilDate: undefined,
  }),
  at(CONTOSO, 'legacy-exchange', {
    id: subId(5),
    friendlyName: '',
    offerId: '195416c1-3447-423a-b37b-ee59a99a19c4',
    productId: 'LEGACY',
    skuId: '0001',
    quantity: 7,
    commitmentEndDate: undefined,
    refundableQuantity: undefined,
    cancellationAllowedUntilDate: undefined,
  }),
];

const PRICES = book([
  { productId: 'CFQ7TTC0LCHC', skuId: '0002', term: 'P1Y', billing: 'monthly', unitPrice: 22 },
  {
    productId: 'CFQ7TTC0LCHC',
    skuId: '0002',
    term: 'P1Y',
    billing: 'monthly',
    unitPrice: 24.2,
    timeline: 'future',
  },
  { productId: 'CFQ7TTC0LH18', skuId: '0001', term: 'P1M', billing: 'monthly', unitPrice: 7.2 },
  { productId: 'CFQ7TTC0LDPB', skuId: '0001', term: 'P1Y', billing: 'annual', unitPrice: 150 },
  {
    productId: 'CFQ7TTC0J1FV',
    skuId: '0001',
    term: 'P1Y',
    billing: 'monthly',
    unitPrice: 9.2,
    currency: 'EUR',
  },
]);

function report(within?: number): RenewalsReport {
  const all = buildRenewals({ managed: MANAGED, now: NOW, prices: PRICES });
  return {
    at: NOW.toISOString(),
    source: 'live',
    ...(within === undefined ? {} : { within }),
    managed: all.length,
    renewals: within === undefined ? all : renewingWithin(all, within),
    failures: [
      {
        customerId: '9c3e5a71-8d2f-4b6a-a1c0-7e4d3f2b1a09' as CustomerId,
        customerName: 'Northwind Traders',
        code: 'http-503',
        message: 'GET /v1/customers/9c3e…/subscriptions answered 503',
      },
    ],
    notes: ['the future DE updatedlicensebased sheet could not be read (http-404)'],
  };
}

describe('renderRenewalsHuman', () => {
  it('matches the reviewed golden rendering of the calendar', () => {
    const actual = renderRenewalsHuman(report());
    expect(actual).toBe(golden('renewals.txt', actual));
  });

  it('says how many of the managed subscriptions renew within --within days', () => {
    const text = renderRenewalsHuman(report(20));
    expect(text.split('\n')[0]).toBe(
      'Renewals at 2026-03-01 12:00 UTC, read live from Partner Center: 2 of 5 managed subscriptions renew within 20 days, by renewal date.',
    );
    expect(text).toContain('basic [');
    expect(text).not.toContain('premium [');
    const none = renderRenewalsHuman({ ...report(0), renewals: [], failures: [], notes: [] });
    expect(none).toBe(
      'Renewals at 2026-03-01 12:00 UTC, read live from Partner Center: 0 of 5 managed subscriptions renew within 0 days.',
    );
  });

  it('tells an estate with nothing managed how to bind subscriptions', () => {
    const empty: RenewalsReport = {
      ...report(),
      managed: 0,
      renewals: [],
      failures: [],
      notes: [],
    };
    expect(renderRenewalsHuman(empty)).toBe(
      'Renewals at 2026-03-01 12:00 UTC, read live from Partner Center: no managed subscriptions (bind them with `qm import` or `subscriptionId:`).',
    );
  });
});

describe('renderRenewalsJson and renewalLine', () => {
  it('prints formatVersion 1 first and the report as built', () => {
    const text = renderRenewalsJson(report());
    expect(text.startsWith('{\n  "formatVersion": 1,')).toBe(true);
    const json = JSON.parse(text) as RenewalsReport & { formatVersion: number };
    expect(json).toEqual({ formatVersion: 1, ...JSON.parse(JSON.stringify(report())) });
    expect(json.renewals.map((r) => r.item)).toEqual([
      'teams-phone',
      'basic',
      'visio',
      'premium',
      'legacy-exchange',
    ]);
  });

  it('gives qm status one line per renewal: when, the item, what it is and what it renews into', () => {
    const [, basic] = buildRenewals({ managed: MANAGED, now: NOW });
    expect(renewalLine(basic!)).toBe(
      `2026-03-21 (in 20 days) basic (${CONTOSO.id}) Microsoft 365 Business Basic CFQ7TTC0LH18:0001 P1M monthly × 12 → CFQ7TTC0LDPB:0001 P1Y annual × 10 (scheduled change)`,
    );
  });
});
