import type { Plan } from '../../model/index.js';
import { canonicalJson } from '../../support/index.js';

/**
 * The plan as stable JSON (`formatVersion: 2`, documented in docs/plan-format.md): keys sorted
 * at every depth except that `formatVersion` comes first, two-space indent, a final newline.
 * The same plan always renders to the same bytes, so saved plans diff cleanly.
 */
export function renderPlanJson(plan: Plan): string {
  const sorted = JSON.parse(canonicalJson(plan)) as Record<string, unknown>;
  const { formatVersion, ...rest } = sorted;
  return `${JSON.stringify({ formatVersion, ...rest }, null, 2)}\n`;
}
