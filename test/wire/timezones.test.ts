import { afterAll, describe, expect, it } from 'vitest';
import type { CustomerId } from '../../src/model/index.js';
import { mapSubscription } from '../../src/partnercenter/map/subscription.js';
import { buildPlan } from '../../src/planner/index.js';
import {
  aCustomer,
  aPlanInput,
  aSubscriptionItem,
  anObservedCustomer,
  aBinding,
} from '../planner/builders.js';
import { projectPlan, type ProjectedPlan } from '../planner/project-plan.js';
import { fixture } from './corpus.js';

/**
 * Windows are judged in UTC whatever the machine's zone: a timestamp without an offset is UTC
 * when it is read (Node's `new Date('2021-01-15T00:00:00')` would read it as local time). The
 * documented NCE subscription (refundOptions) is read under three zones, with its expiry written
 * without an offset, and planned 4 h before that expiry in UTC: Sydney (UTC+11) would see the
 * window closed, Los Angeles (UTC-8) open until 08:00Z.
 */
const ZONES = ['UTC', 'Australia/Sydney', 'America/Los_Angeles'] as const;
const CUSTOMER = 'd8202a51-69f9-4228-b900-d0e081af17d7' as CustomerId;
const NOW = new Date('2021-01-14T20:00:00Z');
const original = process.env['TZ'];

afterAll(() => {
  if (original === undefined) delete process.env['TZ'];
  else process.env['TZ'] = original;
});

function documentedNce(expiresAt: string, cancelUntil?: string): Record<string, unknown> {
  const body = fixture('subscriptions/get-a-subscription-by-id.response.nce.json').body as Record<
    string,
    unknown
  >;
  return {
    ...body,
    status: 'active',
    autoRenewEnabled: true,
    quantity: 10,
    refundOptions: [{ type: 'Full', expiresAt }],
    ...(cancelUntil === undefined ? {} : { cancellationAllowedUntilDate: cancelUntil }),
  };
}

function planUnder(
  zone: string,
  wanted: { quantity?: number; ensure?: 'cancelled' },
): ProjectedPlan {
  process.env['TZ'] = zone;
  const live = mapSubscription(documentedNce('2021-01-15T00:00:00', '2021-01-15T00:00'), CUSTOMER);
  const input = aPlanInput({
    customer: aCustomer({
      id: CUSTOMER,
      subscriptions: [
        aSubscriptionItem({ product: 'CFQ7TTC0LH18', sku: '0001', term: 'P1Y', ...wanted }),
      ],
    }),
    live: anObservedCustomer({ customerId: CUSTOMER, subscriptions: [live] }),
    bindings: [aBinding({ customerId: CUSTOMER, subscriptionId: live.id })],
    now: NOW,
  });
  return projectPlan(buildPlan(input));
}

describe('time at the edge: windows do not move with the machine time zone', () => {
  it('the zones really differ for a naive timestamp (the test would otherwise prove nothing)', () => {
    const naive = (zone: string): number => {
      process.env['TZ'] = zone;
      return new Date('2021-01-15T00:00:00').getTime();
    };
    expect(naive('Australia/Sydney')).not.toBe(naive('UTC'));
    expect(naive('America/Los_Angeles')).not.toBe(naive('UTC'));
  });

  it('reads timestamps without an offset as UTC in every zone', () => {
    for (const zone of ZONES) {
      process.env['TZ'] = zone;
      const live = mapSubscription(
        documentedNce('2021-01-15T00:00:00', '2021-01-15T00:00'),
        CUSTOMER,
      );
      expect(live.refundOptions).toEqual([{ type: 'Full', expiresAt: '2021-01-15T00:00:00Z' }]);
      expect(live.cancellationAllowedUntilDate).toBe('2021-01-15T00:00:00Z');
      expect(live.creationDate).toBe('2021-01-14T16:57:15.096Z');
    }
  });

  it('a seat decrease 4 h before the UTC expiry is a refund now in every zone', () => {
    const plans = ZONES.map((zone) => planUnder(zone, { quantity: 7 }));
    expect(plans[0]?.actions).toEqual(['decrease-quantity m365 10->7']);
    for (const plan of plans) expect(plan).toEqual(plans[0]);
  });

  it('a tombstone 4 h before the UTC expiry cancels in every zone', () => {
    const plans = ZONES.map((zone) => planUnder(zone, { ensure: 'cancelled' }));
    expect(plans[0]?.actions).toEqual(['cancel m365']);
    for (const plan of plans) expect(plan).toEqual(plans[0]);
  });
});
