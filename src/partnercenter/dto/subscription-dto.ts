import type { AttributesDto, LinkDto, WireEnum } from './common-dto.js';

/** ProductTerm inside `scheduledNextTermInstructions` (docs/partner-center-api.md §5.1, §5.4). */
export interface ProductTermDto {
  readonly productId?: string;
  readonly skuId?: string;
  readonly availabilityId?: string;
  readonly billingCycle?: WireEnum;
  readonly termDuration?: string;
  readonly promotionId?: string;
}

export interface ScheduledNextTermDto {
  readonly product?: ProductTermDto;
  readonly quantity?: number;
  readonly customTermEndDate?: string;
}

/** Subscription resource, wire names (docs/partner-center-api.md §5.1). */
export interface SubscriptionDto {
  readonly id?: string;
  readonly offerId?: string;
  readonly offerName?: string;
  readonly friendlyName?: string;
  readonly productId?: string;
  readonly skuId?: string;
  readonly quantity?: number;
  readonly status?: WireEnum;
  readonly autoRenewEnabled?: boolean;
  readonly billingCycle?: WireEnum;
  readonly termDuration?: string;
  readonly creationDate?: string;
  readonly commitmentEndDate?: string;
  readonly cancellationAllowedUntilDate?: string | null;
  readonly refundableQuantity?: {
    readonly totalQuantity?: number;
    readonly details?: readonly {
      readonly quantity?: number;
      readonly allowedUntilDateTime?: string;
    }[];
  } | null;
  /** Documented NCE examples: `[{"type": "Full", "expiresAt": "…"}]`. */
  readonly refundOptions?: readonly unknown[] | null;
  readonly scheduledNextTermInstructions?: ScheduledNextTermDto | null;
  readonly orderId?: string;
  readonly isTrial?: boolean;
  readonly links?: Readonly<Record<string, LinkDto>>;
  readonly attributes?: AttributesDto;
  /** Everything else is kept and sent back untouched on PATCH. */
  readonly [field: string]: unknown;
}
