/**
 * PascalCase of a lower snake_case enum value (`one_time` → `OneTime`, `annual` → `Annual`), the
 * casing the documented examples use for some enums, e.g. `terms[].billingCycle: "Annual"` in
 * https://learn.microsoft.com/en-us/partner-center/developer/get-a-list-of-availabilities-for-a-sku.
 */
export function pascalEnum(value: string): string {
  return value
    .split('_')
    .map((part) => (part === '' ? '' : `${part[0]?.toUpperCase() ?? ''}${part.slice(1)}`))
    .join('');
}
