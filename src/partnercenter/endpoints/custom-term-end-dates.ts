import type {
  AllowedCustomTermEndDate,
  CustomerId,
  CustomTermEndDateQuery,
} from '../../model/index.js';
import type { Caller } from '../caller.js';
import { mapAllowedCustomTermEndDate } from '../map/custom-term-end-date.js';
import { decodeEach, query, seg } from './decode.js';
import type { ReadOptions } from './options.js';
import { readAllPages } from './paging.js';

export interface CustomTermEndDatesApi {
  /**
   * The end dates a **new** NCE licence purchase of `termDuration` starting on `termStartDate`
   * may set as its cart line's `customTermEndDate`: the calendar month-end and the end dates of
   * the customer's subscriptions it can co-term with
   * (`GET /v1/customers/{id}/subscriptions/customTermEndDates?term_duration=&term_start_date=&target_coterm_subscription_id=`,
   * App or App+User, https://learn.microsoft.com/en-us/partner-center/developer/custom-term-end-dates).
   * Not for renewals. Follows `links.next` when a page has one (the docs say pages hold 300).
   */
  list(
    customerId: CustomerId,
    query: CustomTermEndDateQuery,
    options?: ReadOptions,
  ): Promise<AllowedCustomTermEndDate[]>;
}

export function createCustomTermEndDatesApi(call: Caller): CustomTermEndDatesApi {
  return {
    async list(customerId, q, options) {
      const path =
        `/v1/customers/${seg(customerId)}/subscriptions/customTermEndDates` +
        query({
          term_duration: q.termDuration,
          term_start_date: q.termStartDate,
          target_coterm_subscription_id: q.targetCotermSubscriptionId,
        });
      const items = await readAllPages(call, path, 'customTermEndDates', options?.signal);
      return decodeEach(items, mapAllowedCustomTermEndDate);
    },
  };
}
