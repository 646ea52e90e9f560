import type { Caller } from '../caller.js';
import { mapCustomer, type PartnerCustomer } from '../map/customer.js';
import type { CustomerId } from '../../model/index.js';
import { decodeBody, decodeEach, query, seg } from './decode.js';
import { signalOf, type ReadOptions } from './options.js';
import { readAllPages } from './paging.js';

export interface CustomersApi {
  /**
   * Every customer of the partner, following continuation tokens
   * (`GET /v1/customers?size=N`, https://learn.microsoft.com/en-us/partner-center/developer/get-a-list-of-customers).
   */
  list(options?: ReadOptions & { readonly pageSize?: number }): Promise<PartnerCustomer[]>;
  /**
   * One customer, with the billing profile's country (`GET /v1/customers/{id}`,
   * https://learn.microsoft.com/en-us/partner-center/developer/get-a-customer-by-id).
   */
  get(customerId: CustomerId, options?: ReadOptions): Promise<PartnerCustomer>;
}

export function createCustomersApi(call: Caller): CustomersApi {
  return {
    async list(options) {
      const path = `/v1/customers${query({ size: options?.pageSize ?? 100 })}`;
      const items = await readAllPages(call, path, 'customers', options?.signal);
      return decodeEach(items, mapCustomer);
    },
    async get(customerId, options) {
      const result = await call({
        method: 'GET',
        path: `/v1/customers/${seg(customerId)}`,
        ...signalOf(options),
      });
      return decodeBody(result, mapCustomer);
    },
  };
}
