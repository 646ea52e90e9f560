import type { BillingPeriod, BillingReport } from '../../model/index.js';
import type { PartnerCenterClient } from '../../partnercenter/index.js';
import type { StateStore } from '../../state/index.js';
import { collectAgentCharges } from './collect-agent-charges.js';
import { fetchBillingData, type FetchBillingOptions } from './fetch-billing-data.js';
import { reconcileBilling } from './reconcile-billing.js';

export interface BillingReportRequest extends FetchBillingOptions {
  readonly period: BillingPeriod;
  /** Lower-case customer tenant id; absent: every customer. */
  readonly customerId?: string;
}

/**
 * `qm billing`: reads the journal and Partner Center's invoices and reconciliation lines for
 * the period, and matches them (`reconcileBilling`). Read-only on both sides.
 */
export async function buildBillingReport(
  deps: { readonly client: PartnerCenterClient; readonly store: StateStore },
  request: BillingReportRequest,
): Promise<BillingReport> {
  const charges = collectAgentCharges(deps.store.journal, request.customerId);
  const { invoices, lineItems } = await fetchBillingData(deps.client, request.period, request);
  return reconcileBilling({
    period: request.period,
    ...(request.customerId === undefined ? {} : { customerId: request.customerId }),
    charges,
    lineItems,
    invoices,
  });
}
