/**
 * Suite 2, PATCH bodies: the client sends the whole subscription as read with exactly one change
 * (quantity, autorenew, status deleted/suspended/active, scheduledNextTermInstructions — see
 * src/partnercenter/endpoints/subscription-update.ts) and `If-Match` with the read's etag. The
 * read before the PATCH is answered with the documented request body with the change undone, so
 * the PATCH must come out as the documented request. Both key casings are printed for the same
 * resource (old samples PascalCase, NCE samples camelCase), so keys compare ignoring case.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { SubscriptionChange } from '../../src/partnercenter/index.js';
import { fixture, type Fixture } from './corpus.js';
import { createWire, CUSTOMER, shapeMismatches, SUBSCRIPTION } from './harness.js';

const SUB = `/v1/customers/${CUSTOMER}/subscriptions/${SUBSCRIPTION}`;
const body = (file: string): Record<string, unknown> =>
  structuredClone(fixture(file).body) as Record<string, unknown>;

let wire = createWire();
afterEach(async () => {
  await wire.close();
  wire = createWire();
});

interface PatchCase {
  readonly doc: string;
  readonly change: SubscriptionChange;
  /** The resource as read before the PATCH: the documented request with the change undone. */
  readonly before: (doc: Record<string, unknown>) => Record<string, unknown>;
  readonly answer: string;
}
const with_ = (key: string, value: unknown) => (doc: Record<string, unknown>) => ({
  ...doc,
  [key]: value,
});
const without = (key: string) => (doc: Record<string, unknown>) => {
  const copy = { ...doc };
  delete copy[key];
  return copy;
};
const NEXT_TERM = {
  productId: 'DG7GMGF0DVSV',
  skuId: '000P',
  availabilityId: 'DG7GMGF0F3Q9',
  billingCycle: 'annual',
  termDuration: 'P3Y',
  quantity: 1,
};
const PATCHES: readonly PatchCase[] = [
  {
    doc: 'subscriptions/change-the-quantity-of-a-subscription.request.json',
    change: { kind: 'quantity', quantity: 2 },
    before: with_('Quantity', 1),
    answer: 'subscriptions/change-the-quantity-of-a-subscription.response.json',
  },
  {
    doc: 'subscriptions/change-the-quantity-of-a-subscription.request.nce-decrease.json',
    change: { kind: 'quantity', quantity: 1 },
    before: with_('quantity', 2),
    answer: 'subscriptions/get-a-subscription-by-id.response.nce.json',
  },
  {
    doc: 'subscriptions/update-autorenew-for-an-azure-marketplace-subscription.request.nce.json',
    change: { kind: 'auto-renew', enabled: false },
    before: with_('autoRenewEnabled', true),
    answer: 'subscriptions/get-a-subscription-by-id.response.nce.json',
  },
  {
    doc: 'subscriptions/update-autorenew-for-an-azure-marketplace-subscription.request.marketplace.json',
    change: { kind: 'auto-renew', enabled: false },
    before: with_('autoRenewEnabled', true),
    answer: 'subscriptions/update-autorenew-for-an-azure-marketplace-subscription.response.json',
  },
  {
    doc: 'subscriptions/cancel-an-azure-marketplace-subscription.request.nce.json',
    change: { kind: 'status', status: 'deleted' },
    before: with_('status', 'active'),
    answer: 'subscriptions/get-a-subscription-by-id.response.nce.json',
  },
  {
    doc: 'subscriptions/cancel-an-azure-marketplace-subscription.request.json',
    change: { kind: 'status', status: 'deleted' },
    before: with_('status', 'active'),
    answer: 'subscriptions/cancel-an-azure-marketplace-subscription.response.json',
  },
  {
    doc: 'subscriptions/suspend-a-subscription.request.json',
    change: { kind: 'status', status: 'suspended' },
    before: with_('Status', 'active'),
    answer: 'subscriptions/suspend-a-subscription.response.json',
  },
  {
    doc: 'subscriptions/reactivate-a-suspended-a-subscription.request.json',
    change: { kind: 'status', status: 'active' },
    before: with_('Status', 'suspended'),
    answer: 'subscriptions/reactivate-a-suspended-a-subscription.response.json',
  },
  {
    doc: 'subscriptions/create-scheduled-changes.request.json',
    change: { kind: 'scheduled-next-term', instructions: NEXT_TERM },
    before: without('scheduledNextTermInstructions'),
    answer: 'subscriptions/create-scheduled-changes.response.json',
  },
  {
    doc: 'subscriptions/manage-billing-frequency-software-subs.request.json',
    change: { kind: 'scheduled-next-term', instructions: NEXT_TERM },
    before: without('scheduledNextTermInstructions'),
    answer: 'subscriptions/manage-billing-frequency-software-subs.response.json',
  },
];

describe('PATCH requests send the whole resource with one change, and If-Match', () => {
  it.each(PATCHES.map((p) => [p.doc, p] as const))('%s', async (_name, p) => {
    const doc = fixture(p.doc);
    const read: Fixture = {
      ...doc,
      kind: 'response',
      body: p.before(body(p.doc)) as Fixture['body'],
    };
    wire.serve(read, SUB, { method: 'GET', status: 200 });
    wire.serve(fixture(p.answer), SUB, { method: 'PATCH', status: 200 });
    await wire.client.subscriptions.update(CUSTOMER, SUBSCRIPTION, p.change);
    const patch = wire.seen.find((s) => s.method === 'PATCH')!;
    // Both casings are printed for the same resource (old samples PascalCase, NCE camelCase).
    expect(shapeMismatches(JSON.parse(patch.body), doc.body, { ignoreKeyCase: true })).toEqual([]);
    // If-Match carries the etag the read had (`attributes.etag`); the docs print `If-Match: <etag>`.
    const etag = (JSON.parse(patch.body) as { attributes?: { etag?: string } }).attributes?.etag;
    if (etag === undefined || etag === '') expect(patch.headers['if-match']).toBeUndefined();
    else expect(patch.headers['if-match']?.replace(/^"|"$/g, '')).toBe(etag);
    if (doc.headers['If-Match'] !== undefined && etag !== undefined)
      expect(patch.headers['if-match']).toBeDefined();
  });
});
