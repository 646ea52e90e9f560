/**
 * Partner Center answers in camelCase, but PascalCase appears in older samples and SDK
 * round-trips (docs/partner-center-api.md §1.2, §10.18). Every decoded body goes through
 * {@link normalizeKeys} so DTO readers see one spelling.
 */

/**
 * Returns a deep copy of a JSON value whose object keys start lower-case (`LineItems` →
 * `lineItems`, `ID` → `id`). Values are untouched, so map keys inside values such as
 * `headers[].key` keep their spelling.
 */
export function normalizeKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalizeKeys);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
    out[camelKey(key)] = normalizeKeys(inner);
  }
  return out;
}

function camelKey(key: string): string {
  if (/^[A-Z0-9]+$/.test(key)) return key.toLowerCase();
  return key.charAt(0).toLowerCase() + key.slice(1);
}
