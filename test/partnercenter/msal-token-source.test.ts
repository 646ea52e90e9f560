import { execFileSync } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMsalTokenSource, PARTNER_CENTER_SCOPE } from '../../src/partnercenter/index.js';
import { ManualClock } from '../../src/support/index.js';

const TENANT = '9f8e7d6c-5b4a-4321-9876-543210fedcba';
const CLIENT = '0a1b2c3d-4e5f-4061-8a7b-8c9d0e1f2a3b';

interface TokenRequest {
  readonly form: URLSearchParams;
}

/** A self-signed key pair made with the openssl CLI, valid for 127.0.0.1. */
function makeCertificate(dir: string, name: string): { key: string; cert: string } {
  const key = join(dir, `${name}.key`);
  const cert = join(dir, `${name}.pem`);
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
      key,
      '-out',
      cert,
    ],
    { stdio: 'ignore' },
  );
  return { key: readFileSync(key, 'utf8'), cert: readFileSync(cert, 'utf8') };
}

let dir: string;
let server: Server;
let authority: string;
let tls: { key: string; cert: string };
let clientCert: { key: string; cert: string };
const tokenRequests: TokenRequest[] = [];
let issued = 0;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'qm-msal-'));
  tls = makeCertificate(dir, 'server');
  clientCert = makeCertificate(dir, 'client');
  server = createServer({ key: tls.key, cert: tls.cert }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const base = `https://127.0.0.1:${(server.address() as AddressInfo).port}/${TENANT}`;
      res.setHeader('content-type', 'application/json');
      if (
        req.method === 'GET' &&
        req.url?.startsWith(`/${TENANT}/v2.0/.well-known/openid-configuration`)
      ) {
        res.end(
          JSON.stringify({
            issuer: `${base}/v2.0`,
            authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
            token_endpoint: `${base}/oauth2/v2.0/token`,
            jwks_uri: `${base}/discovery/v2.0/keys`,
          }),
        );
        return;
      }
      if (req.method === 'POST' && req.url?.startsWith(`/${TENANT}/oauth2/v2.0/token`)) {
        tokenRequests.push({ form: new URLSearchParams(Buffer.concat(chunks).toString('utf8')) });
        issued++;
        res.end(
          JSON.stringify({
            token_type: 'Bearer',
            expires_in: 3600,
            ext_expires_in: 3600,
            access_token: `at-${issued}`,
          }),
        );
        return;
      }
      res.statusCode = 404;
      res.end(JSON.stringify({ error: 'not_found', error_description: req.url }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  authority = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

describe('createMsalTokenSource against a local HTTPS authority', () => {
  it('gets a token with a client secret, caches it, and renews it before expiry on the clock', async () => {
    const before = tokenRequests.length;
    const clock = new ManualClock(new Date());
    const source = createMsalTokenSource({
      authority,
      tenantId: TENANT,
      clientId: CLIENT,
      credential: { kind: 'secret', secret: 's3cret' },
      ca: tls.cert,
      clock,
    });
    const first = await source.getToken();
    expect(await source.getToken()).toBe(first);
    const sent = tokenRequests.slice(before);
    expect(sent).toHaveLength(1);
    expect(Object.fromEntries(sent[0]!.form)).toMatchObject({
      grant_type: 'client_credentials',
      client_id: CLIENT,
      client_secret: 's3cret',
    });
    expect(sent[0]!.form.get('scope')).toContain(PARTNER_CENTER_SCOPE);

    clock.advance(3_600_000 - 29_000); // inside the 30 s renewal margin
    const renewed = await source.getToken();
    expect(renewed).not.toBe(first);
    expect(tokenRequests.length - before).toBe(2);
  });

  it('gets a token with a certificate: a signed client assertion, no secret', async () => {
    const before = tokenRequests.length;
    const source = createMsalTokenSource({
      authority,
      tenantId: TENANT,
      clientId: CLIENT,
      credential: {
        kind: 'certificate',
        privateKeyPem: clientCert.key,
        certificatePem: clientCert.cert,
      },
      ca: tls.cert,
    });
    const token = await source.getToken();
    expect(await source.getToken()).toBe(token);
    const sent = tokenRequests.slice(before);
    expect(sent).toHaveLength(1);
    const form = sent[0]!.form;
    expect(form.get('client_secret')).toBeNull();
    expect(form.get('client_assertion_type')).toBe(
      'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    );
    const [header, payload] = (form.get('client_assertion') ?? '')
      .split('.')
      .slice(0, 2)
      .map(
        (part) =>
          JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>,
      );
    const der = new X509Certificate(clientCert.cert).raw;
    expect(header).toMatchObject({
      alg: 'PS256',
      'x5t#S256': createHash('sha256').update(der).digest('base64url'),
    });
    expect(payload).toMatchObject({ iss: CLIENT, sub: CLIENT });
    expect(String(payload!['aud'])).toContain('/oauth2/v2.0/token');
  });

  it('fails with a typed error when the authority refuses', async () => {
    const source = createMsalTokenSource({
      authority,
      tenantId: 'no-such-tenant',
      clientId: CLIENT,
      credential: { kind: 'secret', secret: 'x' },
      ca: tls.cert,
    });
    await expect(source.getToken()).rejects.toMatchObject({
      code: 'token-acquisition-failed',
      name: 'TokenSourceError',
    });
  });

  it('does not trust the authority without its CA', async () => {
    const source = createMsalTokenSource({
      authority,
      tenantId: TENANT,
      clientId: CLIENT,
      credential: { kind: 'secret', secret: 'x' },
    });
    await expect(source.getToken()).rejects.toMatchObject({ code: 'token-acquisition-failed' });
  });
});
