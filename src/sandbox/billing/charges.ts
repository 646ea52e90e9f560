import type { SandboxContext } from '../engine/context.js';
import { unitPriceAt } from '../pricing/unit-price.js';
import type { CustomerRecord, OrderLineRecord, OrderRecord } from '../store/records.js';
import type { BillingEventRecord } from './billing-event-record.js';
import { monthsCharged } from '../pricing/price-list.js';
import { chargeAmount, cycleAt } from './proration.js';

/** One billable line: a purchased order line or a later change to a subscription. */
export interface Charge {
  readonly customer: CustomerRecord;
  readonly orderId: string;
  readonly orderDate: string;
  readonly subscriptionId: string;
  readonly productId: string;
  readonly skuId: string;
  readonly availabilityId: string;
  readonly productName: string;
  readonly skuName: string;
  readonly publisherName: string;
  /** Wire `chargeType`: `new`, `addQuantity`, `removeQuantity`, `cancelImmediate`. */
  readonly chargeType: string;
  readonly quantity: number;
  /** The price sheet's unit price effective at `orderDate` (one unit, one billing charge). */
  readonly unitPrice: number;
  /** Prorated (and discounted) price of one unit: `subtotal` ≈ this × `quantity` (unrounded). */
  readonly effectiveUnitPrice: number;
  /** Negative for refunds (seats removed, cancellation); prorated for seat changes. */
  readonly subtotal: number;
  readonly currency: string;
  readonly currencySymbol: string;
  readonly billingCycle: string;
  readonly termDuration?: string;
  /** The end (exclusive) of the billing cycle a seat change was prorated over. */
  readonly cycleEnd?: string;
  /** `YYYY-MM` (UTC) of `orderDate`: the billing period the charge falls in. */
  readonly period: string;
}

/** `YYYY-MM` of an instant, in UTC. */
export function periodOf(instant: string | Date): string {
  return new Date(instant).toISOString().slice(0, 7);
}

/**
 * Every charge the sandbox holds, oldest first (ties keep store order, so paging is stable).
 * Partner-wide by nature: invoices cover every customer, so this is the one place the sandbox
 * reads across customers on a request.
 */
export function listCharges(ctx: SandboxContext): Charge[] {
  const customers = new Map(ctx.store.all('customer').map((c) => [c.id, c]));
  const charges: Charge[] = [];
  for (const order of ctx.store.all('order')) {
    const customer = customers.get(order.customerId);
    if (customer === undefined) continue;
    for (const line of order.lineItems) charges.push(orderCharge(ctx, customer, order, line));
  }
  for (const event of ctx.store.all('billing-event')) {
    const customer = customers.get(event.customerId);
    if (customer !== undefined) charges.push(eventCharge(ctx, customer, event));
  }
  return charges
    .map((charge, index) => ({ charge, index }))
    .sort((a, b) => a.charge.orderDate.localeCompare(b.charge.orderDate) || a.index - b.index)
    .map(({ charge }) => charge);
}

/**
 * A purchase: the whole first charge, `unitPrice × quantity` — prorated only when the line set a
 * `customTermEndDate` (co-terming): its billing cycles run back from that shorter first term's
 * end, so the first one is short, and the charge is its share left on the order's day (the
 * seat-change rule of docs/partner-center-billing.md §5).
 */
function orderCharge(
  ctx: SandboxContext,
  customer: CustomerRecord,
  order: OrderRecord,
  line: OrderLineRecord,
): Charge {
  const item = {
    productId: line.productId,
    skuId: line.skuId,
    billingCycle: line.billingCycle,
    termDuration: line.termDuration,
  };
  return build(ctx, customer, {
    orderId: order.id,
    orderDate: order.creationDate,
    subscriptionId: line.subscriptionId ?? line.entitlementId ?? '',
    availabilityId: line.offerId.split(':')[2] ?? '',
    chargeType: 'new',
    quantity: line.quantity,
    sign: 1,
    ...item,
    currency: order.currencyCode,
    unitPrice: unitPriceAt(ctx.catalog, item, order.currencyCode, order.creationDate),
    ...firstCycle(line, order.creationDate),
    // A promotion the cart line carried discounts the unit price (docs/money.md).
    discountPercent: line.promotion?.percentDiscount ?? 0,
  });
}

