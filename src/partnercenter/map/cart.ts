import type { CustomerId, LiveOrder } from '../../model/index.js';
import type { CartCheckoutResultDto, CartDto, CartLineItemDto } from '../dto/cart-dto.js';
import { BILLING_CYCLE_VALUES, enumText } from './enum-text.js';
import { mapOrder } from './order.js';
import {
  arrayOf,
  asRecord,
  compact,
  optInstant,
  optNumber,
  optString,
  reqNumber,
  reqString,
} from './wire-read.js';

/** A cart line as the server returned it; `error` set means checkout will fail this line. */
export interface CartLine {
  readonly id: number;
  readonly catalogItemId: string;
  readonly quantity: number;
  readonly billingCycle: string;
  readonly termDuration?: string;
  readonly friendlyName?: string;
  /** Server-assigned; each group becomes one order at checkout. */
  readonly orderGroup?: string;
  /** The promotion the line was sent with, as echoed (absent when none). */
  readonly promotionId?: string;
  /** The co-termed first term's end the line was sent with, as echoed (ISO instant). */
  readonly customTermEndDate?: string;
  /** Cart line-item error (10000-series integer code, docs/partner-center-api.md §1.9). */
  readonly error?: { readonly code: number; readonly description: string };
}

export interface Cart {
  readonly id: string;
  /** `active` or `ordered` (lower-cased; the wire says `Active`/`Ordered`). */
  readonly status: string;
  readonly expirationTimestamp?: string;
  readonly lineItems: readonly CartLine[];
}

/** An order group that failed at checkout, traced back to the cart lines it held. */
export interface CheckoutOrderError {
  readonly orderGroupId: string;
  readonly code: string;
  readonly description: string;
  /** Cart line ids in that order group (empty when the cart could not be read). */
  readonly lineItemIds: readonly number[];
}

export interface CheckoutResult {
  readonly orders: readonly LiveOrder[];
  readonly orderErrors: readonly CheckoutOrderError[];
}

export function mapCart(body: unknown): Cart {
  const dto = asRecord(body, 'cart') as CartDto;
  const lines = arrayOf(dto.lineItems);
  return {
    id: reqString(dto.id, 'cart.id'),
    status: (optString(dto.status) ?? 'unknown').toLowerCase(),
    ...compact({
      expirationTimestamp: optInstant(dto.expirationTimestamp, 'cart.expirationTimestamp'),
    }),
    lineItems: lines.map((line) =>
      mapCartLine(asRecord(line, 'cart.lineItems[]') as CartLineItemDto),
    ),
  };
}

function mapCartLine(dto: CartLineItemDto): CartLine {
  const error = dto.error === null || dto.error === undefined ? undefined : dto.error;
  const errorCode = error === undefined ? undefined : optNumber(error.errorCode);
  return {
    id: reqNumber(dto.id, 'cart.lineItems[].id'),
    catalogItemId: reqString(dto.catalogItemId, 'cart.lineItems[].catalogItemId'),
    quantity: optNumber(dto.quantity) ?? 0,
    billingCycle: enumText(dto.billingCycle, BILLING_CYCLE_VALUES) ?? 'unknown',
    ...compact({
      termDuration: optString(dto.termDuration),
      friendlyName: optString(dto.friendlyName),
      orderGroup: optString(dto.orderGroup),
      promotionId: optString(dto.promotionId) || undefined,
      customTermEndDate: optInstant(dto.customTermEndDate, 'cart.lineItems[].customTermEndDate'),
      error:
        error === undefined
          ? undefined
          : { code: errorCode ?? 0, description: optString(error.errorDescription) ?? '' },
    }),
  };
}

/**
 * Maps a CartCheckoutResult (docs/partner-center-api.md §3.3); `orderErrors` are traced to cart
 * lines through `orderGroup` when the cart is known.
 */
export function mapCheckoutResult(
  body: unknown,
  customerId: CustomerId,
  cart: Cart | undefined,
): CheckoutResult {
  const dto = asRecord(body, 'checkout result') as CartCheckoutResultDto;
  const orders = arrayOf(dto.orders).map((order) => mapOrder(order, customerId));
  const orderErrors = arrayOf(dto.orderErrors).map((error) => {
    const orderGroupId = optString(error.orderGroupId) ?? '';
    return {
      orderGroupId,
      code: optString(error.code) ?? '',
      description: optString(error.description) ?? '',
      lineItemIds: (cart?.lineItems ?? [])
        .filter((line) => line.orderGroup === orderGroupId)
        .map((line) => line.id),
    };
  });
  return { orders, orderErrors };
}
