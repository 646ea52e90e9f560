import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { PRICESHEET_VIEWS, type PricesheetView } from '../model/index.js';
import {
  DEFAULT_AUTHORITY,
  DEFAULT_PRICING_URL,
  PRICING_AUTH_MODES,
  type EndpointConfig,
  type PricingAuthConfig,
  type PricingConfig,
} from './agent-config.js';
import { ENV_NAME_PATTERN } from './config-schema.js';
import type { Get, Problem, Setting } from './config-setting.js';
import { isLoopback, parseHttpUrl, type Parsed } from './parse-endpoint.js';

const ENV_NAME = new RegExp(ENV_NAME_PATTERN);
const AT = ['partnerCenter', 'pricing'] as const;

const FIELDS: Readonly<Record<PricingAuthConfig['mode'], readonly string[]>> = {
  none: [],
  'refresh-token': ['tokenFile', 'tenantId', 'clientId', 'authority', 'clientSecretEnv'],
  'device-code': ['tenantId', 'clientId', 'authority', 'cacheFile'],
  'access-token': ['tokenEnv'],
};

/**
 * Resolves `partnerCenter.pricing` (docs/pricing.md); `undefined` when the section is absent
 * (plans are unpriced). `sandbox` is the embedded emulator, so it needs `partnerCenter.endpoint:
 * sandbox`; auth mode `none` talks only to a sandbox (embedded or loopback); relative files
 * resolve against the config file's folder; the device-code cache defaults to the state folder.
 */
export function resolvePricing(
  env: Readonly<Record<string, string | undefined>>,
  get: Get,
  problem: Problem,
  main: EndpointConfig,
  statePath: string,
): PricingConfig | undefined {
  const section = get(AT);
  if (section === undefined) return undefined;
  const value = section.value;
  // Anything but a mapping was reported by the schema; there is nothing to resolve.
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const field = (name: string): Setting | undefined => get([...AT, 'auth', name]);
  const text = (name: string): string | undefined => {
    const value = field(name)?.value;
    return typeof value === 'string' ? value : undefined;
  };

  const endpointSetting = get([...AT, 'endpoint']);
  let endpoint: EndpointConfig = { kind: 'url', baseUrl: DEFAULT_PRICING_URL };
  if (typeof endpointSetting?.value === 'string') {
    const parsed = parsePricingEndpoint(endpointSetting.value);
    if (parsed.ok) endpoint = parsed.value;
    else problem(endpointSetting, parsed.message);
  }
  if (endpoint.kind === 'sandbox' && main.kind !== 'sandbox') {
    problem(
      endpointSetting,
      `pricing endpoint "sandbox" is the embedded emulator, which runs only with partnerCenter.endpoint: sandbox; with partnerCenter.endpoint ${main.baseUrl} write the URL that serves the price sheets (for a sandbox served by \`qm sandbox serve\`, its URL)`,
    );
  }
  const isSandbox =
    endpoint.kind === 'sandbox' ||
    (endpoint.kind === 'url' && isLoopback(new URL(endpoint.baseUrl)));

  const modeSetting = field('mode');
  const mode = modeSetting?.value;
  let auth: PricingAuthConfig = { mode: 'none' };
  if (mode === undefined) {
    if (!isSandbox) {
      problem(
        section,
        `partnerCenter.pricing needs \`auth:\` for ${describe(endpoint)}: the price sheet API takes an App+User token (Admin or Sales agent); use mode refresh-token, device-code or access-token (docs/pricing.md)`,
      );
    }
  } else if (typeof mode === 'string' && (PRICING_AUTH_MODES as readonly string[]).includes(mode)) {
    const chosen = mode as PricingAuthConfig['mode'];
    for (const name of new Set(Object.values(FIELDS).flat())) {
      const s = field(name);
      if (s !== undefined && !FIELDS[chosen].includes(name)) {
        problem(s, `\`${name}\` is ignored in pricing auth mode ${chosen}`, 'warning');
      }
    }
    auth = resolveAuthMode(chosen, { env, field, text, problem, modeSetting, statePath });
    if (chosen === 'none' && !isSandbox) {
      problem(
        modeSetting,
        `pricing auth mode none works only with the sandbox (endpoint "sandbox" or a loopback URL); ${describe(endpoint)} needs refresh-token, device-code or access-token`,
      );
    }
  }

  const viewsValue = get([...AT, 'views'])?.value;
  const views: PricesheetView[] = Array.isArray(viewsValue)
    ? PRICESHEET_VIEWS.filter((view) => viewsValue.includes(view))
    : [...PRICESHEET_VIEWS];
  return { endpoint, auth, views: views.length > 0 ? views : [...PRICESHEET_VIEWS] };
}

