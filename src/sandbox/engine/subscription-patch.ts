import { PcHttpError, pcErrors } from '../errors.js';
import type { RefundBlock, ScheduledRecord, SubscriptionRecord } from '../store/records.js';
import {
  BILLING_CYCLES,
  has,
  isObject,
  newEtag,
  parseEnum,
  pick,
  pickBool,
  pickInt,
  pickString,
} from '../wire.js';
import type { CatalogIndex } from './catalog-index.js';
import { plusMs } from './dates.js';
import { isUpgradePath } from './upgrade-paths.js';
import { openRefundBlocks, refundWindowMs } from './subscription-factory.js';

const STATUSES = [
  'none',
  'active',
  'suspended',
  'deleted',
  'expired',
  'pending',
  'disabled',
] as const;

/** The fields a PATCH body changes relative to the stored subscription. */
interface PatchChanges {
  status?: string;
  quantity?: number;
  autoRenewEnabled?: boolean;
  friendlyName?: string;
  /** `null` clears the instructions. */
  scheduled?: ScheduledRecord | null;
}

/**
 * Applies a subscription PATCH (docs/partner-center-api.md §5.3, §9, §11). The body is the full
 * Subscription with fields edited (any key casing); only fields that differ from the stored
 * record count as changes. Rules, in order:
 * deleted → `2011`; expired → `900279`; suspended (unless reactivating or cancelling) → `800091`;
 * cancel (`status: deleted`) only before `cancellationAllowedUntilDate` → else `900117`;
 * quantity within SKU min/max → else `2002`; a decrease must be covered by open refundable
 * blocks → else `800090`; an immediate quantity change or autorenew off wipes
 * `scheduledNextTermInstructions`; setting them needs autorenew on, and another product/SKU
 * must be an upgrade path of the subscription's (engine/upgrade-paths.ts).
 * Returns the record unchanged (same etag) when the body changes nothing.
 */
export function applySubscriptionPatch(
  record: SubscriptionRecord,
  body: unknown,
  now: Date,
  country: string,
  catalog: CatalogIndex,
): SubscriptionRecord {
  if (!isObject(body)) throw pcErrors.badInput('The request body must be a Subscription object.');
  const changes = readChanges(record, body, country, catalog);
  if (Object.keys(changes).length === 0) return record;
  if (record.status === 'deleted') {
    throw new PcHttpError(400, '2011', 'Subscription with deleted status cannot be updated.');
  }
  if (record.status === 'expired') {
    throw new PcHttpError(
      400,
      '900279',
      'Update operations are no longer allowed for this subscription.',
    );
  }
  if (changes.status === 'deleted') return cancel(record, now);
  if (record.status === 'suspended' && changes.status !== 'active') {
    throw new PcHttpError(400, '800091', 'Cannot update a suspended subscription.');
  }
  let next: SubscriptionRecord = { ...record };
  if (changes.status !== undefined) {
    if (changes.status !== 'active' && changes.status !== 'suspended') {
      throw new PcHttpError(
        400,
        '800096',
        `Cannot change the subscription status to ${changes.status}.`,
      );
    }
    next = { ...next, status: changes.status };
  }
  if (changes.quantity !== undefined) next = changeQuantity(next, changes.quantity, now, catalog);
  if (changes.autoRenewEnabled !== undefined) {
    if (record.termDuration === undefined) {
      throw new PcHttpError(400, '800093', 'Subscription is not eligible for autorenew.');
    }
    next = { ...next, autoRenewEnabled: changes.autoRenewEnabled };
    if (!changes.autoRenewEnabled) next = { ...next, scheduled: null };
  }
  if (changes.friendlyName !== undefined) next = { ...next, friendlyName: changes.friendlyName };
  if (changes.scheduled !== undefined) {
    if (changes.scheduled !== null && !next.autoRenewEnabled) {
      throw new PcHttpError(
        400,
        '800002',
        'Scheduled next-term instructions require autoRenewEnabled to be true.',
      );
    }
    next = { ...next, scheduled: changes.scheduled };
  }
  return { ...next, etag: newEtag() };
}

function cancel(record: SubscriptionRecord, now: Date): SubscriptionRecord {
  const until = record.cancellationAllowedUntilDate;
  if (until === null || now > new Date(until)) {
    const days = record.kind === 'saas' ? 3 : 7;
    throw new PcHttpError(
      400,
      '900117',
      `This subscription cannot be cancelled because it is past your ${days}-day cancellation window.`,
    );
  }
  return {
    ...record,
    status: 'deleted',
    autoRenewEnabled: false,
    cancellationAllowedUntilDate: null,
    refundBlocks: [],
    scheduled: null,
    etag: newEtag(),
  };
}

