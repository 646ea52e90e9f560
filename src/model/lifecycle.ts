import type { SubscriptionId } from './ids.js';

/**
 * The new-commerce lifecycle as the agent sees it (docs/partner-center-api.md §5.5 and
 * "Co-terming"): which upgrades Partner Center allows for a subscription now or at renewal
 * (transition eligibilities), the transitions made and their events, and the end dates a new
 * purchase may be co-termed to (custom term end dates). Enum values are normalised as the rest
 * of the model has them: billing cycles lower snake_case, terms upper-case.
 */

/** When a transition runs: `immediate` (mid-term) or `scheduled` (at renewal). */
export type EligibilityType = 'immediate' | 'scheduled';

/** `transition_only`, or `transition_with_license_transfer` (moves user licences too). */
export type TransitionType = 'transition_only' | 'transition_with_license_transfer' | (string & {});

/**
 * Why a transition is refused. `code` is the .NET SDK's `TransitionErrorCode` number for a
 * transition (`2` SubscriptionStatusNotActive, `3` ConflictingServiceTypes, `6`
 * SubscriptionAddOnsPresent, `8` SubscriptionTargetOfferNotFound, `10`
 * OfferDoesNotSupportBillingCycle, …) or the target-subscription code (`1`–`4`) in
 * `subscriptionEligibilities`; kept as sent when it is not a number.
 */
export interface TransitionError {
  readonly code: number | string;
  readonly description: string;
}

/** One transition type of a target and whether it is allowed. */
export interface TransitionEligibilityDetail {
  readonly transitionType: TransitionType;
  readonly isEligible: boolean;
  readonly errors: readonly TransitionError[];
}

/** An existing subscription the seats may be moved into (immediate transitions only). */
export interface TargetSubscriptionEligibility {
  readonly subscriptionId: SubscriptionId;
  readonly isEligible: boolean;
  readonly friendlyName?: string;
  readonly termDuration?: string;
  readonly billingCycle?: string;
  readonly errors: readonly TransitionError[];
}

/** One upgrade target of a subscription (`GET …/transitionEligibilities` item). */
export interface TransitionEligibility {
  /** `productId:skuId:availabilityId` of the target. */
  readonly catalogItemId: string;
  readonly productId: string;
  readonly skuId: string;
  readonly title: string;
  readonly description?: string;
  /** The source subscription's seats (what a full transition moves). */
  readonly quantity: number;
  readonly eligibilities: readonly TransitionEligibilityDetail[];
  /** Existing subscriptions of the target (2023 text); absent when not sent. */
  readonly subscriptionEligibilities?: readonly TargetSubscriptionEligibility[];
  readonly operationId?: string;
}

/** The body of `POST …/subscriptions/{id}/transitions`. */
export interface TransitionRequest {
  /** `productId:skuId:availabilityId` to move to (required). */
  readonly toCatalogItemId: string;
  /** Seats to move: all of them (full) or fewer (partial: a new subscription gets them). */
  readonly quantity: number;
  readonly transitionType: TransitionType;
  readonly fromCatalogItemId?: string;
  readonly fromSubscriptionId?: SubscriptionId;
  /** An existing subscription of the target to move the seats into. */
  readonly toSubscriptionId?: SubscriptionId;
  readonly termDuration?: string;
  /** Lower snake_case (`monthly`); sent PascalCase as documented. */
  readonly billingCycle?: string;
  readonly promotionId?: string;
}

/** A step of a transition (`Conversion`, `SeatReassignment`). */
export interface TransitionEvent {
  readonly name: string;
  /** As sent, trimmed (`Started`, `InProgress`, `Completed`, `Failed`). */
  readonly status: string;
  readonly timestamp?: string;
  readonly errors: readonly TransitionError[];
}

