import type { CustomerId, LiveSubscription, UnreadableResource } from '../../model/index.js';
import { PartnerCenterError } from '../errors.js';
import type { Clock } from '../../support/index.js';
import type { Caller } from '../caller.js';
import { mapSubscription, readSubscriptionDto } from '../map/subscription.js';
import { decodeBody, decodeEach, query, seg } from './decode.js';
import { signalOf, type MutationOptions, type ReadOptions } from './options.js';
import { readAllPages } from './paging.js';
import type { RecentReads } from './recent-reads.js';
import {
  updateSubscription,
  type SubscriptionChange,
  type SubscriptionUpdateResult,
} from './subscription-update.js';

/** A subscription list where some items could not be fully read. */
export interface SubscriptionListRead {
  readonly subscriptions: LiveSubscription[];
  /** Items that failed to map: their id when readable and the field at fault. */
  readonly unreadable: UnreadableResource[];
}

export interface SubscriptionsApi {
  /**
   * `GET .../subscriptions`: includes deleted/expired/suspended ones; filter by status (§5.2).
   * @throws PartnerCenterError `malformed-response` naming the subscription and field when an
   *   item cannot be fully read (see `readList` for a tolerant read).
   */
  list(customerId: CustomerId, options?: ReadOptions): Promise<LiveSubscription[]>;
  /** Forgets these customers' remembered reads except `keep`'s (`RecentReads.retain`). */
  retainRecentReads(customerIds: ReadonlySet<string>, keep: ReadonlySet<string>): void;
  /**
   * The same list, tolerant per item: what maps is returned, what does not is reported in
   * `unreadable` (the refresh holds the customer's purchases while any is).
   */
  readList(customerId: CustomerId, options?: ReadOptions): Promise<SubscriptionListRead>;
  get(
    customerId: CustomerId,
    subscriptionId: string,
    options?: ReadOptions,
  ): Promise<LiveSubscription>;
  /** `GET .../subscriptions?order_id=`: how a new purchase is bound before the list shows it (§10.1). */
  listByOrder(
    customerId: CustomerId,
    orderId: string,
    options?: ReadOptions,
  ): Promise<LiveSubscription[]>;
  /**
   * GET-modify-PATCH of the full resource with `If-Match`, one change per call (§5.3). A 202
   * is polled at its `Location` until the change shows. `requestId` is the PATCH's
   * MS-RequestId, reused on its retries.
   * @throws PartnerCenterError — e.g. kind `etag-stale` (re-plan, never blind replay),
   *   `decrease-window-closed`, `cancel-window-closed`, or code `poll-timeout`.
   */
  update(
    customerId: CustomerId,
    subscriptionId: string,
    change: SubscriptionChange,
    options?: MutationOptions,
  ): Promise<SubscriptionUpdateResult>;
}

export interface SubscriptionsApiOptions {
  readonly clock: Clock;
  /** Reads a PATCH may reuse instead of a GET (see RecentReads). */
  readonly recent: RecentReads;
  readonly pollIntervalMs: number;
  readonly maxPolls: number;
}

export function createSubscriptionsApi(
  call: Caller,
  options: SubscriptionsApiOptions,
): SubscriptionsApi {
  const base = (customerId: CustomerId): string => `/v1/customers/${seg(customerId)}/subscriptions`;
  const remembered = (
    customerId: CustomerId,
    item: unknown,
    etagHeader?: string,
  ): LiveSubscription => {
    const dto = readSubscriptionDto(item);
    const subscription = mapSubscription(dto, customerId);
    options.recent.remember(
      `${base(customerId)}/${seg(subscription.id)}`,
      dto,
      dto.attributes?.etag ?? etagHeader,
    );
    return subscription;
  };
  const listAt = async (
    customerId: CustomerId,
    path: string,
    signal?: AbortSignal,
  ): Promise<LiveSubscription[]> =>
    decodeEach(await readAllPages(call, path, 'subscriptions', signal), (item) =>
      remembered(customerId, item),
    );
  return {
    list: (customerId, read) => listAt(customerId, base(customerId), read?.signal),
    retainRecentReads: (customerIds, keep) => options.recent.retain(customerIds, keep),
    async readList(customerId, read) {
      const items = await readAllPages(call, base(customerId), 'subscriptions', read?.signal);
      const out: SubscriptionListRead = { subscriptions: [], unreadable: [] };
      for (const item of items) {
        try {
          out.subscriptions.push(remembered(customerId, item));
        } catch (error) {
          if (!(error instanceof PartnerCenterError)) throw error;
          const id = (item as { id?: unknown } | null)?.id;
          out.unreadable.push({
            kind: 'subscription',
            ...(typeof id === 'string' ? { id } : {}),
            problem: error.message.replace(/^Partner Center response has no valid /, 'no valid '),
          });
        }
      }
      return out;
    },
    async get(customerId, subscriptionId, read) {
      const result = await call({
        method: 'GET',
        path: `${base(customerId)}/${seg(subscriptionId)}`,
        ...signalOf(read),
      });
      return decodeBody(result, (body) => remembered(customerId, body, result.headers['etag']));
    },
    listByOrder: (customerId, orderId, read) =>
      listAt(customerId, `${base(customerId)}${query({ order_id: orderId })}`, read?.signal),
    update: (customerId, subscriptionId, change, mutation) =>
      updateSubscription(
        call,
        options,
        `${base(customerId)}/${seg(subscriptionId)}`,
        customerId,
        change,
        mutation,
      ),
  };
}
