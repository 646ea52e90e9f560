import type { AttributesDto, WireEnum } from './common-dto.js';
import type { OrderDto } from './order-dto.js';

/** Cart line-item error: `errorCode` is an integer on the wire (docs/partner-center-api.md §1.2, §3.1). */
export interface CartErrorDto {
  readonly errorCode?: number | string;
  readonly errorDescription?: string;
}

export interface CartLineItemDto {
  readonly id?: number;
  readonly catalogItemId?: string;
  readonly friendlyName?: string;
  readonly quantity?: number;
  readonly billingCycle?: WireEnum;
  readonly termDuration?: string;
  readonly provisioningContext?: Readonly<Record<string, string>>;
  readonly orderGroup?: string | number;
  readonly currencyCode?: string;
  /** CartLineItem.PromotionId ([SDK:Source/PartnerSdk.Models/Carts/CartLineItem.cs]). */
  readonly promotionId?: string | null;
  /** "The end date of the first billing term of the new subscription" (cart-resources, 2023). */
  readonly customTermEndDate?: string | null;
  readonly error?: CartErrorDto | null;
}

/** Cart, wire names (docs/partner-center-api.md §3.1). */
export interface CartDto {
  readonly id?: string;
  readonly status?: string;
  readonly creationTimestamp?: string;
  readonly lastModifiedTimestamp?: string;
  readonly expirationTimestamp?: string;
  readonly lineItems?: readonly CartLineItemDto[];
  readonly attributes?: AttributesDto;
}

/** CartCheckoutResult (docs/partner-center-api.md §3.3). */
export interface CartCheckoutResultDto {
  readonly orders?: readonly OrderDto[];
  readonly orderErrors?: readonly {
    readonly orderGroupId?: string | number;
    readonly code?: string | number;
    readonly description?: string;
  }[];
}
