import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type {
  ActionKey,
  CustomerId,
  ItemKey,
  LiveSubscription,
  ObservedCustomer,
  OrderId,
  SubscriptionId,
} from '../../src/model/index.js';

/** A fresh temp directory per call; `cleanup` removes every one made so far. */
export function makeTempDirs(): { dir: () => string; dbPath: () => string; cleanup: () => void } {
  const made: string[] = [];
  const dir = (): string => {
    const d = mkdtempSync(join(tmpdir(), 'qm-state-'));
    made.push(d);
    return d;
  };
  return {
    dir,
    dbPath: () => join(dir(), 'state.db'),
    cleanup: () => made.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })),
  };
}

/** A GUID-shaped id whose last group encodes `n` (deterministic, distinct per n and prefix). */
export function guid(prefix: number, n: number): string {
  const tail = n.toString(16).padStart(12, '0');
  return `${prefix.toString(16).padStart(8, '0')}-0000-4000-8000-${tail}`;
}

export const aCustomerId = (n = 1): CustomerId => guid(0xc, n) as CustomerId;
export const aSubscriptionId = (n = 1): SubscriptionId => guid(0x5, n) as SubscriptionId;
export const anItem = (name = 'm365-business-premium'): ItemKey => name as ItemKey;
export const anOrderId = (name = 'ord-1'): OrderId => name as OrderId;
export const anActionKey = (n = 1): ActionKey =>
  `purchase:${n.toString(16).padStart(16, '0')}` as ActionKey;

/** A realistic NCE subscription with optional fields populated. */
export function aSubscription(customerId: CustomerId, n: number, overrides: Partial<LiveSubscription> = {}): LiveSubscription {
  return {
    id: aSubscriptionId(n),
    customerId,
    offerId: 'CFQ7TTC0LCHC:0002:CFQ7TTC0PW0H',
    productId: 'CFQ7TTC0LCHC',
    skuId: '0002',
    friendlyName: `Microsoft 365 Business Premium #${n}`,
    quantity: 10 + (n % 50),
    status: 'active',
    autoRenewEnabled: n % 3 !== 0,
    termDuration: 'P1Y',
    billingCycle: 'monthly',
    creationDate: '2025-06-01T00:00:00Z',
    commitmentEndDate: '2026-05-31T00:00:00Z',
    cancellationAllowedUntilDate: '2025-06-08T00:00:00Z',
    refundableQuantity: {
      totalQuantity: 2,
      details: [{ quantity: 2, allowedUntilDateTime: '2025-06-08T00:00:00Z' }],
    },
    ...overrides,
  };
}

/** An observed customer with `count` subscriptions numbered from `first`. */
export function anObservedCustomer(
  customerId: CustomerId,
  count: number,
  options: { first?: number; observedAt?: string } = {},
): ObservedCustomer {
  const first = options.first ?? 0;
  return {
    customerId,
    observedAt: options.observedAt ?? '2026-01-01T00:00:00.000Z',
    subscriptions: Array.from({ length: count }, (_, i) => aSubscription(customerId, first + i)),
  };
}
