import {
  DEFAULT_AUDIT_OVERLAP_MS,
  DEFAULT_FULL_EVERY_MS,
  REFRESH_MODES,
  type RefreshConfig,
  type RefreshMode,
} from './agent-config.js';
import type { Get, Problem, Setting } from './config-setting.js';

const UNIT_MS: Readonly<Record<string, number>> = {
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

/** `refresh.fullEvery` bounds: at least 5 minutes; at most the 90 days Partner Center keeps audit records. */
export const MIN_FULL_EVERY_MS = 5 * 60_000;
export const MAX_FULL_EVERY_MS = 90 * 86_400_000;
/** `refresh.overlap` bounds: 1 minute to 24 hours. */
export const MIN_OVERLAP_MS = 60_000;
export const MAX_OVERLAP_MS = 24 * 3_600_000;

/**
 * Parses a duration written as whole numbers of `s`, `m`, `h` and `d` (`90m`, `24h`, `1d12h`).
 * Returns `undefined` for anything else.
 */
export function parseDuration(text: string): number | undefined {
  if (!/^([0-9]+[smhd])+$/.test(text)) return undefined;
  let ms = 0;
  for (const [, n, unit] of text.matchAll(/([0-9]+)([smhd])/g))
    ms += Number(n) * (UNIT_MS[unit ?? ''] ?? 0);
  return ms;
}

/**
 * Resolves `partnerCenter.refresh` (docs/config-reference.md, docs/scale.md "Incremental
 * refresh"). Returns `undefined` when the section is absent, so configs without it resolve as
 * before (every cycle reads every customer). A duration outside its bounds is an error naming
 * the setting; a malformed one was reported by the schema and takes the default.
 */
export function resolveRefresh(get: Get, problem: Problem): RefreshConfig | undefined {
  if (get(['partnerCenter', 'refresh']) === undefined) return undefined;
  const modeValue = get(['partnerCenter', 'refresh', 'mode'])?.value;
  const mode: RefreshMode = (REFRESH_MODES as readonly unknown[]).includes(modeValue)
    ? (modeValue as RefreshMode)
    : 'full';
  const fullEveryMs = duration(
    get(['partnerCenter', 'refresh', 'fullEvery']),
    problem,
    DEFAULT_FULL_EVERY_MS,
    [MIN_FULL_EVERY_MS, MAX_FULL_EVERY_MS],
    'fullEvery must be from 5m to 90d (Partner Center keeps audit records 90 days)',
  );
  const overlapMs = duration(
    get(['partnerCenter', 'refresh', 'overlap']),
    problem,
    DEFAULT_AUDIT_OVERLAP_MS,
    [MIN_OVERLAP_MS, MAX_OVERLAP_MS],
    'overlap must be from 1m to 24h',
  );
  if (mode === 'full') {
    for (const key of ['fullEvery', 'overlap']) {
      const setting = get(['partnerCenter', 'refresh', key]);
      if (setting !== undefined)
        problem(
          setting,
          `refresh.${key} applies only to \`mode: incremental\`; with mode ${modeValue === undefined ? 'absent (full)' : 'full'} every cycle reads every customer. Add \`mode: incremental\` or remove it`,
          'warning',
        );
    }
  }
  return { mode, fullEveryMs, overlapMs };
}

function duration(
  setting: Setting | undefined,
  problem: Problem,
  fallback: number,
  [min, max]: readonly [number, number],
  rule: string,
): number {
  if (typeof setting?.value !== 'string') return fallback;
  const ms = parseDuration(setting.value);
  if (ms === undefined) return fallback; // the schema reported it
  if (ms < min || ms > max) {
    problem(setting, `${rule}; got \`${setting.value}\``);
    return fallback;
  }
  return ms;
}
