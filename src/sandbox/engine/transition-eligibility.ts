import type { SeedProduct, SeedSku } from '../seed/seed-types.js';
import type { CustomerRecord, SubscriptionRecord } from '../store/records.js';
import { availabilityIdFor, type AvailabilityEntry } from './catalog-index.js';
import type { SandboxContext } from './context.js';
import { termMonths, upgradeTargetsOf } from './upgrade-paths.js';

/** A reason a transition or target subscription is refused: the SDK's numeric code and words. */
export interface TransitionErrorAnswer {
  readonly code: number;
  readonly description: string;
}

export interface EligibilityDetailAnswer {
  readonly transitionType: string;
  readonly isEligible: boolean;
  readonly errors: readonly TransitionErrorAnswer[];
}

export interface TargetSubscriptionAnswer {
  readonly subscription: SubscriptionRecord;
  readonly isEligible: boolean;
  readonly errors: readonly TransitionErrorAnswer[];
}

/** One upgrade target of a subscription and the verdicts `transitionEligibilities` renders. */
export interface TransitionTarget {
  readonly product: SeedProduct | undefined;
  readonly sku: SeedSku;
  /** The target's availability in the customer's market; `undefined` when not sold there. */
  readonly entry: AvailabilityEntry | undefined;
  readonly catalogItemId: string;
  readonly quantity: number;
  readonly details: readonly EligibilityDetailAnswer[];
  /** Existing subscriptions of the target (immediate only; `[]` for scheduled). */
  readonly targets: readonly TargetSubscriptionAnswer[];
}

/** Both documented transition types; the sandbox has no users, so both get the same verdict. */
export const TRANSITION_TYPES = ['transition_only', 'transition_with_license_transfer'] as const;

/**
 * TransitionErrorCode numbers of the .NET SDK
 * (Source/PartnerSdk.Models/Subscriptions/TransitionErrorCode.cs) with the documented wording
 * where the page has one (transition-a-new-commerce-subscription, "Eligibility errors").
 */
const ERR = {
  notActive: {
    code: 2,
    description: "Subscription can't be transitioned - source subscription isn't active.",
  },
  addOns: {
    code: 6,
    description: "Subscription can't be transitioned - the source subscription has add-ons.",
  },
  notSold: {
    code: 8,
    description:
      "Subscription can't be transitioned - the target offer isn't sold in the customer's market.",
  },
  billing: {
    code: 10,
    description:
      "The target offer doesn't support the source subscription's term and billing cycle.",
  },
} as const;

/** Target-subscription codes 1–4 of the 2023 page ("Subscription eligibility errors"). */
const TARGET_ERR = {
  notActive: { code: 1, description: 'Subscription is not active.' },
  inWindow: { code: 2, description: 'Subscription is within cancellation window.' },
  shorter: {
    code: 3,
    description:
      "The subscription's term duration is shorter than the source subscription's term duration.",
  },
  endsBefore: {
    code: 4,
    description: "Subscription term end date is before the source subscription's term end date.",
  },
} as const;

/**
 * The upgrade targets of `source` and whether each may be taken now (`immediate`) or at renewal
 * (`scheduled`) — docs/sandbox.md "Transitions". Refused, with the SDK's codes: a source that is
 * not `active` (2); a target not sold in the customer's market (8); immediate only: a source with
 * active add-ons (6), a target that does not sell the source's term and billing (10). Existing
 * active subscriptions of the target are listed for immediate transitions with the 2023 page's
 * codes: in their cancellation window (2), a shorter term (3), ending before the source (4).
 */
export function transitionTargets(
  ctx: SandboxContext,
  customer: CustomerRecord,
  source: SubscriptionRecord,
  type: 'immediate' | 'scheduled',
  now: Date,
): TransitionTarget[] {
  const siblings = ctx.store.list('subscription', customer.id);
  const hasAddOns = siblings.some(
    (s) => s.parentSubscriptionId === source.id && s.status === 'active',
  );
  return upgradeTargetsOf(ctx.catalog, source.productId, source.skuId).map((sku) => {
    const entry = ctx.catalog.availability(sku.productId, sku.id, customer.country);
    const errors: TransitionErrorAnswer[] = [];
    if (source.status !== 'active') errors.push(ERR.notActive);
    if (entry === undefined) errors.push(ERR.notSold);
    if (type === 'immediate') {
      if (hasAddOns) errors.push(ERR.addOns);
      if (!ctx.catalog.supportsTerm(sku, source.termDuration, source.billingCycle))
        errors.push(ERR.billing);
    }
    const catalogItemId =
      entry?.catalogItemId ??
      `${sku.productId}:${sku.id}:${availabilityIdFor(sku.productId, sku.id, customer.country)}`;
    return {
      product: ctx.catalog.product(sku.productId),
      sku,
      entry,
      catalogItemId,
      quantity: source.quantity,
      details: TRANSITION_TYPES.map((transitionType) => ({
        transitionType,
        isEligible: errors.length === 0,
        errors,
      })),
      targets: type === 'immediate' ? targetSubscriptions(siblings, source, sku, now) : [],
    };
  });
}

function targetSubscriptions(
  siblings: readonly SubscriptionRecord[],
  source: SubscriptionRecord,
  sku: SeedSku,
  now: Date,
): TargetSubscriptionAnswer[] {
  const same = (a: string, b: string): boolean => a.toUpperCase() === b.toUpperCase();
  return siblings
    .filter((s) => same(s.productId, sku.productId) && same(s.skuId, sku.id))
    .filter((s) => s.status !== 'deleted' && s.status !== 'expired')
    .map((subscription) => {
      const errors: TransitionErrorAnswer[] = [];
      if (subscription.status !== 'active') errors.push(TARGET_ERR.notActive);
      const until = subscription.cancellationAllowedUntilDate;
      if (until !== null && new Date(until) > now) errors.push(TARGET_ERR.inWindow);
      if (termMonths(subscription.termDuration) < termMonths(source.termDuration))
        errors.push(TARGET_ERR.shorter);
      if ((subscription.commitmentEndDate ?? '') < (source.commitmentEndDate ?? ''))
        errors.push(TARGET_ERR.endsBefore);
      return { subscription, isEligible: errors.length === 0, errors };
    });
}
