import type {
  CustomerId,
  EligibilityType,
  SubscriptionId,
  Transition,
  TransitionEligibility,
  TransitionRequest,
} from '../../model/index.js';
import type { Caller } from '../caller.js';
import { collectionItems } from '../map/wire-read.js';
import {
  mapTransition,
  mapTransitionEligibility,
  transitionListItems,
  transitionRequestToWire,
} from '../map/transition.js';
import { decodeBody, query, seg } from './decode.js';
import { callOptions, signalOf, type MutationOptions, type ReadOptions } from './options.js';

/**
 * Upgrades of new-commerce subscriptions (docs/partner-center-api.md §5.5,
 * https://learn.microsoft.com/en-us/partner-center/developer/transition-a-new-commerce-subscription,
 * https://learn.microsoft.com/en-us/partner-center/developer/get-transitions).
 */
export interface TransitionsApi {
  /**
   * The targets `subscriptionId` may move to (`GET …/transitionEligibilities?eligibilityType=`),
   * each with its transition types and whether they are allowed. `scheduled` lists the targets a
   * `scheduledNextTermInstructions` change may name at renewal.
   */
  eligibilities(
    customerId: CustomerId,
    subscriptionId: SubscriptionId,
    eligibilityType: EligibilityType,
    options?: ReadOptions,
  ): Promise<TransitionEligibility[]>;
  /**
   * Starts a transition (`POST …/transitions`): all seats (full) or some (partial, into a new
   * subscription or `toSubscriptionId`). Answers the transition with its first events; read
   * {@link TransitionsApi.list} or the subscriptions for the outcome. Reuses `requestId` on
   * every retry (it moves seats: never sent twice with different ids).
   */
  create(
    customerId: CustomerId,
    subscriptionId: SubscriptionId,
    request: TransitionRequest,
    options?: MutationOptions,
  ): Promise<Transition>;
  /** The transitions of a subscription and their events (`GET …/transitions[?operationId=]`). */
  list(
    customerId: CustomerId,
    subscriptionId: SubscriptionId,
    options?: ReadOptions & { readonly operationId?: string },
  ): Promise<Transition[]>;
}

export function createTransitionsApi(call: Caller): TransitionsApi {
  const base = (c: CustomerId, s: SubscriptionId): string =>
    `/v1/customers/${seg(c)}/subscriptions/${seg(s)}`;
  return {
    async eligibilities(customerId, subscriptionId, eligibilityType, options) {
      const result = await call({
        method: 'GET',
        path: `${base(customerId, subscriptionId)}/transitionEligibilities${query({ eligibilityType })}`,
        ...signalOf(options),
      });
      return decodeBody(result, (body) =>
        collectionItems(body ?? { items: [] }, 'transitionEligibilities').map(
          mapTransitionEligibility,
        ),
      );
    },
    async create(customerId, subscriptionId, request, options) {
      const result = await call({
        method: 'POST',
        path: `${base(customerId, subscriptionId)}/transitions`,
        body: transitionRequestToWire(request),
        ...callOptions(options),
      });
      return decodeBody(result, mapTransition);
    },
    async list(customerId, subscriptionId, options) {
      const result = await call({
        method: 'GET',
        path: `${base(customerId, subscriptionId)}/transitions${query({ operationId: options?.operationId })}`,
        ...signalOf(options),
      });
      return decodeBody(result, (body) => transitionListItems(body).map(mapTransition));
    },
  };
}
