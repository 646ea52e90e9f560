import { readFileSync } from 'node:fs';
import type { AuthConfig } from '../config/index.js';
import {
  createEnvTokenSource,
  createMsalTokenSource,
  createStaticTokenSource,
  type TokenSource,
} from '../partnercenter/index.js';
import { SANDBOX_TOKENS } from '../sandbox/index.js';
import { OperationalError } from '../support/index.js';

/**
 * The token source for the configured auth mode. `none` is for the sandbox: no credentials are
 * configured and the sandbox's well-known App+User token is sent. Secrets are read here, from
 * the environment or the certificate file, never from the config.
 */
export function buildTokenSource(
  auth: AuthConfig,
  env: Readonly<Record<string, string | undefined>>,
): TokenSource {
  switch (auth.mode) {
    case 'none':
      return createStaticTokenSource(SANDBOX_TOKENS.appUser);
    case 'access-token':
      return createEnvTokenSource(auth.tokenEnv, env);
    case 'client-secret': {
      const secret = env[auth.clientSecretEnv];
      if (secret === undefined || secret === '') {
        throw new OperationalError(
          'auth-secret-missing',
          `auth mode client-secret reads the client secret from $${auth.clientSecretEnv}, which is not set; export it or change partnerCenter.auth.clientSecretEnv`,
        );
      }
      return createMsalTokenSource({
        authority: auth.authority,
        tenantId: auth.tenantId,
        clientId: auth.clientId,
        credential: { kind: 'secret', secret },
      });
    }
    case 'certificate': {
      const pem = readCertificate(auth.certificatePath);
      return createMsalTokenSource({
        authority: auth.authority,
        tenantId: auth.tenantId,
        clientId: auth.clientId,
        credential: { kind: 'certificate', privateKeyPem: pem.key, certificatePem: pem.cert },
      });
    }
  }
}

function readCertificate(path: string): { key: string; cert: string } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new OperationalError(
      'auth-certificate-unreadable',
      `cannot read the certificate file ${path}; check partnerCenter.auth.certificatePath`,
      { cause: error },
    );
  }
  const key =
    /-----BEGIN (?:RSA |EC )?PRIVATE KEY-----[\s\S]+?-----END (?:RSA |EC )?PRIVATE KEY-----/.exec(
      text,
    )?.[0];
  const cert = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(text)?.[0];
  if (key === undefined || cert === undefined) {
    throw new OperationalError(
      'auth-certificate-invalid',
      `${path} must hold both a PEM certificate and its PEM private key`,
    );
  }
  return { key, cert };
}
