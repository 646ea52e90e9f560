import type { CustomerId, LiveEntitlement } from '../../model/index.js';
import type { Caller } from '../caller.js';
import { mapActivationLink, mapEntitlement, type ActivationLink } from '../map/customer.js';
import { decodeEach, query, seg } from './decode.js';
import type { ReadOptions } from './options.js';
import { readAllPages } from './paging.js';

export interface EntitlementsApi {
  /**
   * `GET .../entitlements?entitlementType=&showExpiry=` (§6.3). Needs an App+User token: with
   * an app-only token expect kind `app-only-not-supported` (403 900329).
   */
  list(
    customerId: CustomerId,
    options?: ReadOptions & { readonly entitlementType?: string; readonly showExpiry?: boolean },
  ): Promise<LiveEntitlement[]>;
}

export interface ActivationLinksApi {
  /** `GET .../orders/{orderId}/lineitems/{n}/activationlinks` (§6.2; dummies in the sandbox). */
  byLineItem(
    customerId: CustomerId,
    orderId: string,
    lineItemNumber: number,
    options?: ReadOptions,
  ): Promise<ActivationLink[]>;
  /** `GET .../subscriptions/{id}/activationlinks`. */
  bySubscription(
    customerId: CustomerId,
    subscriptionId: string,
    options?: ReadOptions,
  ): Promise<ActivationLink[]>;
}

export function createEntitlementsApi(call: Caller): EntitlementsApi {
  return {
    async list(customerId, options) {
      const q = query({
        entitlementType: options?.entitlementType,
        showExpiry: options?.showExpiry,
      });
      const items = await readAllPages(
        call,
        `/v1/customers/${seg(customerId)}/entitlements${q}`,
        'entitlements',
        options?.signal,
      );
      return decodeEach(items, mapEntitlement);
    },
  };
}

export function createActivationLinksApi(call: Caller): ActivationLinksApi {
  const read = async (
    path: string,
    fallbackLine: number,
    signal?: AbortSignal,
  ): Promise<ActivationLink[]> =>
    decodeEach(await readAllPages(call, path, 'activation links', signal), (item) =>
      mapActivationLink(item, fallbackLine),
    );
  return {
    byLineItem: (customerId, orderId, lineItemNumber, options) =>
      read(
        `/v1/customers/${seg(customerId)}/orders/${seg(orderId)}/lineitems/${seg(lineItemNumber)}/activationlinks`,
        lineItemNumber,
        options?.signal,
      ),
    bySubscription: (customerId, subscriptionId, options) =>
      read(
        `/v1/customers/${seg(customerId)}/subscriptions/${seg(subscriptionId)}/activationlinks`,
        0,
        options?.signal,
      ),
  };
}
