import {
  parseOrderId,
  parseSubscriptionId,
  type CustomerId,
  type LiveSubscription,
  type ScheduledNextTerm,
} from '../../model/index.js';
import type { SubscriptionDto } from '../dto/subscription-dto.js';
import { BILLING_CYCLE_VALUES, enumText, SUBSCRIPTION_STATUS_VALUES } from './enum-text.js';
import {
  arrayOf,
  asRecord,
  compact,
  malformed,
  optBoolean,
  optNumber,
  optString,
  reqNumber,
  reqString,
  splitOfferId,
} from './wire-read.js';

/** Reads a Subscription body as its DTO (keys already normalised), checking it is an object. */
export function readSubscriptionDto(body: unknown): SubscriptionDto {
  return asRecord(body, 'subscription');
}

/** Maps a Subscription DTO to the model (partner-center-api.md §5.1). */
export function mapSubscription(dto: SubscriptionDto, customerId: CustomerId): LiveSubscription {
  const id = parseSubscriptionId(reqString(dto.id, 'subscription.id'));
  if (id === undefined) throw malformed('subscription.id (GUID)');
  const offerId = reqString(dto.offerId, 'subscription.offerId');
  const parts = splitOfferId(offerId);
  const orderId = optString(dto.orderId);
  const refundable = mapRefundable(dto.refundableQuantity);
  const scheduled = mapScheduledNextTerm(dto.scheduledNextTermInstructions);
  return {
    id,
    customerId,
    offerId,
    productId: optString(dto.productId) ?? parts?.productId ?? offerId,
    skuId: optString(dto.skuId) ?? parts?.skuId ?? '',
    friendlyName: optString(dto.friendlyName) ?? optString(dto.offerName) ?? '',
    quantity: reqNumber(dto.quantity, 'subscription.quantity'),
    status: enumText(dto.status, SUBSCRIPTION_STATUS_VALUES) ?? 'none',
    autoRenewEnabled: optBoolean(dto.autoRenewEnabled) ?? false,
    termDuration: optString(dto.termDuration) ?? '',
    billingCycle: enumText(dto.billingCycle, BILLING_CYCLE_VALUES) ?? 'unknown',
    creationDate: optString(dto.creationDate) ?? '',
    ...compact({
      commitmentEndDate: optString(dto.commitmentEndDate),
      cancellationAllowedUntilDate: optString(dto.cancellationAllowedUntilDate),
      refundableQuantity: refundable,
      scheduledNextTermInstructions: scheduled,
      orderId: orderId === undefined ? undefined : parseOrderId(orderId),
      isTrial: optBoolean(dto.isTrial),
    }),
  };
}

function mapRefundable(
  value: SubscriptionDto['refundableQuantity'],
): LiveSubscription['refundableQuantity'] {
  if (value === null || value === undefined) return undefined;
  const details = arrayOf(value.details).map((block) => ({
    quantity: optNumber(block.quantity) ?? 0,
    allowedUntilDateTime: optString(block.allowedUntilDateTime) ?? '',
  }));
  return {
    totalQuantity:
      optNumber(value.totalQuantity) ?? details.reduce((sum, block) => sum + block.quantity, 0),
    details,
  };
}

function mapScheduledNextTerm(
  value: SubscriptionDto['scheduledNextTermInstructions'],
): ScheduledNextTerm | undefined {
  if (value === null || value === undefined || typeof value !== 'object') return undefined;
  const product = value.product ?? {};
  const productId = optString(product.productId);
  const quantity = optNumber(value.quantity);
  if (productId === undefined || quantity === undefined) return undefined;
  return {
    productId,
    skuId: optString(product.skuId) ?? '',
    quantity,
    ...compact({
      availabilityId: optString(product.availabilityId),
      termDuration: optString(product.termDuration),
      billingCycle: enumText(product.billingCycle, BILLING_CYCLE_VALUES),
    }),
  };
}

/** The wire form of scheduled next-term instructions, for PATCH bodies (camelCase). */
export function scheduledNextTermToWire(value: ScheduledNextTerm): Record<string, unknown> {
  return {
    product: compact({
      productId: value.productId,
      skuId: value.skuId,
      availabilityId: value.availabilityId,
      billingCycle: value.billingCycle,
      termDuration: value.termDuration,
    }),
    quantity: value.quantity,
  };
}
