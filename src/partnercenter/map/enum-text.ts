/**
 * Enums arrive as lower snake_case (`one_time`), as PascalCase in old samples (`OneTime`), or as
 * integers (docs/partner-center-api.md §1.2, §10.18). They are normalised to the documented wire
 * form; values we do not know are kept as (normalised) strings, never rejected.
 */

/** BillingCycleType by integer value (docs/partner-center-api.md §2.3). */
export const BILLING_CYCLE_VALUES = [
  'unknown',
  'monthly',
  'annual',
  'none',
  'one_time',
  'triennial',
  'biennial',
];
/** SubscriptionStatus by integer value (docs/partner-center-api.md §5.1). */
export const SUBSCRIPTION_STATUS_VALUES = [
  'none',
  'active',
  'suspended',
  'deleted',
  'expired',
  'pending',
  'disabled',
];
/** OrderStatus by integer value (docs/partner-center-api.md §4.1). */
export const ORDER_STATUS_VALUES = ['unknown', 'completed', 'pending', 'cancelled'];

/**
 * Normalises an enum value: integers through `byValue`, strings to lower snake_case
 * (`OneTime` → `one_time`, `Monthly` → `monthly`, `one_time` unchanged). `undefined` when absent.
 */
export function enumText(value: unknown, byValue: readonly string[]): string | undefined {
  if (typeof value === 'number') return byValue[value] ?? String(value);
  if (typeof value !== 'string' || value === '') return undefined;
  if (/^\d+$/.test(value)) return byValue[Number(value)] ?? value;
  return value
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[\s-]+/g, '_')
    .toLowerCase();
}

/** Lower-cases the first letter only: `NotRegistered` → `notRegistered` (model convention). */
export function lowerFirst(value: string): string {
  return value.charAt(0).toLowerCase() + value.slice(1);
}
