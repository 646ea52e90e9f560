import type {
  AuditQuery,
  CustomerId,
  CustomTermEndDateQuery,
  EligibilityType,
  SubscriptionId,
} from '../model/index.js';
import { PartnerCenterError, type PartnerCenterClient } from '../partnercenter/index.js';
import {
  createLeaseClaim,
  listCustomersWithHistory,
  readShardLayout,
  recordShardLayout,
  type LeaseClaim,
  type StateStore,
} from '../state/index.js';
import { classifyGatewayFailure } from './partner-center-gateway.js';

/*
 * Adapters for the ports agent/ declares in `agent/ports.ts` (AgentStatePort,
 * PartnerCenterReadPort, ShardLayoutPort). app/ may not import agent/, so these are typed by
 * what they return; the compiler checks them against agent's ports where cli/ hands the App
 * to an agent function.
 */

/** The state store as the reconcile loop sees it: the store's repositories and a lease port. */
export function createAgentStatePort(store: StateStore) {
  return {
    snapshots: store.snapshots,
    catalog: store.catalog,
    bindings: store.bindings,
    journal: store.journal,
    plans: store.plans,
    runs: store.runs,
    renewalNotices: store.renewalNotices,
    refreshMarks: store.refreshMarks,
    lease: {
      newClaim: (command: string) => createLeaseClaim(command),
      acquire: (claim: LeaseClaim, ttlMs: number) => store.lease.acquire(claim, ttlMs),
      renew: (claim: LeaseClaim, ttlMs: number) => store.lease.renew(claim, ttlMs),
      release: (claim: LeaseClaim) => store.lease.release(claim),
    },
    listInFlightPurchases: () => store.listInFlightPurchases(),
    currentSerial: () => store.currentSerial(),
    bumpSerial: () => store.bumpSerial(),
    resetAt: () => store.resetAt(),
    transaction: <T>(fn: () => T): T => store.transaction(fn),
  };
}

/** Partner Center reads over the typed client (refresh, catalog, import, billing). */
export function createPartnerCenterReads(
  client: PartnerCenterClient,
  options: { readonly canReadEntitlements: boolean },
) {
  return {
    readSubscriptions: (customerId: CustomerId) => client.subscriptions.readList(customerId),
    listSubscriptions: (customerId: CustomerId) => client.subscriptions.list(customerId),
    listCustomers: (options?: { readonly pageSize?: number }) =>
      client.customers.list(options?.pageSize === undefined ? {} : { pageSize: options.pageSize }),
    getCustomer: (customerId: CustomerId) => client.customers.get(customerId),
    listOneTimeOrders: (customerId: CustomerId) =>
      client.orders.listByBillingType(customerId, 'one_time'),
    /** Entitlements need App+User; an app-only token is not an error, just no entitlements. */
    listEntitlements: async (customerId: CustomerId) => {
      if (!options.canReadEntitlements) return undefined;
      try {
        return await client.entitlements.list(customerId);
      } catch (error) {
        if (error instanceof PartnerCenterError && error.kind === 'app-only-not-supported')
          return undefined;
        throw error;
      }
    },
    registrationStatus: (customerId: CustomerId, azureSubscriptionId: string) =>
      client.registrations.status(customerId, azureSubscriptionId),
    readCatalog: (refs: Parameters<PartnerCenterClient['catalog']['buildView']>[0]) =>
      client.catalog.buildView(refs),
    serverClockSkewMs: () => client.serverClockSkewMs(),
    keepRecentReads: (customerIds: ReadonlySet<string>, keep: ReadonlySet<string>) =>
      client.subscriptions.retainRecentReads(customerIds, keep),
    /** The code comes from the one classifier (`classifyGatewayFailure`); the message as thrown. */
    describeReadFailure: (error: unknown) => ({
      code: classifyGatewayFailure(error).code,
      message: error instanceof Error ? error.message : String(error),
    }),
    listInvoices: () => client.billing.listInvoices(),
    billedLineItems: (invoiceId: string, paging: { pageSize?: number }) =>
      client.billing.billedLineItems(invoiceId, paging),
    unbilledLineItems: (
      currency: string,
      period: 'current' | 'previous',
      paging: { pageSize?: number },
    ) => client.billing.unbilledLineItems(currency, period, paging),
    /** Summaries need App+User, so a 401/403 just yields no currencies. */
    summaryCurrencies: async () => {
      try {
        return (await client.billing.summaries()).map((s) => s.currencyCode);
      } catch (error) {
        if (error instanceof PartnerCenterError && (error.status === 401 || error.status === 403))
          return [];
        throw error;
      }
    },
    transitionEligibilities: (
      customerId: CustomerId,
      subscriptionId: SubscriptionId,
      type: EligibilityType,
    ) => client.transitions.eligibilities(customerId, subscriptionId, type),
    customTermEndDates: (customerId: CustomerId, query: CustomTermEndDateQuery) =>
      client.customTermEndDates.list(customerId, query),
    auditRecordPages: (query: AuditQuery) => client.auditRecords.pages(query),
    promotions: {
      list: (country: string) => client.promotions.list(country),
      verifyEligibility: (
        customerId: CustomerId,
        queries: Parameters<PartnerCenterClient['promotions']['verifyEligibility']>[1],
      ) => client.promotions.verifyEligibility(customerId, queries),
    },
  };
}

/** Shard layouts recorded in state files, and what other state files hold. */
export function createShardLayoutPort() {
  return {
    read: readShardLayout,
    record: recordShardLayout,
    customersWithHistory: listCustomersWithHistory,
  };
}
