/**
 * partnercenter/ — the typed Partner Center REST client: auth (MSAL, env token, none),
 * transport on undici, one retry policy declared as data, a client-side rate budget, and one
 * function per operation with `model/` types in and out.
 *
 * May import: support/ and model/ only (lint enforces), plus undici, @azure/msal-node and
 * node built-ins.
 * Invariants:
 * - Wire DTOs (`dto/`) never leave this folder; `map/` turns them into model types.
 * - Whether a failure is retryable is decided only by `classifyFailure` (error-kinds.ts).
 * - A mutating call is retried only with the MS-RequestId it was first sent with.
 * - All waiting goes through the injected `Clock`.
 * Facts: docs/partner-center-api.md; usage: docs/partner-center-client.md.
 */
export {
  createPartnerCenterClient,
  type PartnerCenterClient,
  type PartnerCenterClientOptions,
} from './client.js';
export type { CallEvent } from './caller.js';
export { routeFamilyOf, type RouteFamily } from './route-family.js';
export {
  PartnerCenterError,
  NETWORK_CODE,
  TIMEOUT_CODE,
  MALFORMED_CODE,
  POLL_TIMEOUT_CODE,
} from './errors.js';
export {
  classifyFailure,
  CODE_TABLE,
  STATUS_TABLE,
  type Classification,
  type ErrorKind,
  type RetryClass,
} from './error-kinds.js';
export {
  DEFAULT_RETRY_POLICY,
  decideRetry,
  RETRY_RULES,
  type RetryDecision,
  type RetryPolicy,
} from './retry-policy.js';
export {
  createEnvTokenSource,
  createStaticTokenSource,
  NO_AUTH_TOKEN_SOURCE,
  TokenSourceError,
  type TokenSource,
} from './auth/token-source.js';
export {
  createMsalTokenSource,
  PARTNER_CENTER_SCOPE,
  type MsalCredential,
  type MsalTokenSourceOptions,
} from './auth/msal-token-source.js';
export {
  createUndiciNetworkClient,
  type UndiciNetworkClientOptions,
} from './auth/undici-network-client.js';
export type { CatalogViewBuilder, CatalogViewItem } from './catalog-view.js';
export type { Cart, CartLine, CheckoutOrderError, CheckoutResult } from './map/cart.js';
export type { CatalogProduct, InventoryItem } from './map/catalog.js';
export type { ActivationLink, PartnerCustomer } from './map/customer.js';
export type { CartInput, CartLineInput, CartsApi } from './endpoints/carts.js';
export type {
  AvailabilityQuery,
  CatalogApi,
  CatalogItemQuery,
  ResolvedCatalogItem,
} from './endpoints/catalog.js';
export type { CustomersApi } from './endpoints/customers.js';
export type { ActivationLinksApi, EntitlementsApi } from './endpoints/entitlements.js';
export type { InventoryApi, InventoryCheck } from './endpoints/inventory.js';
export type { MutationOptions, ReadOptions } from './endpoints/options.js';
export type { OrdersApi } from './endpoints/orders.js';
export { DEFAULT_PROMOTION_SEGMENT, type PromotionsApi } from './endpoints/promotions.js';
export type { RegistrationAccepted, RegistrationsApi } from './endpoints/registrations.js';
export type {
  SubscriptionChange,
  SubscriptionUpdateResult,
} from './endpoints/subscription-update.js';
export type { SubscriptionsApi } from './endpoints/subscriptions.js';
export type { TransitionsApi } from './endpoints/transitions.js';
export type { CustomTermEndDatesApi } from './endpoints/custom-term-end-dates.js';
export type { AuditRecordPage, AuditRecordsApi } from './endpoints/audit-records.js';
export {
  DEFAULT_RECON_PAGE_SIZE,
  type BillingApi,
  type PagedReadOptions,
  type UnbilledPeriod,
} from './endpoints/billing.js';
export { chargeKindOf } from './map/billing.js';
export {
  createPriceSheetClient,
  priceSheetUrl,
  type PriceSheetClient,
  type PriceSheetClientOptions,
  type PriceSheetRequest,
} from './endpoints/pricesheets.js';
export { readPriceSheet, type PriceSheetBody } from './pricesheet/read-price-sheet.js';
export { CsvFormatError, CsvRecordParser } from './pricesheet/csv-records.js';
export {
  createDelegatedTokenSource,
  PARTNER_PRICING_SCOPE,
  type DelegatedFlow,
  type DelegatedTokenSourceOptions,
} from './auth/delegated-token-source.js';