/** A transition as `POST …/transitions` answers it or `GET …/transitions` lists it. */
export interface Transition {
  readonly operationId?: string;
  readonly fromCatalogItemId?: string;
  readonly fromSubscriptionId?: SubscriptionId;
  readonly toCatalogItemId: string;
  /** Set for partial transitions (the subscription that got the seats) and into-existing ones. */
  readonly toSubscriptionId?: SubscriptionId;
  readonly quantity: number;
  readonly termDuration?: string;
  readonly billingCycle?: string;
  readonly transitionType: TransitionType;
  readonly events: readonly TransitionEvent[];
}

/** `calendarMonthAligned` or `subscriptionAligned` (kept as sent when unknown). */
export type CustomTermEndDateKind = 'calendarMonthAligned' | 'subscriptionAligned' | (string & {});

/** One end date a new purchase may set as its cart line's `customTermEndDate`. */
export interface AllowedCustomTermEndDate {
  readonly kind: CustomTermEndDateKind;
  /** ISO instant, UTC midnight of the (inclusive) last day of the first term. */
  readonly endDate: string;
  /** The subscriptions ending that day (`subscriptionAligned` only; `[]` otherwise). */
  readonly cotermSubscriptionIds: readonly SubscriptionId[];
}

/** What `GET …/subscriptions/customTermEndDates` is asked. */
export interface CustomTermEndDateQuery {
  /** `P1M`, `P1Y` or `P3Y`. */
  readonly termDuration: string;
  /** The intended purchase day (`YYYY-MM-DD` or an ISO instant); not in the past. @default today */
  readonly termStartDate?: string;
  /** Only the dates that co-term with this subscription. */
  readonly targetCotermSubscriptionId?: SubscriptionId;
}

/** Where a transition stands, from its newest event. */
export type TransitionOutcome = 'completed' | 'failed' | 'in-progress';

/** `failed` when an event failed, `completed` when the newest event completed, else `in-progress`. */
export function transitionOutcome(transition: Transition): TransitionOutcome {
  const statuses = transition.events.map((e) => e.status.toLowerCase());
  if (statuses.includes('failed')) return 'failed';
  return statuses.at(-1) === 'completed' ? 'completed' : 'in-progress';
}

/** The answer of {@link transitionVerdict}. */
export type TransitionVerdict =
  | {
      readonly eligible: true;
      readonly target: TransitionEligibility;
      readonly transitionType: TransitionType;
    }
  | { readonly eligible: false; readonly reason: string };

/**
 * Whether `eligibilities` allow moving to `productId:skuId` (the first eligible transition type,
 * `preferred` first). When not, `reason` says why in words a plan can show: the target is not
 * listed, or each listed type's errors.
 */
export function transitionVerdict(
  eligibilities: readonly TransitionEligibility[],
  target: { readonly productId: string; readonly skuId: string },
  preferred: TransitionType = 'transition_only',
): TransitionVerdict {
  const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();
  const item = eligibilities.find(
    (e) => same(e.productId, target.productId) && same(e.skuId, target.skuId),
  );
  const name = `${target.productId}:${target.skuId}`;
  if (item === undefined) {
    const listed = eligibilities.map((e) => `${e.productId}:${e.skuId}`).join(', ');
    return {
      eligible: false,
      reason: `Partner Center lists no transition to ${name} (${listed === '' ? 'no targets at all' : `targets: ${listed}`})`,
    };
  }
  const ordered = [...item.eligibilities].sort(
    (a, b) => Number(b.transitionType === preferred) - Number(a.transitionType === preferred),
  );
  const ok = ordered.find((d) => d.isEligible);
  if (ok !== undefined) return { eligible: true, target: item, transitionType: ok.transitionType };
  const why = item.eligibilities
    .map(
      (d) =>
        `${d.transitionType}: ${d.errors.map((e) => `${e.description} (code ${e.code})`).join('; ') || 'not eligible'}`,
    )
    .join(' / ');
  return {
    eligible: false,
    reason: `the transition to ${name} is not eligible — ${why || 'no transition type offered'}`,
  };
}
