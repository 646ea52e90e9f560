import { iso } from '../engine/dates.js';
import { newGuid, newOrderId, type SandboxContext } from '../engine/context.js';
import { monthsCharged } from '../pricing/price-list.js';
import { unitPriceAt } from '../pricing/unit-price.js';
import type { SubscriptionRecord } from '../store/records.js';
import { cycleAt } from './proration.js';

/**
 * A billable change to a subscription after its purchase: seats added, seats removed, or a
 * cancellation. Purchases themselves are billed from the order records; these records exist
 * because a PATCH leaves no other trace of the quantity before it. The record keeps the price
 * and the billing cycle at its instant, so its charge reads the same later (price changes, a
 * renewed term) — docs/partner-center-billing.md §5.
 */
export interface BillingEventRecord {
  readonly id: string;
  readonly customerId: string;
  readonly subscriptionId: string;
  /** A new order id per change, as new-commerce reconciliation shows one per billing event. */
  readonly orderId: string;
  readonly chargeType: 'addQuantity' | 'removeQuantity' | 'cancelImmediate';
  /** Seats the event adds or removes (always positive). */
  readonly quantity: number;
  readonly productId: string;
  readonly skuId: string;
  readonly availabilityId: string;
  readonly billingCycle: string;
  readonly termDuration?: string;
  readonly at: string;
  /**
   * The price sheet's unit price effective at `at`, in `currency` (one unit, one billing
   * charge). Absent on records written before proration: then priced at `at` on read.
   */
  readonly unitPrice?: number;
  readonly currency?: string;
  /**
   * The billing cycle `at` fell in and the share of it left (`cycleAt`); the charge is
   * prorated by `fraction`. Absent on records written before proration: fraction 1.
   */
  readonly cycle?: { readonly start?: string; readonly end?: string; readonly fraction: number };
}

/**
 * Records the billing event a committed subscription PATCH caused, if any (called by the
 * subscription route inside the request's transaction).
 */
export function recordSubscriptionChange(
  ctx: SandboxContext,
  before: SubscriptionRecord,
  after: SubscriptionRecord,
  now: Date,
): void {
  const event = eventFor(before, after);
  if (event === undefined) return;
  const customerId = after.customerId.toLowerCase();
  const customer = ctx.store.get('customer', customerId, customerId);
  const currency = ctx.catalog.currency(customer?.country ?? 'US').code;
  const item = {
    productId: before.productId,
    skuId: before.skuId,
    billingCycle: before.billingCycle,
    termDuration: before.termDuration,
  };
  const cycle = cycleAt(
    before.commitmentEndDate,
    monthsCharged(before.billingCycle, before.termDuration),
    now,
  );
  const record: BillingEventRecord = {
    id: newGuid(),
    customerId: after.customerId,
    subscriptionId: after.id,
    orderId: newOrderId(),
    chargeType: event.chargeType,
    quantity: event.quantity,
    productId: after.productId,
    skuId: after.skuId,
    availabilityId: after.availabilityId,
    billingCycle: after.billingCycle,
    ...(after.termDuration === undefined ? {} : { termDuration: after.termDuration }),
    at: iso(now),
    unitPrice: unitPriceAt(ctx.catalog, item, currency, now),
    currency,
    cycle,
  };
  ctx.store.put('billing-event', after.customerId, record.id, record);
}

function eventFor(
  before: SubscriptionRecord,
  after: SubscriptionRecord,
): Pick<BillingEventRecord, 'chargeType' | 'quantity'> | undefined {
  if (before.status !== 'deleted' && after.status === 'deleted') {
    return { chargeType: 'cancelImmediate', quantity: before.quantity };
  }
  if (after.quantity > before.quantity)
    return { chargeType: 'addQuantity', quantity: after.quantity - before.quantity };
  if (after.quantity < before.quantity)
    return { chargeType: 'removeQuantity', quantity: before.quantity - after.quantity };
  return undefined;
}
