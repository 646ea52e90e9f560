import type { Caller } from '../caller.js';
import { mapCustomer, type PartnerCustomer } from '../map/customer.js';
import { decodeEach, query } from './decode.js';
import type { ReadOptions } from './options.js';
import { readAllPages } from './paging.js';

export interface CustomersApi {
  /**
   * Every customer of the partner, following continuation tokens
   * (`GET /v1/customers?size=N`, https://learn.microsoft.com/en-us/partner-center/developer/get-a-list-of-customers).
   */
  list(options?: ReadOptions & { readonly pageSize?: number }): Promise<PartnerCustomer[]>;
}

export function createCustomersApi(call: Caller): CustomersApi {
  return {
    async list(options) {
      const path = `/v1/customers${query({ size: options?.pageSize ?? 100 })}`;
      const items = await readAllPages(call, path, 'customers', options?.signal);
      return decodeEach(items, mapCustomer);
    },
  };
}
