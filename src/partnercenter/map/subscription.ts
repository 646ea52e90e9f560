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
  optInstant,
  optString,
  reqNumber,
  reqString,
  splitOfferId,
} from './wire-read.js';

/** Reads a Subscription body as its DTO (keys already normalised), checking it is an object. */
export function readSubscriptionDto(body: unknown): SubscriptionDto {
  return asRecord(body, 'subscription');
}

/**
 * Maps a Subscription DTO to the model (docs/partner-center-api.md, "Subscriptions"). Every
 * timestamp is normalised to UTC; a field that is present but unreadable, or a required one
 * that is missing, is a `malformed-response` error naming the subscription and the field.
 * `offerId` may be missing (old documented list items): `productId`/`skuId` then name the offer.
 */
export function mapSubscription(dto: SubscriptionDto, customerId: CustomerId): LiveSubscription {
  const id = parseSubscriptionId(reqString(dto.id, 'subscription.id'));
  if (id === undefined) throw malformed('subscription.id (GUID)');
  const field = (name: string): string => `subscription ${id} field ${name}`;
  const wireOffer = optString(dto.offerId) ?? offerFromLink(dto);
  const parts = splitOfferId(wireOffer ?? '');
  // A legacy offer id has no `productId:skuId` prefix (`MS-AZR-0145P`, a GUID): it names the
  // product itself (subscriptions/get-a-subscription-by-id.response.azure.json, .add-on.json).
  const productId =
    optString(dto.productId) ?? parts?.productId ?? (wireOffer === '' ? undefined : wireOffer);
  const skuId = optString(dto.skuId) ?? parts?.skuId;
  const offerId =
    wireOffer ??
    (productId !== undefined && skuId !== undefined ? `${productId}:${skuId}` : undefined);
  if (offerId === undefined || offerId === '' || productId === undefined)
    throw malformed(field('offerId'));
  const orderId = optString(dto.orderId);
  return {
    id,
    customerId,
    offerId,
    productId,
    skuId: skuId ?? '',
    friendlyName: optString(dto.friendlyName) ?? optString(dto.offerName) ?? '',
    quantity: reqNumber(dto.quantity, field('quantity')),
    status: enumText(dto.status, SUBSCRIPTION_STATUS_VALUES) ?? 'none',
    autoRenewEnabled: optBoolean(dto.autoRenewEnabled) ?? false,
    termDuration: optString(dto.termDuration) ?? '',
    billingCycle: enumText(dto.billingCycle, BILLING_CYCLE_VALUES) ?? 'unknown',
    creationDate: optInstant(dto.creationDate, field('creationDate')) ?? '',
    ...compact({
      commitmentEndDate: optInstant(dto.commitmentEndDate, field('commitmentEndDate')),
      cancellationAllowedUntilDate: optInstant(
        dto.cancellationAllowedUntilDate,
        field('cancellationAllowedUntilDate'),
      ),
      refundableQuantity: mapRefundable(dto.refundableQuantity, field),
      refundOptions: mapRefundOptions(dto.refundOptions, field),
      scheduledNextTermInstructions: mapScheduledNextTerm(dto.scheduledNextTermInstructions),
      orderId: orderId === undefined ? undefined : parseOrderId(orderId),
      isTrial: optBoolean(dto.isTrial),
    }),
  };
}

/**
 * The offer of an old subscription sample that prints no `offerId`: its `links.offer.uri`
 * (`/v1/offers/<offer-id>`) names it (subscriptions/get-all-of-a-customer-s-subscriptions.response.json).
 */
function offerFromLink(dto: SubscriptionDto): string | undefined {
  const uri = optString(dto.links?.['offer']?.uri);
  const match = uri === undefined ? null : /\/offers\/([^/?#]+)/i.exec(uri);
  return match?.[1] === undefined ? undefined : decodeURIComponent(match[1]);
}

function mapRefundable(
  value: SubscriptionDto['refundableQuantity'],
  field: (name: string) => string,
): LiveSubscription['refundableQuantity'] {
  if (value === null || value === undefined) return undefined;
  const details = arrayOf(value.details).map((block, index) => ({
    quantity: optNumber(block.quantity) ?? 0,
    allowedUntilDateTime:
      optInstant(
        block.allowedUntilDateTime,
        field(`refundableQuantity.details[${index}].allowedUntilDateTime`),
      ) ?? '',
  }));
  return {
    totalQuantity:
      optNumber(value.totalQuantity) ?? details.reduce((sum, block) => sum + block.quantity, 0),
    details,
  };
}

/** `refundOptions: [{type, expiresAt}]`; an option without a readable `expiresAt` is an error. */
function mapRefundOptions(
  value: SubscriptionDto['refundOptions'],
  field: (name: string) => string,
): LiveSubscription['refundOptions'] {
  if (value === null || value === undefined) return undefined;
  if (!Array.isArray(value)) throw malformed(field('refundOptions (an array)'));
  return value.map((option: unknown, index) => {
    const record = asRecord(option, field(`refundOptions[${index}]`));
    const expiresAt = optInstant(record['expiresAt'], field(`refundOptions[${index}].expiresAt`));
    if (expiresAt === undefined) throw malformed(field(`refundOptions[${index}].expiresAt`));
    return { type: optString(record['type']) ?? '', expiresAt };
  });
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
