import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type {
  AuthenticationResult,
  ConfidentialClientApplication,
  Configuration,
  ICachePlugin,
  INetworkModule,
  PublicClientApplication,
} from '@azure/msal-node';
import { systemClock, type Clock } from '../../support/index.js';
import { TokenSourceError, type TokenSource } from './token-source.js';
import { createUndiciNetworkClient } from './undici-network-client.js';

/**
 * The audience of the price sheet API (api.partner.microsoft.com), which is not the Partner
 * Center REST audience (docs/partner-center-api.md "Price sheets").
 */
export const PARTNER_PRICING_SCOPE = 'https://api.partner.microsoft.com/.default';

type ClientApplication = PublicClientApplication | ConfidentialClientApplication;

/** How an App+User token is obtained: the price sheet API refuses app-only tokens. */
export type DelegatedFlow =
  | {
      readonly kind: 'refresh-token';
      /** Returns the refresh token (read from its file on every acquisition, so a rotated file is used). */
      readonly readRefreshToken: () => string;
      /** The client secret of a confidential (web) app; absent for a public client. */
      readonly clientSecret?: string;
    }
  | {
      readonly kind: 'device-code';
      /** MSAL token cache file (refresh tokens: written 0600), so one sign-in lasts across runs. */
      readonly cacheFile: string;
      /** Shows the sign-in instructions ("To sign in, open … and enter the code …"). */
      readonly onDeviceCode: (message: string) => void;
    };

export interface DelegatedTokenSourceOptions {
  /** Token authority root without the tenant, e.g. `https://login.microsoftonline.com`. */
  readonly authority: string;
  readonly tenantId: string;
  readonly clientId: string;
  readonly flow: DelegatedFlow;
  /** @default PARTNER_PRICING_SCOPE */
  readonly scope?: string;
  readonly networkClient?: INetworkModule;
  /** Extra CA certificate(s) (PEM) trusted for the authority. Ignored with `networkClient`. */
  readonly ca?: string | readonly string[];
  /** @default systemClock */
  readonly clock?: Clock;
}

/**
 * A {@link TokenSource} for App+User tokens through MSAL: `refresh-token` redeems a refresh
 * token kept in a file (`acquireTokenByRefreshToken`), `device-code` has a person sign in
 * (`acquireTokenByDeviceCode`) and afterwards renews silently from the token cache file. The
 * token is memoised until 30 s before it expires; concurrent callers share one request.
 * @throws TokenSourceError `token-acquisition-failed` naming the flow and what to do.
 */
export function createDelegatedTokenSource(options: DelegatedTokenSourceOptions): TokenSource {
  const clock = options.clock ?? systemClock;
  const scopes = [options.scope ?? PARTNER_PRICING_SCOPE];
  let app: Promise<ClientApplication> | undefined;
  const client = (): Promise<ClientApplication> => (app ??= buildApplication(options));
  let cached: { token: string; expiresAt: number } | undefined;
  let inFlight: Promise<string> | undefined;

  async function redeem(msal: ClientApplication): Promise<AuthenticationResult | null> {
    const flow = options.flow;
    if (flow.kind === 'refresh-token') {
      const refreshToken = flow.readRefreshToken().trim();
      if (refreshToken === '') throw new Error('the refresh token file is empty');
      return msal.acquireTokenByRefreshToken({ refreshToken, scopes });
    }
    const [account] = await msal.getTokenCache().getAllAccounts();
    if (account !== undefined) {
      try {
        return await msal.acquireTokenSilent({ account, scopes });
      } catch {
        // The cached sign-in expired or was revoked: sign in again below.
      }
    }
    if (!('acquireTokenByDeviceCode' in msal)) throw new Error('device code needs a public client');
    return msal.acquireTokenByDeviceCode({
      scopes,
      deviceCodeCallback: (response) => flow.onDeviceCode(response.message),
    });
  }

  async function acquire(): Promise<string> {
    try {
      const result = await redeem(await client());
      if (result === null || result.accessToken === '')
        throw new Error('MSAL returned no access token');
      cached = {
        token: result.accessToken,
        expiresAt: result.expiresOn?.getTime() ?? clock.now().getTime() + 3_600_000,
      };
      return result.accessToken;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const what =
        options.flow.kind === 'refresh-token'
          ? 'redeeming the refresh token in partnerCenter.pricing.auth.tokenFile (get a new one if it expired or was revoked)'
          : 'the device-code sign-in (run again and complete the sign-in it prints)';
      throw new TokenSourceError(
        'token-acquisition-failed',
        `Could not get a price sheet token (App+User, ${scopes[0] ?? ''}) for client ${options.clientId} from ${options.authority}: ${what}: ${reason}`,
        { cause: error },
      );
    }
  }

  return {
    async getToken(signal) {
      signal?.throwIfAborted();
      if (cached !== undefined && clock.now().getTime() < cached.expiresAt - 30_000)
        return cached.token;
      inFlight ??= acquire().finally(() => {
        inFlight = undefined;
      });
      return inFlight;
    },
  };
}

async function buildApplication(options: DelegatedTokenSourceOptions): Promise<ClientApplication> {
  const msal = await import('@azure/msal-node');
  const root = options.authority.replace(/\/+$/, '');
  const networkClient =
    options.networkClient ??
    createUndiciNetworkClient(options.ca === undefined ? {} : { ca: options.ca });
  const flow = options.flow;
  const secret = flow.kind === 'refresh-token' ? flow.clientSecret : undefined;
  const configuration: Configuration = {
    auth: {
      clientId: options.clientId,
      authority: `${root}/${options.tenantId}`,
      knownAuthorities: [new URL(root).host],
      ...(secret === undefined ? {} : { clientSecret: secret }),
    },
    system: { networkClient },
    ...(flow.kind === 'device-code'
      ? { cache: { cachePlugin: fileCachePlugin(flow.cacheFile) } }
      : {}),
  };
  return secret === undefined
    ? new msal.PublicClientApplication(configuration)
    : new msal.ConfidentialClientApplication(configuration);
}

/** MSAL's cache kept in `file`, readable by its owner only: it holds refresh tokens. */
function fileCachePlugin(file: string): ICachePlugin {
  return {
    beforeCacheAccess: (context) => {
      if (existsSync(file)) context.tokenCache.deserialize(readFileSync(file, 'utf8'));
      return Promise.resolve();
    },
    afterCacheAccess: (context) => {
      if (context.cacheHasChanged) {
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, context.tokenCache.serialize(), { mode: 0o600 });
        chmodSync(file, 0o600);
      }
      return Promise.resolve();
    },
  };
}
