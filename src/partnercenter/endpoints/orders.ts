import type { CustomerId, LiveOrder } from '../../model/index.js';
import type { Caller } from '../caller.js';
import { mapOrder } from '../map/order.js';
import { decodeBody, decodeEach, query, seg } from './decode.js';
import { signalOf, type ReadOptions } from './options.js';
import { readAllPages } from './paging.js';

export interface OrdersApi {
  /** `GET /v1/customers/{id}/orders/{orderId}`: the fast path right after checkout (§4.2). */
  get(customerId: CustomerId, orderId: string, options?: ReadOptions): Promise<LiveOrder>;
  /**
   * `GET /v1/customers/{id}/orders`. New orders can take 15 min to appear (§4.3); system
   * purchases (renewals) only with `includeSystemPurchases`.
   */
  list(
    customerId: CustomerId,
    options?: ReadOptions & { readonly includeSystemPurchases?: boolean },
  ): Promise<LiveOrder[]>;
  /**
   * `GET .../orders?billingType=`: `one_time` is sent as the documented example spells it,
   * `onetime` (docs/partner-center-api.md, "Orders by billing type").
   */
  listByBillingType(
    customerId: CustomerId,
    billingType: 'one_time' | 'license' | 'usage',
    options?: ReadOptions,
  ): Promise<LiveOrder[]>;
}

/** The documented spelling of each billing type in the orders query (get-a-list-of-orders-by-customer-and-billing-cycle-type). */
const BILLING_TYPE_WIRE = { one_time: 'onetime', license: 'license', usage: 'usage' } as const;

export function createOrdersApi(call: Caller): OrdersApi {
  const base = (customerId: CustomerId): string => `/v1/customers/${seg(customerId)}/orders`;
  const listAt = async (
    customerId: CustomerId,
    path: string,
    signal?: AbortSignal,
  ): Promise<LiveOrder[]> =>
    decodeEach(await readAllPages(call, path, 'orders', signal), (item) =>
      mapOrder(item, customerId),
    );
  return {
    async get(customerId, orderId, options) {
      const result = await call({
        method: 'GET',
        path: `${base(customerId)}/${seg(orderId)}`,
        ...signalOf(options),
      });
      return decodeBody(result, (body) => mapOrder(body, customerId));
    },
    list(customerId, options) {
      const q = query({
        include_system_purchases: options?.includeSystemPurchases === true ? true : undefined,
      });
      return listAt(customerId, `${base(customerId)}${q}`, options?.signal);
    },
    listByBillingType(customerId, billingType, options) {
      const q = query({ billingType: BILLING_TYPE_WIRE[billingType] });
      return listAt(customerId, `${base(customerId)}${q}`, options?.signal);
    },
  };
}
