import { describe, expect, it } from 'vitest';
import { draftSubscriptions } from '../../../src/agent/index.js';
import type { LiveSubscription } from '../../../src/model/index.js';
import { aLive, aSku, sid } from './builders.js';

describe('draftSubscriptions', () => {
  it('writes each stateable subscription as an item equal to it, keyed by the catalog title', () => {
    const { items, notes } = draftSubscriptions({
      live: [
        aLive(2, {
          termDuration: 'P1Y',
          billingCycle: 'Annual',
          quantity: 5,
          autoRenewEnabled: false,
        }),
        aLive(1),
        aLive(3, { productId: 'CFQ7TTC0LCHC', skuId: '0002', friendlyName: 'BP for sales' }),
      ],
      skus: [aSku('CFQ7TTC0LCHC', '0002', 'Microsoft 365 Business Premium')],
      taken: new Set(),
    });
    expect(notes).toEqual([]);
    expect(items).toEqual([
      {
        key: 'exchange-online-plan-1',
        product: 'CFQ7TTC0LH16',
        sku: '0001',
        term: 'P1M',
        billing: 'monthly',
        quantity: 10,
        autoRenew: true,
        subscriptionId: sid(1),
      },
      {
        key: 'exchange-online-plan-1-2',
        product: 'CFQ7TTC0LH16',
        sku: '0001',
        term: 'P1Y',
        billing: 'annual',
        quantity: 5,
        autoRenew: false,
        subscriptionId: sid(2),
      },
      {
        key: 'microsoft-365-business-premium',
        product: 'CFQ7TTC0LCHC',
        sku: '0002',
        term: 'P1M',
        billing: 'monthly',
        quantity: 10,
        autoRenew: true,
        subscriptionId: sid(3),
      },
    ]);
  });

  it('gives the same keys whatever order Partner Center lists the subscriptions in', () => {
    const live = [
      aLive(1),
      aLive(2),
      aLive(3, { friendlyName: 'Visio Plan 2', productId: 'CFQ7TTC0HD33' }),
    ];
    const keys = (list: LiveSubscription[]) =>
      draftSubscriptions({ live: list, taken: new Set() }).items.map(
        (i) => `${i.key}=${i.subscriptionId}`,
      );
    expect(keys([...live].reverse())).toEqual(keys(live));
  });

  it('reuses the key a binding already holds, and keeps new keys off it and off taken ones', () => {
    const { items } = draftSubscriptions({
      live: [aLive(1), aLive(2)],
      taken: new Set(['exchange-online-plan-1', 'old-exchange']),
      boundKey: new Map([[sid(2), 'old-exchange']]),
    });
    expect(items.map((i) => [i.key, i.subscriptionId])).toEqual([
      ['exchange-online-plan-1-2', sid(1)],
      ['old-exchange', sid(2)],
    ]);
  });

  it.each([
    [
      'an Azure plan (no term)',
      aLive(1, { productId: 'DZH318Z0BPS6', friendlyName: 'Azure plan', termDuration: '' }),
      /no commitment term/,
    ],
    ['a trial, as the subscription says', aLive(1, { isTrial: true }), /a trial/],
    [
      'a one-time purchase',
      aLive(1, { billingCycle: 'one_time', termDuration: 'P1Y' }),
      /a one-time purchase/,
    ],
    [
      'a legacy offer',
      aLive(1, { productId: 'MS-AZR-0145P', skuId: '', offerId: 'MS-AZR-0145P' }),
      /a legacy offer \(MS-AZR-0145P\)/,
    ],
    ['a term no item states', aLive(1, { termDuration: 'P5Y' }), /term P5Y billed monthly/],
    ['no seats', aLive(1, { quantity: 0 }), /0 seats/],
    [
      'a renewal to another quantity',
      aLive(1, {
        scheduledNextTermInstructions: { productId: 'CFQ7TTC0LH16', skuId: '0001', quantity: 4 },
      }),
      /change scheduled for the renewal on 2026-12-31 to 4 seats: .* would undo that change/,
    ],
  ])('notes %s instead of writing an item', (_case, live, reason) => {
    const { items, notes } = draftSubscriptions({ live: [live], taken: new Set() });
    expect(items).toEqual([]);
    expect(notes).toHaveLength(1);
    expect(notes[0]?.subscriptionId).toBe(sid(1));
    expect(notes[0]?.reason).toMatch(reason);
  });

  it('notes a software subscription the catalog names (documented: P3Y, triennial, billingType license)', () => {
    const { items, notes } = draftSubscriptions({
      live: [
        aLive(1, {
          productId: 'DG7GMGF0FKZV',
          skuId: '0003',
          termDuration: 'P3Y',
          billingCycle: 'triennial',
          quantity: 1,
        }),
      ],
      skus: [
        aSku('DG7GMGF0FKZV', '0003', 'SQL Server Enterprise - 2 Core License Pack - 3 year', {
          productKind: 'software',
        }),
      ],
      taken: new Set(),
    });
    expect(items).toEqual([]);
    expect(notes[0]?.reason).toMatch(/^software \(perpetual, or a software subscription\)/);
  });

  it('notes a trial the catalog names, though the subscription does not say so', () => {
    const { notes } = draftSubscriptions({
      live: [aLive(1, { skuId: '0003' })],
      skus: [aSku('CFQ7TTC0LH16', '0003', 'Exchange Trial', { isTrial: true })],
      taken: new Set(),
    });
    expect(notes.map((n) => n.what)).toEqual(['Exchange Trial (CFQ7TTC0LH16:0003) × 10']);
  });

  it('writes a suspended subscription and a change of product at renewal with a comment', () => {
    const { items } = draftSubscriptions({
      live: [
        aLive(1, { status: 'suspended' }),
        aLive(2, {
          friendlyName: 'Basic',
          scheduledNextTermInstructions: {
            productId: 'CFQ7TTC0LDPB',
            skuId: '0001',
            quantity: 10,
            termDuration: 'P1Y',
            billingCycle: 'annual',
          },
        }),
      ],
      taken: new Set(),
    });
    expect(items.map((i) => [i.key, i.comment])).toEqual([
      [
        'basic',
        [
          "Partner Center has a change scheduled for the renewal on 2026-12-31 to CFQ7TTC0LDPB:0001 P1Y/annual; changing this item's seats replaces it",
        ],
      ],
      [
        'exchange-online-plan-1',
        ['suspended in Partner Center: nothing is changed while it is not active'],
      ],
    ]);
  });
});
