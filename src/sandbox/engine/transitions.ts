import { PcHttpError, pcErrors } from '../errors.js';
import type { CustomerRecord, RefundBlock, SubscriptionRecord } from '../store/records.js';
import type { TransitionRecord } from '../store/transition-record.js';
import {
  BILLING_CYCLES,
  isObject,
  newEtag,
  parseEnum,
  pick,
  pickInt,
  pickString,
} from '../wire.js';
import { newGuid, type SandboxContext } from './context.js';
import { iso, isoDay } from './dates.js';
import { openRefundBlocks } from './subscription-factory.js';
import { transitionTargets, type TransitionTarget } from './transition-eligibility.js';

/** What a transition changed: the records to store and the transition to record. */
export interface TransitionOutcome {
  readonly subscriptions: readonly SubscriptionRecord[];
  readonly transition: TransitionRecord;
}

/**
 * Performs `POST …/subscriptions/{id}/transitions` at `now` (docs/sandbox.md "Transitions").
 * The target must be an eligible immediate target of `source` for the transition type; the
 * term and billing, when sent, must be the source's (a transition keeps the renewal date:
 * https://learn.microsoft.com/en-us/partner-center/customers/align-subscription-end-dates).
 * - **full** (every seat, no `toSubscriptionId`): the source subscription becomes the target
 *   product/SKU in place — same id, end date and refund window;
 * - **partial** (fewer seats): the source keeps the rest and a new subscription of the target
 *   gets the moved seats with the source's end date and cancellation window
 *   (new-commerce cancellation policy: a partial upgrade inherits the parent's window);
 * - **into `toSubscriptionId`** (an eligible existing subscription of the target): its seats
 *   grow; a source left with none is `deleted`.
 * Every transition wipes the source's scheduled next-term instructions (a mid-term change).
 * Invalid requests are 400 `800002` naming the field; refused ones quote the eligibility errors.
 */
export function performTransition(
  ctx: SandboxContext,
  customer: CustomerRecord,
  source: SubscriptionRecord,
  body: unknown,
  now: Date,
): TransitionOutcome {
  if (!isObject(body)) throw pcErrors.badInput('The request body must be a Transition object.');
  const toCatalogItemId = required(pickString(body, 'toCatalogItemId'), 'toCatalogItemId');
  const transitionType = required(pickString(body, 'transitionType'), 'transitionType');
  const quantity = pickInt(body, 'quantity');
  if (quantity === undefined || quantity < 1 || quantity > source.quantity) {
    throw pcErrors.badInput(
      `quantity must be 1-${source.quantity} (the source's seats; a transition cannot add seats).`,
    );
  }
  checkSource(body, source);
  const target = eligibleTarget(ctx, customer, source, toCatalogItemId, transitionType, now);
  const into = intoSubscription(customer, body, target);
  const remaining = source.quantity - quantity;
  const cleared: SubscriptionRecord = { ...source, scheduled: null, etag: newEtag() };
  let changed: SubscriptionRecord[];
  let holder: SubscriptionRecord;
  if (into !== undefined) {
    holder = { ...into, quantity: into.quantity + quantity, etag: newEtag() };
    const left =
      remaining === 0
        ? { ...cleared, status: 'deleted', autoRenewEnabled: false, refundBlocks: [] }
        : shrink(cleared, remaining, now);
    changed = [left, holder];
  } else if (remaining === 0) {
    holder = upgradeInPlace(cleared, target);
    changed = [holder];
  } else {
    holder = splitOff(source, target, quantity, now);
    changed = [shrink(cleared, remaining, now), holder];
  }
  const at = iso(now);
  const transition: TransitionRecord = {
    operationId: newGuid(),
    customerId: customer.id,
    fromSubscriptionId: source.id,
    fromCatalogItemId: `${source.productId}:${source.skuId}:${source.availabilityId}`,
    toCatalogItemId: target.catalogItemId,
    toSubscriptionId: holder.id,
    quantity,
    ...(source.termDuration === undefined ? {} : { termDuration: source.termDuration }),
    billingCycle: source.billingCycle,
    transitionType,
    subscriptionIds: [...new Set([source.id, holder.id])],
    // The sandbox completes a transition at once; the POST answers its first event only.
    events: [
      { name: 'Conversion', status: 'Started', timestamp: at },
      { name: 'Conversion', status: 'Completed', timestamp: at },
    ],
  };
  return { subscriptions: changed, transition };
}

function required(value: string | undefined, field: string): string {
  if (value === undefined || value.trim() === '') throw pcErrors.badInput(`${field} is required.`);
  return value.trim();
}

