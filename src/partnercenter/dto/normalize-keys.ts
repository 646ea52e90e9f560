/**
 * Partner Center answers in camelCase, but PascalCase appears in older samples and SDK
 * round-trips (docs/partner-center-api.md §1.2, §10.18). Every decoded body goes through
 * {@link normalizeParsedKeys} so DTO readers see one spelling.
 */

/**
 * Returns a deep copy of a JSON value whose object keys start lower-case (`LineItems` →
 * `lineItems`, `ID` → `id`). Values are untouched, so map keys inside values such as
 * `headers[].key` keep their spelling.
 */
export function normalizeKeys(value: unknown): unknown {
  return normalizeParsedKeys(structuredClone(value));
}

/**
 * {@link normalizeKeys} for a value this process just parsed and owns: arrays and objects
 * whose keys are already lower-case are kept (their members normalised in place); only an
 * object with a key to rename is rebuilt, in the same key order. Most bodies rename nothing,
 * so a list of thousands of subscriptions is not copied once more.
 */
export function normalizeParsedKeys(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) value[i] = normalizeParsedKeys(value[i]);
    return value;
  }
  const object = value as Record<string, unknown>;
  let rename = false;
  for (const key in object) {
    object[key] = normalizeParsedKeys(object[key]);
    if (!rename && camelKey(key) !== key) rename = true;
  }
  if (!rename) return object;
  const out: Record<string, unknown> = {};
  for (const key in object) out[camelKey(key)] = object[key];
  return out;
}

function camelKey(key: string): string {
  const first = key.charCodeAt(0);
  // A key starting with a lower-case letter is already camelCase (the common case).
  if (first >= 97 && first <= 122) return key;
  if (/^[A-Z0-9]+$/.test(key)) return key.toLowerCase();
  return key.charAt(0).toLowerCase() + key.slice(1);
}
