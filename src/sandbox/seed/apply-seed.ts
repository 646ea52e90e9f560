import { OperationalError } from '../../support/index.js';
import type { CatalogIndex } from '../engine/catalog-index.js';
import { newEtag } from '../wire.js';
import { buildSubscription } from '../engine/subscription-factory.js';
import { DAY_MS, iso } from '../engine/dates.js';
import type { SandboxStore } from '../store/sandbox-store.js';
import type { SeedCustomer, SeedSubscription } from './seed-types.js';

/** A seed that does not fit the catalog (unknown SKU, market without availability, bad id). */
export class SandboxSeedError extends OperationalError {
  constructor(message: string) {
    super('sandbox-seed-invalid', message);
    this.name = 'SandboxSeedError';
  }
}

/**
 * Stores one customer with its subscriptions and registrations. Cheap: a handful of indexed
 * inserts; wrap many calls in `store.transaction` when seeding thousands.
 */
export function seedCustomer(
  store: SandboxStore,
  catalog: CatalogIndex,
  customer: SeedCustomer,
  now: Date,
): void {
  const id = customer.id.toLowerCase();
  if (!/^[0-9a-f-]{36}$/.test(id))
    throw new SandboxSeedError(`customer id ${customer.id} is not a GUID`);
  store.put('customer', id, id, {
    id,
    name: customer.name,
    country: customer.country.toUpperCase(),
    domain:
      customer.domain ?? `${customer.name.toLowerCase().replace(/[^a-z0-9]/g, '')}.onmicrosoft.com`,
  });
  for (const subscription of customer.subscriptions ?? []) {
    seedSubscription(store, catalog, id, customer.country, subscription, now);
  }
  for (const azureId of customer.registeredAzureSubscriptions ?? []) {
    const subId = azureId.toLowerCase();
    store.put('registration', id, subId, {
      customerId: id,
      subscriptionId: subId,
      requestedAt: iso(now),
      registeredAt: iso(now),
    });
  }
}

function seedSubscription(
  store: SandboxStore,
  catalog: CatalogIndex,
  customerId: string,
  country: string,
  input: SeedSubscription,
  now: Date,
): void {
  const entry = catalog.availability(input.productId, input.skuId, country);
  if (entry === undefined) {
    throw new SandboxSeedError(
      `${input.productId}:${input.skuId} has no availability in ${country} (subscription ${input.id})`,
    );
  }
  const purchasedAt = new Date(now.getTime() - (input.purchasedDaysAgo ?? 0) * DAY_MS);
  const term = input.termDuration ?? entry.terms[0]?.duration;
  const record = buildSubscription({
    id: input.id.toLowerCase(),
    customerId,
    entry,
    quantity: input.quantity,
    termDuration: term,
    billingCycle: input.billingCycle ?? entry.terms[0]?.billingCycle ?? 'monthly',
    autoRenewEnabled: input.autoRenewEnabled,
    friendlyName: input.friendlyName,
    purchasedAt,
    visibleAt: purchasedAt,
  });
  store.put('subscription', customerId, record.id, { ...record, etag: newEtag() });
}
