import { OperationalError } from '../../support/index.js';
import { recordSubscriptionChange } from '../billing/billing-event-record.js';
import { requireCustomer, type SandboxContext } from '../engine/context.js';
import { settleCustomer } from '../engine/settle.js';
import { applySubscriptionPatch } from '../engine/subscription-patch.js';
import type { SubscriptionRecord } from '../store/records.js';
import { PORTAL_ACTOR } from './audit-actor.js';
import { recordSubscriptionUpdated } from './record-audit.js';

/**
 * A subscription change made in the portal, outside the agent (`admin.updateSubscription`,
 * `PATCH /_sandbox/customers/{c}/subscriptions/{s}`): the same rules as the API's PATCH
 * (`applySubscriptionPatch`: windows, limits, scheduled instructions) without the etag check,
 * billed like it, and recorded in the activity log as `admin@portal`'s. Answers the record
 * after the change (unchanged when `change` changes nothing).
 * @throws PcHttpError when Partner Center would refuse the change (its code and description).
 * @throws OperationalError `sandbox-not-found` for an unknown subscription.
 */
export function updateSubscriptionInPortal(
  ctx: SandboxContext,
  customerId: string,
  subscriptionId: string,
  change: unknown,
): SubscriptionRecord {
  return ctx.store.transaction(() => {
    const customer = requireCustomer(ctx, customerId);
    settleCustomer(ctx, customer.id);
    const id = subscriptionId.toLowerCase();
    const stored = ctx.store.get('subscription', customer.id, id);
    if (stored === undefined) {
      throw new OperationalError(
        'sandbox-not-found',
        `subscription ${subscriptionId} of customer ${customer.id} does not exist`,
      );
    }
    const now = ctx.clock.now();
    const updated = applySubscriptionPatch(stored, change, now, customer.country, ctx.catalog);
    if (updated === stored) return stored;
    ctx.store.put('subscription', customer.id, id, updated);
    recordSubscriptionChange(ctx, stored, updated, now);
    recordSubscriptionUpdated(ctx, PORTAL_ACTOR, stored, updated);
    return updated;
  });
}
