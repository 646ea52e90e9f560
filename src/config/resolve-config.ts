import { resolve } from 'node:path';
import cron from 'node-cron';
import type { Diagnostic, SourceDocument } from '../support/index.js';
import {
  DEFAULT_CONCURRENCY,
  DEFAULT_SCHEDULE,
  MAX_CONCURRENCY,
  type AgentConfig,
  type EndpointConfig,
} from './agent-config.js';
import { CONFIG_ENV, type ConfigOverrides } from './config-document.js';
import type { Setting } from './config-setting.js';
import { parseEndpoint } from './parse-endpoint.js';
import { resolveAuth } from './resolve-auth.js';
import { resolveBatchSize, resolveDaemon, resolveRateLimit } from './resolve-daemon.js';
import { resolvePolicy } from './resolve-policy.js';
import { resolvePricing } from './resolve-pricing.js';
import { resolveRefresh } from './resolve-refresh.js';

/** Everything resolution needs: the parsed file (if any), env, flags and folders. */
export interface ResolveInput {
  /** The config file's parsed document; absent when built-in defaults apply. */
  readonly doc?: SourceDocument;
  /** Folder relative file paths resolve against: the config file's folder, else cwd. */
  readonly baseDir: string;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly overrides: ConfigOverrides;
}

/**
 * Applies precedence (flag > env > file > default), resolves paths, and checks the values a
 * schema cannot judge. Returns a complete config even when there are errors (bad values fall
 * back to defaults), so callers can keep reporting; never act on it when errors exist.
 */
export function resolveConfig(input: ResolveInput): {
  config: AgentConfig;
  diagnostics: Diagnostic[];
} {
  const diagnostics: Diagnostic[] = [];
  const problem = (
    s: Setting | undefined,
    message: string,
    severity: Diagnostic['severity'] = 'error',
  ): void => {
    const at = s?.at ?? { file: input.doc?.file ?? input.baseDir, line: 1, col: 1 };
    diagnostics.push({ ...at, path: s?.path ?? '', message, severity });
  };
  const get = (path: readonly string[], envName?: string, flag?: unknown): Setting | undefined => {
    const dotted = path.join('.');
    if (flag !== undefined) {
      return {
        value: flag,
        at: { file: `--${path[path.length - 1] ?? ''}`, line: 1, col: 1 },
        path: dotted,
        base: input.cwd,
        fromFile: false,
      };
    }
    const fromEnv = envName === undefined ? undefined : input.env[envName];
    if (fromEnv !== undefined && fromEnv !== '') {
      return {
        value: fromEnv,
        at: { file: `$${envName ?? ''}`, line: 1, col: 1 },
        path: dotted,
        base: input.cwd,
        fromFile: false,
      };
    }
    const value = valueAt(input.doc?.value, path);
    if (value === undefined || input.doc === undefined) return undefined;
    return {
      value,
      at: { file: input.doc.file, ...input.doc.locate(path, 'value') },
      path: dotted,
      base: input.baseDir,
      fromFile: true,
    };
  };
  const pathSetting = (key: 'specs' | 'state', fallback: string): string => {
    const s = get([key], CONFIG_ENV[key], input.overrides[key]);
    return typeof s?.value === 'string' && s.value !== ''
      ? resolve(s.base, s.value)
      : resolve(input.baseDir, fallback);
  };

  const endpointSetting = get(
    ['partnerCenter', 'endpoint'],
    CONFIG_ENV.endpoint,
    input.overrides.endpoint,
  );
  let endpoint: EndpointConfig = { kind: 'sandbox' };
  if (typeof endpointSetting?.value === 'string') {
    const parsed = parseEndpoint(endpointSetting.value);
    if (parsed.ok) endpoint = parsed.value;
    else problem(endpointSetting, parsed.message);
  }

  const concurrencySetting = get(
    ['partnerCenter', 'concurrency'],
    CONFIG_ENV.concurrency,
    input.overrides.concurrency,
  );
  let concurrency = DEFAULT_CONCURRENCY;
  if (concurrencySetting !== undefined) {
    const n = Number(concurrencySetting.value);
    if (Number.isInteger(n) && n >= 1 && n <= MAX_CONCURRENCY) concurrency = n;
    else if (!concurrencySetting.fromFile) {
      problem(
        concurrencySetting,
        `concurrency must be a whole number from 1 to ${MAX_CONCURRENCY}; got \`${String(concurrencySetting.value)}\``,
      );
    }
  }

  const scheduleSetting = get(['schedule'], CONFIG_ENV.schedule, input.overrides.schedule);
  let schedule = DEFAULT_SCHEDULE;
  if (typeof scheduleSetting?.value === 'string') {
    const check = cron.validateDetailed(scheduleSetting.value);
    if (check.valid) schedule = scheduleSetting.value;
    else {
      const why = check.errors.map((e) => e.message).join('; ');
      problem(
        scheduleSetting,
        `schedule \`${scheduleSetting.value}\` is not a valid cron expression (${why}); e.g. "*/30 * * * *" runs every 30 minutes`,
      );
    }
  }

  const auth = resolveAuth(input.env, get, problem, endpoint, endpointSetting);
  const policy = resolvePolicy(get, problem);
  const daemon = resolveDaemon(get, problem, input.overrides);
  const rateLimitPerMinute = resolveRateLimit(get);
  const batchSize = resolveBatchSize(get);
  const file = input.doc?.file;
  const state = pathSetting('state', 'state/quartermaster.db');
  const pricing = resolvePricing(input.env, get, problem, endpoint, state);
  const refresh = resolveRefresh(get, problem);
  const config: AgentConfig = {
    ...(file === undefined ? {} : { file }),
    specs: pathSetting('specs', 'specs'),
    state,
    partnerCenter: {
      endpoint,
      auth,
      concurrency,
      ...(rateLimitPerMinute === undefined ? {} : { rateLimitPerMinute }),
      ...(batchSize === undefined ? {} : { batchSize }),
      ...(pricing === undefined ? {} : { pricing }),
      ...(refresh === undefined ? {} : { refresh }),
    },
    schedule,
    policy,
    ...(daemon === undefined ? {} : { daemon }),
  };
  return { config, diagnostics };
}

function valueAt(value: unknown, path: readonly string[]): unknown {
  let node = value;
  for (const part of path) {
    if (node === null || typeof node !== 'object' || Array.isArray(node)) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}
