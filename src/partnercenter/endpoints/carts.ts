import type { CustomerId } from '../../model/index.js';
import type { Caller } from '../caller.js';
import { mapCart, mapCheckoutResult, type Cart, type CheckoutResult } from '../map/cart.js';
import { compact } from '../map/wire-read.js';
import { decodeBody, seg } from './decode.js';
import { callOptions, signalOf, type MutationOptions, type ReadOptions } from './options.js';

/** One line of a cart to create or replace (docs/partner-center-api.md §3.1). Sent camelCase. */
export interface CartLineInput {
  /** Caller-chosen integer, unique within the cart; used to trace errors back. */
  readonly id: number;
  readonly catalogItemId: string;
  readonly quantity: number;
  readonly billingCycle: string;
  readonly termDuration?: string;
  readonly friendlyName?: string;
  readonly provisioningContext?: Readonly<Record<string, string>>;
  readonly participants?: readonly { readonly key: string; readonly value: string }[];
  readonly promotionId?: string;
  readonly attestationAccepted?: boolean;
  /**
   * The first term's last day, for a co-termed purchase: an ISO instant at UTC midnight as the
   * documented create-a-cart example sends it (`"2022-02-19T00:00:00Z"`), one of the dates
   * `customTermEndDates.list` gives. Bad values: line errors 10016/10017 (§15).
   */
  readonly customTermEndDate?: string;
}

export interface CartInput {
  readonly lineItems: readonly CartLineInput[];
  /**
   * Sent as `PartnerOnRecordAttestationAccepted`, spelled as the documented NCE request sample
   * spells it; the create-a-cart request table marks it required for new commerce, and a cart
   * without it is refused with 900203 for catalog items that need attestation. Running
   * `apply` is the partner's attestation, so it defaults to `true`.
   * @default true
   */
  readonly partnerOnRecordAttestationAccepted?: boolean;
}

export interface CartsApi {
  /** `POST .../carts` → 201. Lines the server rejects carry `error`; inspect before checkout (§10.4). */
  create(customerId: CustomerId, cart: CartInput, options?: MutationOptions): Promise<Cart>;
  get(customerId: CustomerId, cartId: string, options?: ReadOptions): Promise<Cart>;
  /** `PUT .../carts/{cartId}`: replaces every line; only `Active` carts (§3.2). */
  update(
    customerId: CustomerId,
    cartId: string,
    cart: CartInput,
    options?: MutationOptions,
  ): Promise<Cart>;
  /**
   * `POST .../carts/{cartId}/checkout`. Idempotent per cart: calling it again on the same cart
   * replays the first result (§1.4), so after a lost response retry on the SAME cart. Failed
   * order groups come back as `orderErrors` traced to cart lines — from `cart` when given,
   * otherwise by reading the cart.
   */
  checkout(
    customerId: CustomerId,
    cartId: string,
    options?: MutationOptions & { readonly cart?: Cart },
  ): Promise<CheckoutResult>;
}

export function createCartsApi(call: Caller): CartsApi {
  const base = (customerId: CustomerId): string => `/v1/customers/${seg(customerId)}/carts`;
  const api: CartsApi = {
    async create(customerId, cart, options) {
      const result = await call({
        method: 'POST',
        path: base(customerId),
        body: cartToWire(cart),
        ...callOptions(options),
      });
      return decodeBody(result, mapCart);
    },
    async get(customerId, cartId, options) {
      const result = await call({
        method: 'GET',
        path: `${base(customerId)}/${seg(cartId)}`,
        ...signalOf(options),
      });
      return decodeBody(result, mapCart);
    },
    async update(customerId, cartId, cart, options) {
      const body = { id: cartId, ...cartToWire(cart) };
      const result = await call({
        method: 'PUT',
        path: `${base(customerId)}/${seg(cartId)}`,
        body,
        ...callOptions(options),
      });
      return decodeBody(result, mapCart);
    },
    async checkout(customerId, cartId, options) {
      const result = await call({
        method: 'POST',
        path: `${base(customerId)}/${seg(cartId)}/checkout`,
        ...callOptions(options),
      });
      const first = decodeBody(result, (body) =>
        mapCheckoutResult(body, customerId, options?.cart),
      );
      if (first.orderErrors.length === 0 || options?.cart !== undefined) return first;
      const cart = await api.get(customerId, cartId, signalOf(options));
      return decodeBody(result, (body) => mapCheckoutResult(body, customerId, cart));
    },
  };
  return api;
}

function cartToWire(cart: CartInput): Record<string, unknown> {
  return compact({
    PartnerOnRecordAttestationAccepted: cart.partnerOnRecordAttestationAccepted ?? true,
    lineItems: cart.lineItems.map((line) =>
      compact({
        id: line.id,
        catalogItemId: line.catalogItemId,
        quantity: line.quantity,
        billingCycle: line.billingCycle,
        termDuration: line.termDuration,
        friendlyName: line.friendlyName,
        provisioningContext: line.provisioningContext,
        participants: line.participants,
        promotionId: line.promotionId,
        attestationAccepted: line.attestationAccepted,
        customTermEndDate: line.customTermEndDate,
      }),
    ),
  });
}
