import type { PlanTarget } from '../../model/index.js';

const byName = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/**
 * The order customers are shown in (plans, status): by name as people read it (case and accents
 * aside, `Customer 2` before `Customer 10`), then by id; a customer without a name (no spec
 * declares it) after every named one, by id.
 */
export function compareCustomers(
  a: { readonly id: string; readonly name?: string | undefined },
  b: { readonly id: string; readonly name?: string | undefined },
): number {
  if (a.name !== undefined && b.name !== undefined) {
    const named = byName.compare(a.name, b.name);
    if (named !== 0) return named;
  } else if (a.name !== undefined || b.name !== undefined) {
    return a.name === undefined ? 1 : -1;
  }
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * The warning a targeted plan carries (Terraform's "resource targeting is in effect"): which
 * items it is limited to, and that the rest of those customers was neither planned nor reported.
 */
export function targetingWarning(
  targets: readonly PlanTarget[],
  nameOf: (customerId: string) => string | undefined,
): string {
  const items = targets.map((t) => `${nameOf(t.customerId) ?? t.customerId}/${t.item}`);
  return `Targeted plan (--target): limited to ${items.join(', ')} and what they depend on. Other items of these customers were not planned, and their unmanaged subscriptions are not listed: plan without --target to see everything.`;
}
