import {
  parseOrderId,
  parseSubscriptionId,
  type CustomerId,
  type LiveOrder,
  type LiveOrderLineItem,
} from '../../model/index.js';
import type { OrderDto, OrderLineItemDto } from '../dto/order-dto.js';
import { BILLING_CYCLE_VALUES, enumText, ORDER_STATUS_VALUES } from './enum-text.js';
import {
  arrayOf,
  asRecord,
  compact,
  malformed,
  optInstant,
  optNumber,
  optString,
  reqString,
  splitOfferId,
} from './wire-read.js';

/** Maps an Order body to the model (docs/partner-center-api.md §4.1). */
export function mapOrder(body: unknown, customerId: CustomerId): LiveOrder {
  const dto = asRecord(body, 'order') as OrderDto;
  const id = parseOrderId(reqString(dto.id, 'order.id'));
  if (id === undefined) throw malformed('order.id');
  const billingCycle = enumText(dto.billingCycle, BILLING_CYCLE_VALUES) ?? 'unknown';
  const lines = arrayOf(dto.lineItems);
  return {
    id,
    customerId,
    status: enumText(dto.status, ORDER_STATUS_VALUES) ?? 'unknown',
    billingCycle,
    creationDate: optInstant(dto.creationDate, `order ${id} field creationDate`) ?? '',
    lineItems: lines.map((line, index) =>
      mapLine(asRecord(line, 'order.lineItems[]') as OrderLineItemDto, index, billingCycle),
    ),
  };
}

function mapLine(dto: OrderLineItemDto, index: number, billingCycle: string): LiveOrderLineItem {
  const offerId = reqString(dto.offerId, 'order.lineItems[].offerId');
  const parts = splitOfferId(offerId);
  const subscription = optString(dto.subscriptionId);
  return {
    lineItemNumber: optNumber(dto.lineItemNumber) ?? index,
    offerId,
    productId: parts?.productId ?? offerId,
    skuId: parts?.skuId ?? '',
    quantity: optNumber(dto.quantity) ?? 0,
    billingCycle,
    ...compact({
      subscriptionId: subscription === undefined ? undefined : parseSubscriptionId(subscription),
      termDuration: optString(dto.termDuration),
      friendlyName: optString(dto.friendlyName),
    }),
  };
}
