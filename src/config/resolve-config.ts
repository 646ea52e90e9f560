import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import cron from 'node-cron';
import {
  ACTION_KINDS,
  DEFAULT_POLICY,
  type ActionKind,
  type CountOrShare,
  type Policy,
} from '../model/index.js';
import type { Diagnostic, SourceDocument } from '../support/index.js';
import {
  DEFAULT_AUTHORITY,
  DEFAULT_CONCURRENCY,
  DEFAULT_SCHEDULE,
  MAX_CONCURRENCY,
  type AgentConfig,
  type AuthConfig,
  type EndpointConfig,
} from './agent-config.js';
import { CONFIG_ENV, type ConfigOverrides } from './config-document.js';
import { ENV_NAME_PATTERN } from './config-schema.js';
import { parseEndpoint, parseHttpUrl } from './parse-endpoint.js';

const ENV_NAME = new RegExp(ENV_NAME_PATTERN);

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

interface Setting {
  readonly value: unknown;
  /** Where the value came from, for diagnostics. */
  readonly at: { readonly file: string; readonly line: number; readonly col: number };
  readonly path: string;
  /** Folder a relative path in this value resolves against. */
  readonly base: string;
  /** True for a value from the config file (the schema has already judged its type). */
  readonly fromFile: boolean;
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

  const auth = resolveAuth(input, get, problem, endpoint, endpointSetting);
  const policy = resolvePolicy(get, problem);
  const file = input.doc?.file;
  const config: AgentConfig = {
    ...(file === undefined ? {} : { file }),
    specs: pathSetting('specs', 'specs'),
    state: pathSetting('state', 'state/quartermaster.db'),
    partnerCenter: { endpoint, auth, concurrency },
    schedule,
    policy,
  };
  return { config, diagnostics };
}

type Get = (path: readonly string[], envName?: string, flag?: unknown) => Setting | undefined;
type Problem = (s: Setting | undefined, message: string, severity?: Diagnostic['severity']) => void;

const AUTH_FIELDS = {
  none: [],
  'client-secret': ['tenantId', 'clientId', 'clientSecretEnv', 'authority'],
  certificate: ['tenantId', 'clientId', 'certificatePath', 'authority'],
  'access-token': ['tokenEnv'],
} as const;

function resolveAuth(
  input: ResolveInput,
  get: Get,
  problem: Problem,
  endpoint: EndpointConfig,
  endpointSetting: Setting | undefined,
): AuthConfig {
  const field = (name: string): Setting | undefined => get(['partnerCenter', 'auth', name]);
  const text = (name: string): string | undefined => {
    const value = field(name)?.value;
    return typeof value === 'string' ? value : undefined;
  };
  const modeSetting = field('mode');
  const mode = modeSetting?.value;
  if (mode !== undefined && !(typeof mode === 'string' && Object.hasOwn(AUTH_FIELDS, mode))) {
    return { mode: 'none' }; // the schema reports it
  }
  const chosen = (mode ?? 'none') as keyof typeof AUTH_FIELDS;
  for (const name of [
    'tenantId',
    'clientId',
    'clientSecretEnv',
    'certificatePath',
    'tokenEnv',
    'authority',
  ]) {
    const s = field(name);
    if (s !== undefined && !(AUTH_FIELDS[chosen] as readonly string[]).includes(name)) {
      problem(s, `\`${name}\` is ignored in auth mode ${chosen}`, 'warning');
    }
  }
  const envHolds = (name: string, fallback: string): string => {
    const variable = text(name) ?? fallback;
    // A value that is not a variable name is reported by the schema (and never echoed).
    if (ENV_NAME.test(variable) && (input.env[variable] ?? '') === '') {
      problem(
        field(name) ?? modeSetting,
        `environment variable ${variable} (${name}) is not set; the agent needs it to authenticate`,
        'warning',
      );
    }
    return variable;
  };
  const authority = (): string => {
    const s = get(['partnerCenter', 'auth', 'authority'], CONFIG_ENV.authority);
    if (typeof s?.value !== 'string') return DEFAULT_AUTHORITY;
    const url = parseHttpUrl(s.value, 'authority');
    if (url.ok) return url.value;
    problem(s, `${url.message}; e.g. ${DEFAULT_AUTHORITY}`);
    return DEFAULT_AUTHORITY;
  };
  switch (chosen) {
    case 'none':
      if (endpoint.kind === 'url' && !isLoopback(endpoint.baseUrl)) {
        problem(
          modeSetting ?? endpointSetting,
          `auth mode none works only with the sandbox (endpoint "sandbox" or a loopback URL); ${endpoint.baseUrl} needs client-secret, certificate or access-token`,
        );
      }
      return { mode: 'none' };
    case 'client-secret':
      return {
        mode: 'client-secret',
        tenantId: text('tenantId') ?? '',
        clientId: (text('clientId') ?? '').toLowerCase(),
        clientSecretEnv: envHolds('clientSecretEnv', 'QM_CLIENT_SECRET'),
        authority: authority(),
      };
    case 'certificate': {
      const s = field('certificatePath');
      const path = typeof s?.value === 'string' ? resolve(s.base, s.value) : '';
      if (path !== '' && !existsSync(path))
        problem(s, `certificate file ${path} does not exist`, 'warning');
      return {
        mode: 'certificate',
        tenantId: text('tenantId') ?? '',
        clientId: (text('clientId') ?? '').toLowerCase(),
        certificatePath: isAbsolute(path) ? path : '',
        authority: authority(),
      };
    }
    case 'access-token':
      return { mode: 'access-token', tokenEnv: envHolds('tokenEnv', 'QM_ACCESS_TOKEN') };
  }
}

function resolvePolicy(get: Get, problem: Problem): Policy {
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
    },
  };
}

function isLoopback(baseUrl: string): boolean {
  const host = new URL(baseUrl).hostname;
  return host === 'localhost' || host === '[::1]' || /^127\./.test(host);
}

function valueAt(value: unknown, path: readonly string[]): unknown {
  let node = value;
  for (const part of path) {
    if (node === null || typeof node !== 'object' || Array.isArray(node)) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}
