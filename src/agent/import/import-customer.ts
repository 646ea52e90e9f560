import { isCountryCode, type CustomerId, type DesiredCustomer } from '../../model/index.js';
import type { PartnerCustomer } from '../../partnercenter/index.js';
import type { DraftItem, DraftNote } from '../../spec/index.js';
import { OperationalError } from '../../support/index.js';
import type { AgentPorts, ReadFailure } from '../ports.js';
import { draftSubscriptions } from './draft-subscriptions.js';
import { matchSpecItems, type AmbiguousItem, type BoundItem } from './match-spec-items.js';
import { readSkus } from './read-skus.js';

/** The customer as a spec states it: id, name and billing country. */
export interface ImportedCustomer {
  readonly id: CustomerId;
  readonly name: string;
  readonly country: string;
}

/** What importing one customer found (nothing is written yet). */
export interface CustomerImport {
  readonly customer: ImportedCustomer;
  /** The spec that declares the customer, if one does. */
  readonly spec?: DesiredCustomer;
  /** Spec items that match exactly one unbound live subscription: to bind. */
  readonly bind: readonly BoundItem[];
  readonly ambiguous: readonly AmbiguousItem[];
  /** Live subscriptions no item covers, as items to add, and what the format cannot state. */
  readonly items: readonly DraftItem[];
  readonly notes: readonly DraftNote[];
  /** Why the catalog could not be read (keys and trials then go by the subscriptions). */
  readonly catalogProblem?: ReadFailure;
}

/**
 * `qm import ID`: reads the customer's subscriptions (and, without a spec, the customer itself
 * for its name and billing country), and sorts them out against its spec and the bindings
 * (`matchSpecItems`): items to bind, ambiguous items, and spec items for the rest
 * (`draftSubscriptions`). Reads only; the caller writes the spec and binds
 * (`bindImportedItems`), under the lease.
 * @throws OperationalError `unknown-customer` when Partner Center does not return the customer,
 *   `no-billing-country` when it states no billing country
 */
export async function readCustomerImport(
  app: Pick<AgentPorts, 'state' | 'reads'>,
  customers: readonly DesiredCustomer[],
  customerId: CustomerId,
): Promise<CustomerImport> {
  const spec = customers.find((c) => c.id === customerId);
  const customer = spec ?? (await readPartnerCustomer(app, customerId));
  const live = await app.reads.listSubscriptions(customerId);
  const bindings = app.state.bindings.list().filter((b) => b.customerId === customerId);
  const coverage = matchSpecItems(spec, live, bindings);
  const { skus, problem } = await readSkus(app, [
    { country: customer.country, live: coverage.missing },
  ]);
  const draft = draftSubscriptions({
    live: coverage.missing,
    skus,
    taken: coverage.taken,
    boundKey: coverage.boundKey,
  });
  return {
    customer: { id: customerId, name: customer.name, country: customer.country },
    ...(spec === undefined ? {} : { spec }),
    bind: coverage.bind,
    ambiguous: coverage.ambiguous,
    items: draft.items,
    notes: draft.notes,
    ...(problem === undefined ? {} : { catalogProblem: problem }),
  };
}

async function readPartnerCustomer(
  app: Pick<AgentPorts, 'reads'>,
  customerId: CustomerId,
): Promise<ImportedCustomer> {
  let partner: PartnerCustomer;
  try {
    partner = await app.reads.getCustomer(customerId);
  } catch (error) {
    const failure = app.reads.describeReadFailure(error);
    throw new OperationalError(
      'unknown-customer',
      `no spec declares customer ${customerId} and Partner Center did not return it (GET /v1/customers/${customerId}: ${failure.code}, ${failure.message}): check the id against qm customers`,
      { cause: error },
    );
  }
  return customerOfPartner(partner);
}

/**
 * The spec's `customer:` of a Partner Center customer: its company name (else its domain, else
 * its id) and billing country.
 * @throws OperationalError `no-billing-country` when Partner Center states none
 */
export function customerOfPartner(partner: PartnerCustomer): ImportedCustomer {
  const country = partner.country?.toUpperCase();
  if (country === undefined || !isCountryCode(country)) {
    const stated = country === undefined ? 'no billing country' : `billing country ${country}`;
    throw new OperationalError(
      'no-billing-country',
      `Partner Center states ${stated} for customer ${partner.id} (billingProfile.defaultAddress.country of GET /v1/customers/${partner.id}), and a spec needs an ISO 3166-1 code: correct it in Partner Center, or write specs/<name>.yaml by hand with customer id, name and country and run qm import ${partner.id} again to add the items`,
    );
  }
  const name = partner.companyName?.trim() || partner.domain?.trim() || partner.id;
  return { id: partner.id, name, country };
}
