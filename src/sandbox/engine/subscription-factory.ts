import type { SeedProductKind } from '../seed/seed-types.js';
import type { SubscriptionRecord } from '../store/records.js';
import { newEtag } from '../wire.js';
import type { AvailabilityEntry } from './catalog-index.js';
import { commitmentEndWithCustomEnd } from './custom-term-end-dates.js';
import { LICENSE_WINDOW_MS, SAAS_WINDOW_MS, iso, isoDay, plusMs, startOfDayUtc } from './dates.js';

/** How long seats added now stay refundable, per product kind; 0 = never. */
export function refundWindowMs(kind: SeedProductKind): number {
  if (kind === 'license') return LICENSE_WINDOW_MS;
  if (kind === 'saas') return SAAS_WINDOW_MS;
  return 0;
}

export interface NewSubscription {
  readonly id: string;
  readonly customerId: string;
  readonly entry: AvailabilityEntry;
  readonly quantity: number;
  readonly termDuration?: string | undefined;
  readonly billingCycle: string;
  readonly autoRenewEnabled?: boolean | undefined;
  readonly friendlyName?: string | undefined;
  readonly purchasedAt: Date;
  readonly visibleAt: Date;
  readonly orderId?: string | undefined;
  readonly parentSubscriptionId?: string | undefined;
  /** A co-termed first term's last day, accepted by the cart line (custom-term-end-dates.ts). */
  readonly customTermEndDate?: string | undefined;
}

/**
 * A subscription as a purchase creates it (docs/partner-center-api.md §11): `active`, autorenew on
 * for NCE terms, `commitmentEndDate = start + term - 1 day` (inclusive) — or the day of a
 * `customTermEndDate` the cart line set (a shorter, co-termed first term) —,
 * `cancellationAllowedUntilDate = start + window`, and one refundable block for the seats.
 */
export function buildSubscription(input: NewSubscription): SubscriptionRecord {
  const { entry, purchasedAt } = input;
  const kind = entry.product.kind;
  const window = refundWindowMs(kind);
  const term = kind === 'azure-plan' ? undefined : input.termDuration;
  const cancelUntil = window > 0 ? plusMs(purchasedAt, window) : null;
  return {
    id: input.id,
    customerId: input.customerId,
    kind,
    productId: entry.product.id,
    skuId: entry.sku.id,
    availabilityId: entry.id,
    offerName: entry.sku.title,
    friendlyName: input.friendlyName ?? entry.sku.title,
    quantity: input.quantity,
    status: 'active',
    autoRenewEnabled: term === undefined ? false : (input.autoRenewEnabled ?? true),
    ...(term === undefined ? {} : { termDuration: term }),
    billingCycle: input.billingCycle,
    creationDate: iso(purchasedAt),
    effectiveStartDate: isoDay(startOfDayUtc(purchasedAt)),
    ...(term === undefined
      ? {}
      : {
          commitmentEndDate: commitmentEndWithCustomEnd(purchasedAt, term, input.customTermEndDate),
        }),
    cancellationAllowedUntilDate: cancelUntil,
    refundBlocks:
      cancelUntil === null ? [] : [{ quantity: input.quantity, allowedUntilDateTime: cancelUntil }],
    scheduled: null,
    ...(input.orderId === undefined ? {} : { orderId: input.orderId }),
    ...(input.parentSubscriptionId === undefined
      ? {}
      : { parentSubscriptionId: input.parentSubscriptionId }),
    publisherName: entry.product.publisherName ?? 'Microsoft Corporation',
    visibleAt: iso(input.visibleAt),
    etag: newEtag(),
    renewals: 0,
  };
}

/** Refundable blocks still open at `now`. */
export function openRefundBlocks(
  record: SubscriptionRecord,
  now: Date,
): SubscriptionRecord['refundBlocks'] {
  return record.refundBlocks.filter((block) => new Date(block.allowedUntilDateTime) > now);
}
