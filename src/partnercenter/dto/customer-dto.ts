import type { LinkDto } from './common-dto.js';

/** Customer, wire names (https://learn.microsoft.com/en-us/partner-center/developer/customer-resources). */
export interface CustomerDto {
  readonly id?: string;
  readonly companyProfile?: {
    readonly tenantId?: string;
    readonly domain?: string;
    readonly companyName?: string;
  };
  readonly billingProfile?: { readonly defaultAddress?: { readonly country?: string } };
  readonly links?: Readonly<Record<string, LinkDto>>;
}

/** Entitlement, wire names (docs/partner-center-api.md §6.3). */
export interface EntitlementDto {
  readonly referenceOrder?: { readonly id?: string; readonly lineItemId?: string | number };
  readonly productId?: string;
  readonly skuId?: string;
  readonly quantity?: number;
  readonly entitlementType?: string;
  readonly fulfillmentState?: string;
  readonly expiryDate?: string;
  /** Bundled items of a software entitlement (documented in get-a-collection-of-entitlements). */
  readonly includedEntitlements?: readonly unknown[];
}

/** Registration status (docs/partner-center-api.md §6.1). */
export interface RegistrationStatusDto {
  readonly subscriptionId?: string;
  readonly status?: string;
}

/** Activation link of an order line item (docs/partner-center-api.md §6.2). */
export interface ActivationLinkDto {
  readonly lineItemNumber?: number;
  readonly link?: LinkDto;
}
