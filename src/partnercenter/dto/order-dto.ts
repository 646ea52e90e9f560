import type { AttributesDto, WireEnum } from './common-dto.js';

/** OrderLineItem, wire names (docs/partner-center-api.md §4.1). */
export interface OrderLineItemDto {
  readonly lineItemNumber?: number;
  readonly offerId?: string;
  readonly subscriptionId?: string;
  readonly parentSubscriptionId?: string;
  readonly termDuration?: string;
  readonly transactionType?: string;
  readonly friendlyName?: string;
  readonly quantity?: number;
}

/** Order, wire names (docs/partner-center-api.md §4.1). */
export interface OrderDto {
  readonly id?: string;
  readonly alternateId?: string;
  readonly referenceCustomerId?: string;
  readonly billingCycle?: WireEnum;
  readonly status?: WireEnum;
  readonly creationDate?: string;
  readonly transactionType?: string;
  readonly lineItems?: readonly OrderLineItemDto[];
  readonly attributes?: AttributesDto;
}