/** The share of the first billing cycle a purchase pays: 1 unless it was co-termed. */
function firstCycle(
  line: OrderLineRecord,
  orderDate: string,
): { readonly fraction: number; readonly cycleEnd?: string } {
  if (line.customTermEndDate === undefined) return { fraction: 1 };
  const months = monthsCharged(line.billingCycle, line.termDuration);
  const cycle = cycleAt(line.customTermEndDate, months, new Date(orderDate));
  return { fraction: cycle.fraction, ...(cycle.end === undefined ? {} : { cycleEnd: cycle.end }) };
}

/** A seat change or cancellation: prorated by the cycle share its record kept. */
function eventCharge(
  ctx: SandboxContext,
  customer: CustomerRecord,
  event: BillingEventRecord,
): Charge {
  const currency = event.currency ?? ctx.catalog.currency(customer.country).code;
  return build(ctx, customer, {
    orderId: event.orderId,
    orderDate: event.at,
    subscriptionId: event.subscriptionId,
    productId: event.productId,
    skuId: event.skuId,
    availabilityId: event.availabilityId,
    chargeType: event.chargeType,
    quantity: event.quantity,
    sign: event.chargeType === 'addQuantity' ? 1 : -1,
    billingCycle: event.billingCycle,
    termDuration: event.termDuration,
    currency,
    unitPrice: event.unitPrice ?? unitPriceAt(ctx.catalog, event, currency, event.at),
    fraction: event.cycle?.fraction ?? 1,
    ...(event.cycle?.end === undefined ? {} : { cycleEnd: event.cycle.end }),
  });
}

interface ChargeFacts {
  readonly orderId: string;
  readonly orderDate: string;
  readonly subscriptionId: string;
  readonly productId: string;
  readonly skuId: string;
  readonly availabilityId: string;
  readonly chargeType: string;
  readonly quantity: number;
  readonly sign: 1 | -1;
  readonly billingCycle: string;
  readonly termDuration: string | undefined;
  readonly currency: string;
  /** The price sheet's unit price at the charge's instant. */
  readonly unitPrice: number;
  /** Share of the billing cycle charged (1 for a purchase). */
  readonly fraction: number;
  /** Percent off the unit price (a promotion on a new order line). @default 0 */
  readonly discountPercent?: number;
  readonly cycleEnd?: string;
}

function build(ctx: SandboxContext, customer: CustomerRecord, facts: ChargeFacts): Charge {
  const product = ctx.catalog.product(facts.productId);
  const sku = ctx.catalog.sku(facts.productId, facts.skuId);
  const amount = chargeAmount({
    unitPrice: facts.unitPrice,
    quantity: facts.quantity,
    fraction: facts.fraction,
    sign: facts.sign,
    currency: facts.currency,
    discountPercent: facts.discountPercent ?? 0,
  });
  const symbol =
    Object.values(ctx.catalog.catalog.currencies).find((c) => c.code === facts.currency)?.symbol ??
    facts.currency;
  return {
    customer,
    orderId: facts.orderId,
    orderDate: facts.orderDate,
    subscriptionId: facts.subscriptionId,
    productId: facts.productId,
    skuId: facts.skuId,
    availabilityId: facts.availabilityId,
    productName: product?.title ?? facts.productId,
    skuName: sku?.title ?? facts.skuId,
    publisherName: product?.publisherName ?? 'Microsoft Corporation',
    chargeType: facts.chargeType,
    quantity: facts.quantity,
    unitPrice: facts.unitPrice,
    effectiveUnitPrice: amount.effectiveUnitPrice,
    subtotal: amount.subtotal,
    currency: facts.currency,
    currencySymbol: symbol,
    billingCycle: facts.billingCycle,
    ...(facts.termDuration === undefined ? {} : { termDuration: facts.termDuration }),
    ...(facts.cycleEnd === undefined ? {} : { cycleEnd: facts.cycleEnd }),
    period: periodOf(facts.orderDate),
  };
}
