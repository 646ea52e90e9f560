import type { BillingMatch, BillingReport, ReconLineItem } from '../../model/index.js';

/** Whether the report shows something a human should look at. */
export function hasBillingDiscrepancies(report: BillingReport): boolean {
  return report.billedNotByAgent.length > 0 || report.quantityMismatches.length > 0;
}

/** The stable `--json` shape (`formatVersion: 1`). */
export function renderBillingJson(report: BillingReport): string {
  return JSON.stringify(report, null, 2);
}

/**
 * Human output: one section per outcome, then totals per currency. Products are named beside
 * their ids when known: `exchange (…) Exchange Online (Plan 1), purchase ×10, …` for an agent
 * action, `Exchange Online (Plan 1) (CFQ7TTC0LH16:0001)` for a line.
 */
export function renderBillingHuman(report: BillingReport): string[] {
  const out: string[] = [];
  out.push(
    `Billing for ${report.period}${report.customerId === undefined ? '' : ` (customer ${report.customerId})`}`,
  );
  out.push(
    report.invoices.length === 0
      ? 'Invoices: none issued for this period yet'
      : `Invoices: ${report.invoices.map((i) => `${i.id} ${i.currencyCode} ${money(i.totalCharges)}`).join(', ')}`,
  );
  section(
    out,
    'Matched',
    report.matched.map((m) => `  ✓ ${describeAction(m)} → ${describeLines(m.lineItems)}`),
  );
  section(
    out,
    'Unbilled yet',
    report.unbilledYet.map(
      (m) =>
        `  … ${describeAction(m)} → ${m.lineItems.length === 0 ? 'no reconciliation line yet' : `open: ${describeLines(m.lineItems)}`}`,
    ),
  );
  section(
    out,
    'Billed but not by the agent',
    report.billedNotByAgent.map((l) => `  ! ${describeLine(l)}`),
  );
  section(
    out,
    'Quantity mismatches',
    report.quantityMismatches.map(
      (m) =>
        `  ≠ ${describeAction(m)}: expected ${m.expectedQuantity}, billed ${m.billedQuantity} (${describeLines(m.lineItems)})`,
    ),
  );
  out.push('Totals:');
  if (report.totals.length === 0) out.push('  (no line items)');
  for (const t of report.totals) {
    out.push(
      `  ${t.currency}: total ${money(t.total)}, billed ${money(t.billed)}, unbilled ${money(t.unbilled)}, not by the agent ${money(t.notByAgent)} (${t.lineItems} lines)`,
    );
  }
  out.push(
    `${report.matched.length} matched, ${report.unbilledYet.length} unbilled yet, ${report.billedNotByAgent.length} billed but not by the agent, ${report.quantityMismatches.length} quantity mismatches`,
  );
  return out;
}

function section(out: string[], title: string, lines: readonly string[]): void {
  out.push(`${title} (${lines.length}):`);
  out.push(...lines);
}

function describeAction(match: BillingMatch): string {
  const a = match.action;
  const what =
    a.kind === 'purchase'
      ? `purchase ×${a.quantity ?? '?'}`
      : a.kind === 'cancel'
        ? 'cancel'
        : `${a.kind} to ${a.quantityAfter ?? '?'}`;
  const target =
    a.kind === 'purchase'
      ? `order ${a.orderIds.join(',') || '?'}`
      : `subscription ${a.subscriptionId ?? '?'}`;
  const named = a.productName === undefined ? '' : `${a.productName}, `;
  return `${a.item ?? '-'} (${a.customerId}) ${named}${what}, ${target}, journal #${a.journalId}`;
}

function describeLines(lines: readonly ReconLineItem[]): string {
  return lines
    .map(
      (l) =>
        `${l.invoiceNumber ?? 'unbilled'} ${l.chargeType} ×${l.quantity} ${l.currency} ${money(l.subtotal)}`,
    )
    .join('; ');
}

function describeLine(l: ReconLineItem): string {
  const ids = `${l.productId}:${l.skuId}`;
  const product = (l.productName ?? '').trim() === '' ? ids : `${l.productName} (${ids})`;
  return `${l.customerId} ${l.chargeType} ${product} ×${l.quantity} order ${l.orderId} subscription ${l.subscriptionId || '-'} ${l.currency} ${money(l.subtotal)} (${l.invoiceNumber ?? 'unbilled'})`;
}

function money(amount: number): string {
  return amount.toFixed(2);
}
