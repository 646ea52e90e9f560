import type { AttributesDto, WireEnum } from './common-dto.js';

/**
 * Transition and custom-term-end-date wire shapes (docs/partner-center-api.md §5.5,
 * "Co-terming"; examples in test/wire/corpus/subscriptions). Names after key normalisation
 * (`FromCatalogItemId` → `fromCatalogItemId`, `Events` → `events`); every field optional because
 * the mappers check them.
 */

export interface TransitionErrorDto {
  /** A number in every documented example (`"code": 3`). */
  readonly code?: number | string;
  readonly description?: string;
}

export interface TransitionEligibilityDetailDto {
  readonly isEligible?: boolean;
  readonly transitionType?: string;
  readonly errors?: readonly TransitionErrorDto[];
}

export interface TargetSubscriptionEligibilityDto {
  readonly isEligible?: boolean;
  readonly subscriptionId?: string;
  readonly subscriptionFriendlyName?: string;
  readonly subscriptionTermDuration?: string;
  readonly subscriptionBillingCycle?: WireEnum;
  readonly errors?: readonly TransitionErrorDto[];
}

/** TransitionEligibility ([SDK:…/Subscriptions/TransitionEligibility.cs], 2023 text). */
export interface TransitionEligibilityDto {
  readonly operationId?: string;
  readonly catalogItemId?: string;
  readonly title?: string;
  readonly description?: string;
  readonly quantity?: number;
  readonly eligibilities?: readonly TransitionEligibilityDetailDto[];
  readonly subscriptionEligibilities?: readonly TargetSubscriptionEligibilityDto[];
  readonly attributes?: AttributesDto;
}

export interface TransitionEventDto {
  readonly name?: string;
  /** `"Started "` (trailing space) in the examples. */
  readonly status?: string;
  readonly timestamp?: string;
  readonly errors?: readonly TransitionErrorDto[];
}

/** Transition ([SDK:…/Subscriptions/Transition.cs]); the POST body and answer, the list items. */
export interface TransitionDto {
  readonly operationId?: string;
  readonly fromCatalogItemId?: string;
  readonly fromSubscriptionId?: string;
  readonly toCatalogItemId?: string;
  readonly toSubscriptionId?: string;
  readonly quantity?: number;
  readonly termDuration?: string;
  readonly billingCycle?: WireEnum;
  readonly transitionType?: string;
  readonly promotionId?: string;
  readonly events?: readonly TransitionEventDto[];
  readonly attributes?: AttributesDto;
}

/** One item of `GET /v1/customers/{id}/subscriptions/customTermEndDates`. */
export interface AllowedCustomTermEndDateDto {
  readonly allowedCustomTermEndDateType?: string;
  /** `"2023-07-31T00:00:00"`: no offset (UTC). */
  readonly allowedCustomTermEndDate?: string;
  readonly cotermSubscriptionIds?: readonly string[];
}
