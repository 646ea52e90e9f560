import {
  parseCustomerId,
  parseOrderId,
  type CustomerId,
  type LiveEntitlement,
  type LiveRegistration,
} from '../../model/index.js';
import type {
  ActivationLinkDto,
  CustomerDto,
  EntitlementDto,
  RegistrationStatusDto,
} from '../dto/customer-dto.js';
import { lowerFirst } from './enum-text.js';
import {
  asRecord,
  compact,
  malformed,
  optInstant,
  optNumber,
  optString,
  reqString,
} from './wire-read.js';

/** A customer of the partner, as listed by `GET /v1/customers`. */
export interface PartnerCustomer {
  readonly id: CustomerId;
  readonly companyName?: string;
  readonly domain?: string;
  /** ISO 3166-1 alpha-2 from the billing profile, upper-cased. */
  readonly country?: string;
}

/** A SaaS activation link (docs/partner-center-api.md §6.2). */
export interface ActivationLink {
  readonly lineItemNumber: number;
  readonly uri: string;
}

export function mapCustomer(body: unknown): PartnerCustomer {
  const dto = asRecord(body, 'customer') as CustomerDto;
  const id = parseCustomerId(reqString(dto.id ?? dto.companyProfile?.tenantId, 'customer.id'));
  if (id === undefined) throw malformed('customer.id (GUID)');
  return {
    id,
    ...compact({
      companyName: optString(dto.companyProfile?.companyName),
      domain: optString(dto.companyProfile?.domain),
      country: optString(dto.billingProfile?.defaultAddress?.country)?.toUpperCase(),
    }),
  };
}

/**
 * Maps an Entitlement (docs/partner-center-api.md, "Entitlements"). Bundled items arrive nested
 * in `includedEntitlements` (documented software example); they are mapped the same way.
 */
export function mapEntitlement(body: unknown): LiveEntitlement {
  const dto = asRecord(body, 'entitlement') as EntitlementDto;
  const orderId = optString(dto.referenceOrder?.id);
  const productId = reqString(dto.productId, 'entitlement.productId');
  const included = Array.isArray(dto.includedEntitlements) ? dto.includedEntitlements : [];
  return {
    productId,
    skuId: optString(dto.skuId) ?? '',
    quantity: optNumber(dto.quantity) ?? 0,
    entitlementType: (optString(dto.entitlementType) ?? 'unknown').toLowerCase(),
    ...compact({
      orderId: orderId === undefined ? undefined : parseOrderId(orderId),
      fulfillmentState: optString(dto.fulfillmentState),
      expiryDate: optInstant(dto.expiryDate, `entitlement ${productId} field expiryDate`),
      includedEntitlements: included.length === 0 ? undefined : included.map(mapEntitlement),
    }),
  };
}

/**
 * Maps a registration status; `Registered` → `registered`, `NotRegistered` → `notRegistered`.
 * Keyed on the Azure subscription the caller asked about: the body's `subscriptionId` is only an
 * echo, and the documented one is a placeholder (`"<subscription-id>"`,
 * subscriptions/get-subscription-registration-status.response.json).
 */
export function mapRegistration(body: unknown, azureSubscriptionId: string): LiveRegistration {
  const dto = asRecord(body, 'registration status') as RegistrationStatusDto;
  return {
    azureSubscriptionId,
    status: lowerFirst(reqString(dto.status, 'registrationStatus.status')),
  };
}

export function mapActivationLink(body: unknown, fallbackLine: number): ActivationLink {
  const dto = asRecord(body, 'activation link') as ActivationLinkDto;
  return {
    lineItemNumber: optNumber(dto.lineItemNumber) ?? fallbackLine,
    uri: reqString(dto.link?.uri, 'activationLink.link.uri'),
  };
}
