import type { PurchaseItem } from '../model/index.js';

/**
 * The fields of a one-time item that define what was bought. The applier stores exactly this as
 * `Binding.purchased` when it binds the order, and the planner compares it with the spec: any
 * difference is `immutable-purchase` (docs/spec-reference.md, "add a new item").
 */
export function purchasedFields(item: PurchaseItem): Readonly<Record<string, string | number>> {
  const fields: Record<string, string | number> = {
    kind: item.kind,
    product: item.product,
    sku: item.sku,
    quantity: item.quantity,
    billing: item.billing,
  };
  if (item.term !== undefined) fields['term'] = item.term;
  if (item.kind === 'azure-reservation') {
    fields['scope'] = item.scope ?? 'shared';
    if (item.azureSubscriptionId !== undefined)
      fields['azureSubscriptionId'] = item.azureSubscriptionId;
    if (item.region !== undefined) fields['region'] = item.region;
  }
  return fields;
}

/** `field: bought → spec` for every field that differs, sorted by field name. */
export function changedPurchaseFields(
  bought: Readonly<Record<string, string | number>>,
  wanted: Readonly<Record<string, string | number>>,
): string[] {
  const names = [...new Set([...Object.keys(bought), ...Object.keys(wanted)])].sort();
  return names
    .filter((name) => bought[name] !== wanted[name])
    .map(
      (name) =>
        `${name}: ${String(bought[name] ?? '(none)')} → ${String(wanted[name] ?? '(none)')}`,
    );
}
