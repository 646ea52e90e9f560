import type { LiveOrder } from '../../src/model/index.js';
import type { PlanInput } from '../../src/planner/index.js';
import {
  aBinding,
  aCustomer,
  aLiveSubscription,
  anObservedCustomer,
  aPlanInput,
  aReservation,
  aSubscriptionItem,
} from './builders.js';
import type { ProjectedPlan } from './project-plan.js';

/** Small worlds the planner tables start from (one item, its live counterpart, its binding). */

/** A projected plan with nothing in it. */
export const none: ProjectedPlan = { actions: [], blocked: [], unmanaged: [] };

/** The default item bound to the default live subscription. */
export const bound = [aBinding()];

/** One subscription item and (unless `null`) its live subscription, bound to it. */
export const withSub = (
  item: Parameters<typeof aSubscriptionItem>[0],
  live: Parameters<typeof aLiveSubscription>[0] | null,
  extra: Partial<PlanInput> = {},
): PlanInput =>
  aPlanInput({
    customer: aCustomer({ subscriptions: [aSubscriptionItem(item)] }),
    live: anObservedCustomer({ subscriptions: live === null ? [] : [aLiveSubscription(live)] }),
    bindings: live === null ? [] : bound,
    ...extra,
  });

/** The default reservation item. */
export const reservation = aReservation();

/** A customer wanting `reservation`, with the registrations and orders Partner Center shows. */
export const withPurchase = (
  extra: Partial<PlanInput> & {
    registrations?: { azureSubscriptionId: string; status: string }[];
    orders?: LiveOrder[];
  } = {},
): PlanInput => {
  const { registrations, orders, ...rest } = extra;
  return aPlanInput({
    customer: aCustomer({ purchases: [reservation] }),
    live: anObservedCustomer({
      ...(registrations === undefined ? {} : { registrations }),
      ...(orders === undefined ? {} : { orders }),
    }),
    ...rest,
  });
};
