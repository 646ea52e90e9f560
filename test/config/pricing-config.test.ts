import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { PRICESHEET_VIEWS } from '../../src/model/index.js';

const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const TENANT = 'contoso.onmicrosoft.com';
const CLIENT = '0a1b2c3d-4e5f-4061-8a7b-8c9d0e1f2a3b';

function load(
  text: string,
  env: Record<string, string> = {},
): ReturnType<typeof loadConfig> & { dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'qm-pricing-'));
  temps.push(dir);
  writeFileSync(join(dir, 'agent.config.yaml'), text);
  return { ...loadConfig({ env, cwd: dir }), dir };
}

const errors = (r: ReturnType<typeof loadConfig>) =>
  r.diagnostics.filter((d) => d.severity === 'error');

describe('partnerCenter.pricing', () => {
  it('is absent unless configured', () => {
    const { config, diagnostics } = load('partnerCenter:\n  endpoint: sandbox\n');
    expect(diagnostics).toEqual([]);
    expect(config.partnerCenter.pricing).toBeUndefined();
  });

  it('resolves the sandbox with auth none and every view by default', () => {
    const { config, diagnostics } = load(
      'partnerCenter:\n  endpoint: sandbox\n  auth: { mode: none }\n  pricing:\n    endpoint: sandbox\n',
    );
    expect(diagnostics).toEqual([]);
    expect(config.partnerCenter.pricing).toEqual({
      endpoint: { kind: 'sandbox' },
      auth: { mode: 'none' },
      views: [...PRICESHEET_VIEWS],
    });
  });

  it('defaults the endpoint to api.partner.microsoft.com and resolves refresh-token mode, the token file against the config folder', () => {
    const result = load(
      `partnerCenter:\n  endpoint: https://api.partnercenter.microsoft.com\n  auth: { mode: access-token }\n  pricing:\n    auth:\n      mode: refresh-token\n      tokenFile: ./secrets/pricing.token\n      tenantId: ${TENANT}\n      clientId: ${CLIENT.toUpperCase()}\n    views: [azure_reservations, updatedlicensebased]\n`,
      { QM_ACCESS_TOKEN: 'x' },
    );
    expect(errors(result)).toEqual([]);
    expect(result.config.partnerCenter.pricing).toEqual({
      endpoint: { kind: 'url', baseUrl: 'https://api.partner.microsoft.com' },
      auth: {
        mode: 'refresh-token',
        tokenFile: join(result.dir, 'secrets/pricing.token'),
        tenantId: TENANT,
        clientId: CLIENT,
        authority: 'https://login.microsoftonline.com',
      },
      views: ['updatedlicensebased', 'azure_reservations'],
    });
    // The token file does not exist yet: a warning naming it, not an error.
    expect(result.diagnostics).toMatchObject([
      { path: 'partnerCenter.pricing.auth.tokenFile', severity: 'warning' },
    ]);
    expect(result.diagnostics[0]?.message).toContain('does not exist');
  });

  it('resolves device-code with its cache beside the state file, and access-token with its variable', () => {
    const device = load(
      `state: ./data/qm.db\npartnerCenter:\n  pricing:\n    endpoint: https://prices.example.com\n    auth: { mode: device-code, tenantId: ${TENANT}, clientId: ${CLIENT} }\n`,
    );
    expect(errors(device)).toEqual([]);
    expect(device.config.partnerCenter.pricing?.auth).toEqual({
      mode: 'device-code',
      tenantId: TENANT,
      clientId: CLIENT,
      authority: 'https://login.microsoftonline.com',
      cacheFile: join(device.dir, 'data/pricing-token-cache.json'),
    });
    const token = load(
      'partnerCenter:\n  pricing:\n    auth: { mode: access-token, tokenEnv: PRICES }\n',
      {
        PRICES: 'eyJ',
      },
    );
    expect(token.diagnostics).toEqual([]);
    expect(token.config.partnerCenter.pricing?.auth).toEqual({
      mode: 'access-token',
      tokenEnv: 'PRICES',
    });
  });

  it.each([
    [
      'plain http to a host that is not loopback',
      '  pricing:\n    endpoint: http://prices.example.com\n    auth: { mode: access-token }\n',
      'partnerCenter.pricing.endpoint',
      'plain http to a host that is not loopback',
    ],
    [
      'an endpoint ending in /v1.0',
      '  pricing:\n    endpoint: https://api.partner.microsoft.com/v1.0\n    auth: { mode: access-token }\n',
      'partnerCenter.pricing.endpoint',
      'without /v1.0',
    ],
    [
      'auth none against the real host',
      '  pricing:\n    auth: { mode: none }\n',
      'partnerCenter.pricing.auth.mode',
      'pricing auth mode none works only with the sandbox',
    ],
    [
      'no auth for the real host',
      '  pricing:\n    views: [software]\n',
      'partnerCenter.pricing',
      'needs `auth:`',
    ],
    [
      'refresh-token without its token file',
      `  pricing:\n    auth: { mode: refresh-token, tenantId: ${TENANT}, clientId: ${CLIENT} }\n`,
      'partnerCenter.pricing.auth',
      'tokenFile',
    ],
    [
      'an unknown view',
      '  pricing:\n    auth: { mode: access-token }\n    views: [azure_consumption]\n',
      'partnerCenter.pricing.views.0',
      'updatedlicensebased',
    ],
    [
      'an unknown mode',
      '  pricing:\n    auth: { mode: client-secret }\n',
      'partnerCenter.pricing.auth.mode',
      'refresh-token',
    ],
  ])('refuses %s, naming the line and field', (_, pricing, path, words) => {
    const result = load(
      `partnerCenter:\n  endpoint: https://api.partnercenter.microsoft.com\n  auth: { mode: access-token }\n${pricing}`,
      {
        QM_ACCESS_TOKEN: 'x',
        QM_PRICING_TOKEN: 'y',
      },
    );
    const found = errors(result);
    expect(found.length).toBeGreaterThan(0);
    const match = found.find((d) => d.path === path);
    expect(match, JSON.stringify(found)).toBeDefined();
    expect(match?.message).toContain(words);
    expect(match?.line).toBeGreaterThanOrEqual(4);
    expect(match?.file).toBe(join(result.dir, 'agent.config.yaml'));
  });

  it('refuses pricing endpoint "sandbox" when the agent talks to a real endpoint (no embedded sandbox to share)', () => {
    const result = load(
      'partnerCenter:\n  endpoint: https://api.partnercenter.microsoft.com\n  auth: { mode: access-token }\n  pricing:\n    endpoint: sandbox\n',
      { QM_ACCESS_TOKEN: 'x' },
    );
    expect(errors(result)).toMatchObject([{ path: 'partnerCenter.pricing.endpoint', line: 5 }]);
    expect(errors(result)[0]?.message).toContain('runs only with partnerCenter.endpoint: sandbox');
  });

  it('never echoes a secret pasted into a pricing auth field, and refuses an inline token', () => {
    const pasted = load(
      '  \npartnerCenter:\n  pricing:\n    auth: { mode: access-token, tokenEnv: "eyJhbGciOi.secret-value" }\n',
    );
    expect(JSON.stringify(pasted.diagnostics)).not.toContain('secret-value');
    expect(errors(pasted)).toMatchObject([{ path: 'partnerCenter.pricing.auth.tokenEnv' }]);
    const inline = load(
      'partnerCenter:\n  pricing:\n    auth: { mode: access-token, token: abc }\n',
    );
    expect(errors(inline)[0]?.message).toContain('inline secret `token` is not allowed');
  });

  it('warns about fields the mode ignores and an unset token variable', () => {
    const result = load(
      `partnerCenter:\n  pricing:\n    auth: { mode: access-token, tenantId: ${TENANT} }\n`,
    );
    expect(errors(result)).toEqual([]);
    const messages = result.diagnostics.map((d) => d.message);
    expect(messages).toHaveLength(2);
    expect(messages).toEqual(
      expect.arrayContaining([
        '`tenantId` is ignored in pricing auth mode access-token',
        expect.stringContaining(
          'environment variable QM_PRICING_TOKEN (pricing tokenEnv) is not set',
        ),
      ]),
    );
  });
});
