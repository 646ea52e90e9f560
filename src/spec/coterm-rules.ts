import type { Diagnostic, SourceDocument } from '../support/index.js';

/** The `coterm:` value that aligns a first term with the calendar month instead of an item. */
export const COTERM_MONTH_END = 'month-end';

/**
 * The `coterm` rule (docs/spec-reference.md): on each subscription item, `coterm` is
 * `month-end` or the key of **another** subscription item of the same customer (one document
 * declares one customer), which
 * - is not the item itself, and not a one-time purchase (those have no term to end with);
 * - is not a tombstone (`ensure: cancelled`): it will not be live to co-term with;
 * - has a monthly term only when this item's term is monthly too: "Annual and triannual term
 *   subscriptions can't be coterminated with a monthly term subscription"
 *   (https://learn.microsoft.com/en-us/partner-center/customers/align-subscription-end-dates).
 * Reported at the `coterm` value, saying what is allowed. Runs on documents that may be
 * invalid otherwise, so it reads defensively and leaves non-strings to the schema. Pure.
 */
export function checkCotermRules(doc: SourceDocument): Diagnostic[] {
  const value = asRecord(doc.value);
  const subscriptions = asRecord(value?.['subscriptions']) ?? {};
  const purchases = asRecord(value?.['purchases']) ?? {};
  const diagnostics: Diagnostic[] = [];
  for (const [key, raw] of Object.entries(subscriptions)) {
    const item = asRecord(raw);
    const coterm = item?.['coterm'];
    if (typeof coterm !== 'string' || coterm === '' || coterm === COTERM_MONTH_END) continue;
    const problem = cotermProblem(key, item, coterm, subscriptions, purchases);
    if (problem === undefined) continue;
    diagnostics.push({
      file: doc.file,
      ...doc.locate(['subscriptions', key, 'coterm'], 'value'),
      path: `subscriptions.${key}.coterm`,
      message: problem,
      severity: 'error',
    });
  }
  return diagnostics;
}

function cotermProblem(
  key: string,
  item: Record<string, unknown> | undefined,
  coterm: string,
  subscriptions: Record<string, unknown>,
  purchases: Record<string, unknown>,
): string | undefined {
  const others = Object.keys(subscriptions).filter((k) => k !== key);
  const allowed = `allowed: ${[COTERM_MONTH_END, ...others.map((k) => `\`${k}\``)].join(', ')}`;
  if (coterm === key) {
    return `\`coterm: ${coterm}\` names this item itself: co-term with month-end or another subscription item of this customer (${allowed})`;
  }
  if (Object.hasOwn(purchases, coterm) && !Object.hasOwn(subscriptions, coterm)) {
    return `\`coterm: ${coterm}\` names a one-time purchase, which has no term to end with: co-term with month-end or a subscription item of this customer (${allowed})`;
  }
  if (!Object.hasOwn(subscriptions, coterm)) {
    return `\`coterm: ${coterm}\` is neither month-end nor a subscription item of this customer (${allowed})`;
  }
  const target = asRecord(subscriptions[coterm]);
  if (target?.['ensure'] === 'cancelled') {
    return `\`coterm: ${coterm}\` names an item marked \`ensure: cancelled\`: it will not be live to co-term with; co-term with month-end or another subscription item (${allowed})`;
  }
  const term = item?.['term'];
  if ((term === 'P1Y' || term === 'P3Y') && target?.['term'] === 'P1M') {
    return `\`coterm: ${coterm}\` names a monthly-term item, and a ${term} term cannot co-term with a monthly one (Partner Center: align-subscription-end-dates); co-term with month-end or an item with a P1Y or P3Y term`;
  }
  return undefined;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}
