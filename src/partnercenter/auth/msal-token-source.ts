import { X509Certificate } from 'node:crypto';
import type {
  ConfidentialClientApplication,
  Configuration,
  INetworkModule,
} from '@azure/msal-node';
import { systemClock, type Clock } from '../../support/index.js';
import { TokenSourceError, type TokenSource } from './token-source.js';
import { createUndiciNetworkClient } from './undici-network-client.js';

/**
 * App-only tokens through MSAL's client-credentials flow (docs/partner-center-api.md §1.5,
 * https://learn.microsoft.com/en-us/partner-center/developer/partner-center-authentication).
 */

/** The Partner Center audience; `graph.windows.net` tokens are rejected since August 2025. */
export const PARTNER_CENTER_SCOPE = 'https://api.partnercenter.microsoft.com/.default';

export type MsalCredential =
  | { readonly kind: 'secret'; readonly secret: string }
  | {
      readonly kind: 'certificate';
      readonly privateKeyPem: string;
      readonly certificatePem: string;
    };

export interface MsalTokenSourceOptions {
  /** Token authority root, e.g. `https://login.microsoftonline.com` (no tenant). */
  readonly authority: string;
  /** Partner tenant id, appended to the authority. */
  readonly tenantId: string;
  readonly clientId: string;
  readonly credential: MsalCredential;
  /** @default PARTNER_CENTER_SCOPE */
  readonly scope?: string;
  /** MSAL network client; default: undici, trusting `ca` in addition to the system roots. */
  readonly networkClient?: INetworkModule;
  /** Extra CA certificate(s) (PEM) trusted for the authority. Ignored with `networkClient`. */
  readonly ca?: string | readonly string[];
  /** @default systemClock */
  readonly clock?: Clock;
  /** Get a new token this long before the cached one expires. @default 30000 (the SDK's 30 s) */
  readonly refreshBeforeExpiryMs?: number;
}

/**
 * A {@link TokenSource} backed by an MSAL ConfidentialClientApplication. Tokens are cached
 * (MSAL's cache plus a memo of the last token) and renewed `refreshBeforeExpiryMs` before
 * expiry; concurrent callers share one request.
 * @throws TokenSourceError `token-acquisition-failed` wrapping the MSAL error.
 */
export function createMsalTokenSource(options: MsalTokenSourceOptions): TokenSource {
  const clock = options.clock ?? systemClock;
  const scope = options.scope ?? PARTNER_CENTER_SCOPE;
  const refreshBefore = options.refreshBeforeExpiryMs ?? 30_000;
  // MSAL is loaded on the first token request: the sandbox and access-token modes never pay
  // for it, which keeps every `qm` command's start-up short.
  let app: Promise<ConfidentialClientApplication> | undefined;
  const client = (): Promise<ConfidentialClientApplication> =>
    (app ??= import('@azure/msal-node').then(
      (msal) => new msal.ConfidentialClientApplication(buildConfiguration(options)),
    ));
  let cached: { token: string; expiresAt: number } | undefined;
  let inFlight: Promise<string> | undefined;

  async function acquire(): Promise<string> {
    try {
      // A renewal decided on our clock skips MSAL's cache, whose own renewal margin runs on
      // wall time; the first request may be served from it.
      const result = await (
        await client()
      ).acquireTokenByClientCredential({
        scopes: [scope],
        skipCache: cached !== undefined,
      });
      if (result === null || result.accessToken === '')
        throw new Error('MSAL returned no access token');
      const expiresAt = result.expiresOn?.getTime() ?? clock.now().getTime() + 3_600_000;
      cached = { token: result.accessToken, expiresAt };
      return result.accessToken;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new TokenSourceError(
        'token-acquisition-failed',
        `Could not get a Partner Center token for client ${options.clientId} from ${options.authority}: ${reason}`,
        { cause: error },
      );
    }
  }

  return {
    async getToken(signal) {
      signal?.throwIfAborted();
      if (cached !== undefined && clock.now().getTime() < cached.expiresAt - refreshBefore)
        return cached.token;
      inFlight ??= acquire().finally(() => {
        inFlight = undefined;
      });
      return inFlight;
    },
  };
}

function buildConfiguration(options: MsalTokenSourceOptions): Configuration {
  const authorityRoot = options.authority.replace(/\/+$/, '');
  const auth: Configuration['auth'] = {
    clientId: options.clientId,
    authority: `${authorityRoot}/${options.tenantId}`,
    // Listing the host skips the instance-discovery call to login.microsoftonline.com, so a
    // compatible authority (sovereign cloud, test server) is used as configured.
    knownAuthorities: [new URL(authorityRoot).host],
  };
  if (options.credential.kind === 'secret') {
    auth.clientSecret = options.credential.secret;
  } else {
    const certificate = new X509Certificate(options.credential.certificatePem);
    auth.clientCertificate = {
      thumbprintSha256: certificate.fingerprint256.replaceAll(':', '').toLowerCase(),
      privateKey: options.credential.privateKeyPem,
      x5c: options.credential.certificatePem,
    };
  }
  const networkClient =
    options.networkClient ??
    createUndiciNetworkClient(options.ca === undefined ? {} : { ca: options.ca });
  return { auth, system: { networkClient } };
}