interface ModeContext {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly field: (name: string) => Setting | undefined;
  readonly text: (name: string) => string | undefined;
  readonly problem: Problem;
  readonly modeSetting: Setting | undefined;
  readonly statePath: string;
}

function resolveAuthMode(mode: PricingAuthConfig['mode'], c: ModeContext): PricingAuthConfig {
  const file = (name: string): string | undefined => {
    const s = c.field(name);
    return typeof s?.value === 'string' ? resolve(s.base, s.value) : undefined;
  };
  const envHolds = (name: string, fallback: string): string => {
    const variable = c.text(name) ?? fallback;
    if (ENV_NAME.test(variable) && (c.env[variable] ?? '') === '') {
      c.problem(
        c.field(name) ?? c.modeSetting,
        `environment variable ${variable} (pricing ${name}) is not set; the agent needs it to read price sheets`,
        'warning',
      );
    }
    return variable;
  };
  const authority = (): string => {
    const s = c.field('authority');
    if (typeof s?.value !== 'string') return DEFAULT_AUTHORITY;
    const url = parseHttpUrl(s.value, 'authority');
    if (url.ok) return url.value;
    c.problem(s, `${url.message}; e.g. ${DEFAULT_AUTHORITY}`);
    return DEFAULT_AUTHORITY;
  };
  const ids = {
    tenantId: c.text('tenantId') ?? '',
    clientId: (c.text('clientId') ?? '').toLowerCase(),
  };
  switch (mode) {
    case 'none':
      return { mode };
    case 'access-token':
      return { mode, tokenEnv: envHolds('tokenEnv', 'QM_PRICING_TOKEN') };
    case 'refresh-token': {
      const tokenFile = file('tokenFile') ?? '';
      if (tokenFile !== '' && !existsSync(tokenFile)) {
        c.problem(
          c.field('tokenFile'),
          `refresh token file ${tokenFile} does not exist; write the App+User refresh token into it (docs/pricing.md)`,
          'warning',
        );
      }
      const secret = c.text('clientSecretEnv');
      return {
        mode,
        tokenFile,
        ...ids,
        authority: authority(),
        ...(secret === undefined ? {} : { clientSecretEnv: envHolds('clientSecretEnv', secret) }),
      };
    }
    case 'device-code':
      return {
        mode,
        ...ids,
        authority: authority(),
        cacheFile: file('cacheFile') ?? resolve(dirname(c.statePath), 'pricing-token-cache.json'),
      };
  }
}

/**
 * Parses `partnerCenter.pricing.endpoint`: `sandbox`, or the http(s) root the price sheet path
 * `/v1.0/sales/pricesheets(…)` is appended to (plain http only to loopback).
 */
export function parsePricingEndpoint(text: string): Parsed<EndpointConfig> {
  if (text.trim().toLowerCase() === 'sandbox') return { ok: true, value: { kind: 'sandbox' } };
  const url = parseHttpUrl(text, 'pricing endpoint');
  if (!url.ok) {
    return {
      ok: false,
      message: `${url.message}; use "sandbox" or the API root ${DEFAULT_PRICING_URL}`,
    };
  }
  if (/\/v1(\.0)?$/i.test(url.value)) {
    return {
      ok: false,
      message: `pricing endpoint must be the API root without /v1.0 (the client adds /v1.0/sales/pricesheets…): use ${url.value.replace(/\/v1(\.0)?$/i, '')}`,
    };
  }
  return { ok: true, value: { kind: 'url', baseUrl: url.value } };
}

function describe(endpoint: EndpointConfig): string {
  return endpoint.kind === 'sandbox' ? 'the sandbox' : endpoint.baseUrl;
}
