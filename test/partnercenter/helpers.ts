import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * Yields event-loop turns until `condition` holds (no wall-clock sleeping). Fails after
 * `maxTurns` so a broken condition cannot hang the suite.
 */
export async function waitUntil(condition: () => boolean, maxTurns = 200_000): Promise<void> {
  for (let turn = 0; turn < maxTurns; turn++) {
    if (condition()) return;
    await nextTurn();
  }
  throw new Error('waitUntil: condition never held');
}

export const CUSTOMER = '6f1c2a9e-4a7b-4c1e-9a53-0d8e2b7f5c11';
export const SUBSCRIPTION = 'a1b2c3d4-0000-4000-8000-000000000001';

/** A subscription body in the given key case. */
export function aSubscriptionBody(pascal: boolean): Record<string, unknown> {
  const camel = {
    id: SUBSCRIPTION.toUpperCase(),
    offerId: 'CFQ7TTC0LCHC:0002:CFQ7TTC0K5DM',
    offerName: 'Microsoft 365 Business Premium',
    friendlyName: 'M365 BP',
    quantity: 10,
    status: 'active',
    autoRenewEnabled: true,
    billingCycle: 'monthly',
    termDuration: 'P1Y',
    creationDate: '2026-01-01T00:00:00Z',
    commitmentEndDate: '2026-12-31T00:00:00Z',
    cancellationAllowedUntilDate: '2026-01-08T00:00:00Z',
    refundableQuantity: {
      totalQuantity: 10,
      details: [{ quantity: 10, allowedUntilDateTime: '2026-01-08T00:00:00Z' }],
    },
    scheduledNextTermInstructions: {
      product: {
        productId: 'CFQ7TTC0LCHC',
        skuId: '0002',
        availabilityId: 'CFQ7TTC0K5DM',
        billingCycle: 'monthly',
        termDuration: 'P1Y',
      },
      quantity: 8,
    },
    orderId: 'ord-1',
    attributes: { objectType: 'Subscription', etag: 'etag-1' },
  };
  return pascal ? pascalize(camel) : camel;
}

function pascalize(value: unknown): never {
  if (Array.isArray(value)) return value.map(pascalize) as never;
  if (value === null || typeof value !== 'object') return value as never;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [
      key.charAt(0).toUpperCase() + key.slice(1),
      pascalize(inner),
    ]),
  ) as never;
}