/** `fromSubscriptionId`/`fromCatalogItemId`, `termDuration`/`billingCycle` when sent. */
function checkSource(body: Record<string, unknown>, source: SubscriptionRecord): void {
  const fromId = pickString(body, 'fromSubscriptionId');
  if (fromId !== undefined && fromId !== '' && fromId.toLowerCase() !== source.id) {
    throw pcErrors.badInput(`fromSubscriptionId ${fromId} is not the subscription in the path.`);
  }
  const fromItem = pickString(body, 'fromCatalogItemId');
  const own = `${source.productId}:${source.skuId}:${source.availabilityId}`;
  if (fromItem !== undefined && fromItem !== '' && fromItem.toUpperCase() !== own.toUpperCase()) {
    throw pcErrors.badInput(
      `fromCatalogItemId ${fromItem} is not ${own}, the subscription's offer.`,
    );
  }
  const term = pickString(body, 'termDuration');
  if (term !== undefined && term !== '' && term.toUpperCase() !== source.termDuration) {
    throw pcErrors.badInput(
      `termDuration ${term}: a transition keeps the source's term (${source.termDuration ?? 'none'}); change the term at renewal (scheduledNextTermInstructions).`,
    );
  }
  const cycle = pick(body, 'billingCycle');
  if (cycle !== undefined && cycle !== null && cycle !== '') {
    if (parseEnum('billingCycle', cycle, BILLING_CYCLES) !== source.billingCycle) {
      throw pcErrors.badInput(
        `billingCycle ${JSON.stringify(cycle)}: a transition keeps the source's billing (${source.billingCycle}); change it at renewal.`,
      );
    }
  }
}

function eligibleTarget(
  ctx: SandboxContext,
  customer: CustomerRecord,
  source: SubscriptionRecord,
  toCatalogItemId: string,
  transitionType: string,
  now: Date,
): TransitionTarget {
  const targets = transitionTargets(ctx, customer, source, 'immediate', now);
  const target = targets.find(
    (t) => t.catalogItemId.toUpperCase() === toCatalogItemId.toUpperCase(),
  );
  if (target === undefined) {
    throw pcErrors.badInput(
      `${toCatalogItemId} is not a transition target of this subscription; GET …/transitionEligibilities?eligibilityType=immediate lists them (${targets.map((t) => t.catalogItemId).join(', ') || 'none'}).`,
    );
  }
  const detail = target.details.find((d) => d.transitionType === transitionType);
  if (detail === undefined) throw pcErrors.enumValue('transitionType', transitionType);
  if (!detail.isEligible) {
    const why = detail.errors.map((e) => `${e.description} (code ${e.code})`).join(' ');
    throw new PcHttpError(400, '800002', `Subscription cannot be transitioned: ${why}`);
  }
  return target;
}

function intoSubscription(
  customer: CustomerRecord,
  body: Record<string, unknown>,
  target: TransitionTarget,
): SubscriptionRecord | undefined {
  const id = pickString(body, 'toSubscriptionId');
  if (id === undefined || id === '') return undefined;
  const answer = target.targets.find((t) => t.subscription.id === id.toLowerCase());
  if (answer === undefined) {
    throw pcErrors.badInput(
      `toSubscriptionId ${id} is not a subscription of ${target.catalogItemId} of customer ${customer.id}.`,
    );
  }
  if (!answer.isEligible) {
    const why = answer.errors.map((e) => `${e.description} (code ${e.code})`).join(' ');
    throw new PcHttpError(400, '800002', `Cannot transition into ${id}: ${why}`);
  }
  return answer.subscription;
}

function upgradeInPlace(source: SubscriptionRecord, target: TransitionTarget): SubscriptionRecord {
  const entry = target.entry!;
  return {
    ...source,
    kind: entry.product.kind,
    productId: entry.product.id,
    skuId: entry.sku.id,
    availabilityId: entry.id,
    offerName: entry.sku.title,
    friendlyName: source.friendlyName === source.offerName ? entry.sku.title : source.friendlyName,
  };
}

/** A new subscription of the target for the moved seats: no order, the source's end date. */
function splitOff(
  source: SubscriptionRecord,
  target: TransitionTarget,
  quantity: number,
  now: Date,
): SubscriptionRecord {
  const until = source.cancellationAllowedUntilDate;
  const open = until !== null && new Date(until) > now;
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- no order bought it; not an add-on
  const { orderId, parentSubscriptionId, ...rest } = upgradeInPlace(source, target);
  return {
    ...rest,
    id: newGuid(),
    friendlyName: target.entry!.sku.title,
    quantity,
    creationDate: iso(now),
    effectiveStartDate: isoDay(now),
    refundBlocks: open ? [{ quantity, allowedUntilDateTime: until }] : [],
    scheduled: null,
    publisherName: target.product?.publisherName ?? source.publisherName,
    visibleAt: iso(now),
    etag: newEtag(),
    renewals: 0,
  };
}

/** The source with `remaining` seats: moved seats leave the newest refund blocks first. */
function shrink(record: SubscriptionRecord, remaining: number, now: Date): SubscriptionRecord {
  let toRemove = record.quantity - remaining;
  const blocks: RefundBlock[] = [];
  for (const block of [...openRefundBlocks(record, now)].reverse()) {
    const take = Math.min(block.quantity, toRemove);
    toRemove -= take;
    if (block.quantity > take) blocks.unshift({ ...block, quantity: block.quantity - take });
  }
  return { ...record, quantity: remaining, refundBlocks: blocks };
}
