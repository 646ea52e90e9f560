import {
  ACTION_KINDS,
  DEFAULT_POLICY,
  DRIFT_POLICIES,
  type ActionKind,
  type CountOrShare,
  type DriftPolicy,
  type Policy,
} from '../model/index.js';
import type { Get, Problem } from './config-setting.js';

/**
 * Resolves `policy:` over DEFAULT_POLICY; `maxShrinkingItems` becomes a count or a share
 * (`NN%`, at most 100%); `drift` is set only when the file sets it (absent means `revert`).
 * Invalid entries were reported by the schema and fall back to defaults.
 */
export function resolvePolicy(get: Get, problem: Problem): Policy {
  const autoApply = get(['policy', 'autoApply'])?.value;
  const limit = (name: keyof Policy['limits']): unknown => get(['policy', 'limits', name])?.value;
  const count = (name: 'maxSeatIncrease' | 'maxNewPurchases' | 'maxCancellations'): number => {
    const value = limit(name);
    return Number.isInteger(value) && (value as number) >= 0
      ? (value as number)
      : DEFAULT_POLICY.limits[name];
  };
  const shrinkSetting = get(['policy', 'limits', 'maxShrinkingItems']);
  let maxShrinkingItems: CountOrShare = DEFAULT_POLICY.limits.maxShrinkingItems;
  const shrink = shrinkSetting?.value;
  if (typeof shrink === 'number' && Number.isInteger(shrink) && shrink >= 0) {
    maxShrinkingItems = { kind: 'count', value: shrink };
  } else if (typeof shrink === 'string' && /^[0-9]+(\.[0-9]+)?%$/.test(shrink)) {
    const percent = Number(shrink.slice(0, -1));
    if (percent <= 100) maxShrinkingItems = { kind: 'share', percent };
    else
      problem(
        shrinkSetting,
        `maxShrinkingItems must be a share from 0% to 100%; got \`${shrink}\``,
      );
  }
  return {
    autoApply: Array.isArray(autoApply)
      ? autoApply.filter((kind): kind is ActionKind =>
          (ACTION_KINDS as readonly unknown[]).includes(kind),
        )
      : DEFAULT_POLICY.autoApply,
    limits: {
      maxSeatIncrease: count('maxSeatIncrease'),
      maxNewPurchases: count('maxNewPurchases'),
      maxCancellations: count('maxCancellations'),
      maxShrinkingItems,
      ...moneyLimit(get, 'maxMonthlyIncrease'),
      ...moneyLimit(get, 'maxCommitment'),
    },
    ...driftDefault(get),
  };
}

/** `policy.drift` when the file names a known policy; the schema reported anything else. */
function driftDefault(get: Get): { drift?: DriftPolicy } {
  const value = get(['policy', 'drift'])?.value;
  return (DRIFT_POLICIES as readonly unknown[]).includes(value)
    ? { drift: value as DriftPolicy }
    : {};
}

/** `{ USD: 5000 }` with codes upper-cased; the schema already refused anything else. */
function moneyLimit(
  get: Get,
  name: 'maxMonthlyIncrease' | 'maxCommitment',
): Partial<Record<typeof name, Readonly<Record<string, number>>>> {
  const value = get(['policy', 'limits', name])?.value;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return {};
  const entries = Object.entries(value as Record<string, unknown>).filter(
    (entry): entry is [string, number] => typeof entry[1] === 'number' && entry[1] >= 0,
  );
  return {
    [name]: Object.fromEntries(entries.map(([code, amount]) => [code.toUpperCase(), amount])),
  };
}
