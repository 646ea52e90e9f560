import type { BillingPeriod, BillingReport } from '../../model/index.js';
import type { AgentPorts } from '../ports.js';
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
  ports: Pick<AgentPorts, 'reads' | 'state'>,
  request: BillingReportRequest,
): Promise<BillingReport> {
  const charges = collectAgentCharges(ports.state.journal, request.customerId, {
    snapshots: ports.state.snapshots.list(),
    bindings: ports.state.bindings.list(),
  });
  const { invoices, lineItems } = await fetchBillingData(ports.reads, request.period, request);
  return reconcileBilling({
    period: request.period,
    ...(request.customerId === undefined ? {} : { customerId: request.customerId }),
    charges,
    lineItems,
    invoices,
  });
}
