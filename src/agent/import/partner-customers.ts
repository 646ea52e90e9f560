import type { DesiredCustomer } from '../../model/index.js';
import type { AgentPorts } from '../ports.js';

/** One customer of the partner, with the spec that declares it. */
export interface PartnerCustomerEntry {
  readonly id: string;
  /** Company name, else domain, else id. */
  readonly name: string;
  readonly country?: string;
  readonly domain?: string;
  /** The declaring spec file, relative to the specs folder; absent when none does. */
  readonly specFile?: string;
}

export interface PartnerCustomerList {
  /** Sorted by name (then id). */
  readonly customers: readonly PartnerCustomerEntry[];
  /** Spec customers Partner Center did not list (another partner's, or a typo in the id). */
  readonly notListed: readonly DesiredCustomer[];
}

/**
 * `qm customers`: every customer of the partner (`GET /v1/customers`, seek paging), each with
 * the spec file that declares it. Reads only the list: no per-customer call.
 */
export async function listPartnerCustomers(
  app: Pick<AgentPorts, 'reads'>,
  customers: readonly DesiredCustomer[],
  options: { readonly pageSize?: number } = {},
): Promise<PartnerCustomerList> {
  const listed = await app.reads.listCustomers(
    options.pageSize === undefined ? {} : { pageSize: options.pageSize },
  );
  const byId = new Map(customers.map((c) => [c.id as string, c]));
  const entries = listed.map((p): PartnerCustomerEntry => {
    const spec = byId.get(p.id);
    return {
      id: p.id,
      name: p.companyName?.trim() || p.domain?.trim() || p.id,
      ...(p.country === undefined ? {} : { country: p.country }),
      ...(p.domain === undefined ? {} : { domain: p.domain }),
      ...(spec === undefined ? {} : { specFile: spec.file }),
    };
  });
  entries.sort((a, b) => a.name.localeCompare(b.name, 'en') || (a.id < b.id ? -1 : 1));
  const seen = new Set<string>(listed.map((p) => p.id));
  return { customers: entries, notListed: customers.filter((c) => !seen.has(c.id)) };
}
