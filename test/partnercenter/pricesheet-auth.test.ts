import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createDelegatedTokenSource,
  PARTNER_PRICING_SCOPE,
} from '../../src/partnercenter/index.js';

const TENANT = '9f8e7d6c-5b4a-4321-9876-543210fedcba';
const CLIENT = '0a1b2c3d-4e5f-4061-8a7b-8c9d0e1f2a3b';
const USER = '11111111-2222-4333-8444-555555555555';

const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

let dir: string;
let server: Server;
let authority: string;
let ca: string;
const forms: URLSearchParams[] = [];
let issued = 0;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'qm-pricing-auth-'));
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      join(dir, 'k.pem'),
      '-out',
      join(dir, 'c.pem'),
    ],
    { stdio: 'ignore' },
  );
  ca = readFileSync(join(dir, 'c.pem'), 'utf8');
  server = createServer({ key: readFileSync(join(dir, 'k.pem')), cert: ca }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const base = `https://127.0.0.1:${(server.address() as AddressInfo).port}/${TENANT}`;
      res.setHeader('content-type', 'application/json');
      const url = req.url ?? '';
      if (url.startsWith(`/${TENANT}/v2.0/.well-known/openid-configuration`)) {
        res.end(
          JSON.stringify({
            issuer: `${base}/v2.0`,
            authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
            token_endpoint: `${base}/oauth2/v2.0/token`,
            device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
            jwks_uri: `${base}/discovery/v2.0/keys`,
          }),
        );
        return;
      }
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      forms.push(form);
      if (url.startsWith(`/${TENANT}/oauth2/v2.0/devicecode`)) {
        res.end(
          JSON.stringify({
            device_code: 'dc-1',
            user_code: 'ABCD-EFGH',
            verification_uri: 'https://microsoft.com/devicelogin',
            expires_in: 900,
            interval: 1,
            message:
              'To sign in, use a web browser to open https://microsoft.com/devicelogin and enter the code ABCD-EFGH.',
          }),
        );
        return;
      }
      if (url.startsWith(`/${TENANT}/oauth2/v2.0/token`)) {
        if (form.get('refresh_token') === 'revoked') {
          res.statusCode = 400;
          res.end(
            JSON.stringify({
              error: 'invalid_grant',
              error_description: 'AADSTS70008: The refresh token has expired.',
            }),
          );
          return;
        }
        issued++;
        const now = Math.floor(Date.now() / 1000);
        res.end(
          JSON.stringify({
            token_type: 'Bearer',
            scope: PARTNER_PRICING_SCOPE,
            expires_in: 3600,
            ext_expires_in: 3600,
            access_token: `pricing-at-${issued}`,
            refresh_token: `rt-${issued}`,
            id_token: `${b64({ alg: 'none', typ: 'JWT' })}.${b64({
              aud: CLIENT,
              iss: `${base}/v2.0`,
              iat: now,
              nbf: now,
              exp: now + 3600,
              oid: USER,
              tid: TENANT,
              sub: USER,
              preferred_username: 'agent@contoso.example',
              name: 'Sales Agent',
            })}.`,
            client_info: b64({ uid: USER, utid: TENANT }),
          }),
        );
        return;
      }
      res.statusCode = 404;
      res.end(JSON.stringify({ error: 'not_found', error_description: url }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  authority = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

describe('pricing tokens (App+User) through MSAL against a local authority', () => {
  it('refresh-token: redeems the token from its file for the pricing audience, memoised', async () => {
    const before = forms.length;
    let reads = 0;
    const source = createDelegatedTokenSource({
      authority,
      tenantId: TENANT,
      clientId: CLIENT,
      ca,
      flow: { kind: 'refresh-token', readRefreshToken: () => (reads++, ' rt-from-file\n') },
    });
    const token = await source.getToken();
    expect(token).toMatch(/^pricing-at-\d+$/);
    expect(await source.getToken()).toBe(token);
    const sent = forms.slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.get('grant_type')).toBe('refresh_token');
    expect(sent[0]?.get('refresh_token')).toBe('rt-from-file');
    expect(sent[0]?.get('client_id')).toBe(CLIENT);
    expect(sent[0]?.get('scope')).toContain(PARTNER_PRICING_SCOPE);
    expect(sent[0]?.get('client_secret')).toBeNull();
    expect(reads).toBe(1);
  });

  it('refresh-token with a confidential app sends its client secret', async () => {
    const before = forms.length;
    const source = createDelegatedTokenSource({
      authority,
      tenantId: TENANT,
      clientId: CLIENT,
      ca,
      flow: { kind: 'refresh-token', readRefreshToken: () => 'rt-web', clientSecret: 'web-secret' },
    });
    await source.getToken();
    expect(forms.slice(before).at(-1)?.get('client_secret')).toBe('web-secret');
  });

  it('an expired refresh token is a typed error saying to get a new one', async () => {
    const source = createDelegatedTokenSource({
      authority,
      tenantId: TENANT,
      clientId: CLIENT,
      ca,
      flow: { kind: 'refresh-token', readRefreshToken: () => 'revoked' },
    });
    await expect(source.getToken()).rejects.toMatchObject({ code: 'token-acquisition-failed' });
    await expect(source.getToken()).rejects.toThrow(/tokenFile \(get a new one if it expired/);
  });

  it('device-code: shows the sign-in message, caches the sign-in in a 0600 file, and the next run signs in silently', async () => {
    const cacheFile = join(dir, 'cache', 'pricing-token-cache.json');
    const messages: string[] = [];
    const make = () =>
      createDelegatedTokenSource({
        authority,
        tenantId: TENANT,
        clientId: CLIENT,
        ca,
        flow: { kind: 'device-code', cacheFile, onDeviceCode: (m) => messages.push(m) },
      });
    const first = await make().getToken();
    expect(first).toMatch(/^pricing-at-\d+$/);
    expect(messages).toEqual([expect.stringContaining('enter the code ABCD-EFGH')]);
    expect(existsSync(cacheFile)).toBe(true);
    expect(statSync(cacheFile).mode & 0o777).toBe(0o600);
    expect(
      forms.some((f) => f.get('grant_type') === 'device_code' && f.get('device_code') === 'dc-1'),
    ).toBe(true);

    // A new process: the cached access token (or its refresh token) serves without a sign-in.
    const second = await make().getToken();
    expect(second).toMatch(/^pricing-at-\d+$/);
    expect(messages).toHaveLength(1);
  });
});