function changeQuantity(
  record: SubscriptionRecord,
  quantity: number,
  now: Date,
  catalog: CatalogIndex,
): SubscriptionRecord {
  if (record.kind === 'azure-plan') {
    throw new PcHttpError(400, '800095', 'Cannot update seat quantity of this subscription.');
  }
  const sku = catalog.sku(record.productId, record.skuId);
  const min = sku?.minimumQuantity ?? 1;
  const max = sku?.maximumQuantity ?? Number.MAX_SAFE_INTEGER;
  if (quantity < min || quantity > max) {
    throw new PcHttpError(
      400,
      '2002',
      `Quantity ${quantity} is not within the allowed range ${min}-${max}.`,
    );
  }
  const open = openRefundBlocks(record, now);
  let blocks: RefundBlock[] = [...open];
  if (quantity > record.quantity) {
    const window = refundWindowMs(record.kind);
    if (window > 0) {
      blocks.push({
        quantity: quantity - record.quantity,
        allowedUntilDateTime: plusMs(now, window),
      });
    }
  } else {
    let toRemove = record.quantity - quantity;
    const refundable = open.reduce((sum, block) => sum + block.quantity, 0);
    if (refundable < toRemove) {
      throw new PcHttpError(
        400,
        '800090',
        `Subscription quantity cannot be decreased by ${toRemove}: only ${refundable} seats are refundable.`,
      );
    }
    // The most recently added seats are returned first.
    blocks = [];
    for (const block of [...open].reverse()) {
      const take = Math.min(block.quantity, toRemove);
      toRemove -= take;
      if (block.quantity > take) blocks.unshift({ ...block, quantity: block.quantity - take });
    }
  }
  return { ...record, quantity, refundBlocks: blocks, scheduled: null };
}

function readChanges(
  record: SubscriptionRecord,
  body: Record<string, unknown>,
  country: string,
  catalog: CatalogIndex,
): PatchChanges {
  const changes: PatchChanges = {};
  const statusValue = pick(body, 'status');
  if (statusValue !== undefined && statusValue !== null) {
    const status = parseEnum('status', statusValue, STATUSES);
    if (status !== record.status) changes.status = status;
  }
  const quantity = pickInt(body, 'quantity');
  if (quantity !== undefined && quantity !== record.quantity) changes.quantity = quantity;
  const autoRenew = pickBool(body, 'autoRenewEnabled');
  if (autoRenew !== undefined && autoRenew !== record.autoRenewEnabled)
    changes.autoRenewEnabled = autoRenew;
  const friendlyName = pickString(body, 'friendlyName');
  if (friendlyName !== undefined && friendlyName !== record.friendlyName)
    changes.friendlyName = friendlyName;
  if (has(body, 'scheduledNextTermInstructions')) {
    const scheduled = parseScheduled(
      pick(body, 'scheduledNextTermInstructions'),
      record,
      country,
      catalog,
    );
    if (JSON.stringify(scheduled) !== JSON.stringify(record.scheduled))
      changes.scheduled = scheduled;
  }
  return changes;
}

/** Parses `{ product: { productId, skuId, availabilityId?, billingCycle, termDuration }, quantity }`. */
function parseScheduled(
  value: unknown,
  record: SubscriptionRecord,
  country: string,
  catalog: CatalogIndex,
): ScheduledRecord | null {
  if (value === null || value === undefined) return null;
  const product = pick(value, 'product');
  const productId = pickString(product, 'productId') ?? record.productId;
  const skuId = pickString(product, 'skuId') ?? record.skuId;
  const sku = catalog.sku(productId, skuId);
  if (sku === undefined)
    throw pcErrors.badInput(
      `Unknown product/SKU ${productId}:${skuId} in scheduledNextTermInstructions.`,
    );
  const sameSku =
    sku.productId.toUpperCase() === record.productId.toUpperCase() &&
    sku.id.toUpperCase() === record.skuId.toUpperCase();
  if (!sameSku && !isUpgradePath(catalog, record, { productId, skuId })) {
    // A SKU change at renewal is a scheduled transition (docs/partner-center-api.md §5.4).
    throw pcErrors.badInput(
      `${productId}:${skuId} is not a scheduled transition target of ${record.productId}:${record.skuId}; GET …/transitionEligibilities?eligibilityType=scheduled lists them.`,
    );
  }
  const availability = catalog.availability(productId, skuId, country);
  if (availability === undefined)
    throw new PcHttpError(400, '800070', 'Offer not available in the customer country.');
  const billingValue = pick(product, 'billingCycle');
  const billingCycle =
    billingValue === undefined || billingValue === null
      ? record.billingCycle
      : parseEnum('billingCycle', billingValue, BILLING_CYCLES);
  const termDuration = pickString(product, 'termDuration') ?? record.termDuration ?? 'P1Y';
  if (!catalog.supportsTerm(sku, termDuration, billingCycle)) {
    throw pcErrors.badInput(
      `Term ${termDuration} billed ${billingCycle} is not offered for ${productId}:${skuId}.`,
    );
  }
  const quantity = pickInt(value, 'quantity') ?? record.quantity;
  if (quantity < sku.minimumQuantity || quantity > sku.maximumQuantity) {
    throw new PcHttpError(
      400,
      '2002',
      `Quantity ${quantity} is not within the allowed range ${sku.minimumQuantity}-${sku.maximumQuantity}.`,
    );
  }
  return {
    productId: sku.productId,
    skuId: sku.id,
    availabilityId: availability.id,
    billingCycle,
    termDuration,
    quantity,
  };
}
