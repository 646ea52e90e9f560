import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { DEFAULT_AUTHORITY, type AuthConfig, type EndpointConfig } from './agent-config.js';
import { CONFIG_ENV } from './config-document.js';
import { ENV_NAME_PATTERN } from './config-schema.js';
import type { Get, Problem, Setting } from './config-setting.js';
import { isLoopback, parseHttpUrl } from './parse-endpoint.js';

const ENV_NAME = new RegExp(ENV_NAME_PATTERN);

const AUTH_FIELDS = {
  none: [],
  'client-secret': ['tenantId', 'clientId', 'clientSecretEnv', 'authority'],
  certificate: ['tenantId', 'clientId', 'certificatePath', 'authority'],
  'access-token': ['tokenEnv'],
} as const;

/**
 * Resolves `partnerCenter.auth`: per-mode fields and defaults (secret/token variable names,
 * authority), warnings for fields the mode ignores and for unset variables or missing
 * certificate files, and the rule that mode `none` only talks to a sandbox (loopback).
 */
export function resolveAuth(
  env: Readonly<Record<string, string | undefined>>,
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
    if (ENV_NAME.test(variable) && (env[variable] ?? '') === '') {
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
      if (endpoint.kind === 'url' && !isLoopback(new URL(endpoint.baseUrl))) {
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
