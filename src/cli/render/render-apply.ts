import type { ActionResult, ApplyReport, RecoveryNote } from '../../applier/index.js';
import { leadWithName } from './describe-action.js';

const MARK: Readonly<Record<ActionResult['status'], string>> = {
  succeeded: 'ok     ',
  failed: 'FAILED ',
  pending: 'pending',
  skipped: 'skipped',
};

/** One line per action result, for the terminal; the product's name leads the message when known. */
export function renderActionResult(result: ActionResult): string {
  const code = result.code === undefined ? '' : ` [${result.code}]`;
  const links = (result.activationLinks ?? []).map((l) => `\n          activate: ${l}`).join('');
  const followUps = (result.followUps ?? [])
    .map((f) => `\n          pending follow-up: ${f}`)
    .join('');
  const message = leadWithName(result.productName, result.message);
  return `  ${MARK[result.status]} ${result.kind} ${result.item} (${result.customerId})${code}: ${message}${links}${followUps}`;
}

/** The closing line of an apply: counts per status. */
export function renderApplySummary(report: ApplyReport): string {
  const c = report.counts;
  return `Apply finished: ${c.succeeded} succeeded, ${c.failed} failed, ${c.pending} pending, ${c.skipped} skipped.`;
}

/** What crash recovery settled before planning; the product's name leads when the row kept it. */
export function renderRecovery(notes: readonly RecoveryNote[]): string[] {
  return notes.map(
    (n) =>
      `recovered ${n.step} for ${n.item} (${n.customerId}): ${leadWithName(n.productName, n.outcome)} — ${n.message}`,
  );
}
