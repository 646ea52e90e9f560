import { readFileSync } from 'node:fs';
import type { PricingAuthConfig, PricingConfig } from '../config/index.js';
import type { PriceRow, PriceSource } from '../model/index.js';
import {
  createDelegatedTokenSource,
  createEnvTokenSource,
  createPriceSheetClient,
  createStaticTokenSource,
  PartnerCenterError,
  type CallEvent,
  type PriceSheetClient,
  type TokenSource,
} from '../partnercenter/index.js';
import { SANDBOX_TOKENS } from '../sandbox/index.js';
import type { GuardedWrite, StateStore } from '../state/index.js';
import { OperationalError, type Clock } from '../support/index.js';

/**
 * The pricing token source for `partnerCenter.pricing.auth` (docs/pricing.md). `none` sends the
 * sandbox's App+User token; `device-code` prints the sign-in instructions through `notify`.
 */
export function buildPricingTokenSource(
  auth: PricingAuthConfig,
  env: Readonly<Record<string, string | undefined>>,
  notify: (message: string) => void,
): TokenSource {
  switch (auth.mode) {
    case 'none':
      return createStaticTokenSource(SANDBOX_TOKENS.appUser);
    case 'access-token':
      return createEnvTokenSource(auth.tokenEnv, env);
    case 'refresh-token': {
      const secretEnv = auth.clientSecretEnv;
      const secret = secretEnv === undefined ? undefined : env[secretEnv];
      if (secretEnv !== undefined && (secret === undefined || secret === '')) {
        throw new OperationalError(
          'auth-secret-missing',
          `partnerCenter.pricing.auth reads the client secret from $${secretEnv}, which is not set; export it or remove clientSecretEnv (a public client needs none)`,
        );
      }
      return createDelegatedTokenSource({
        authority: auth.authority,
        tenantId: auth.tenantId,
        clientId: auth.clientId,
        flow: {
          kind: 'refresh-token',
          readRefreshToken: () => readTokenFile(auth.tokenFile),
          ...(secret === undefined ? {} : { clientSecret: secret }),
        },
      });
    }
    case 'device-code':
      return createDelegatedTokenSource({
        authority: auth.authority,
        tenantId: auth.tenantId,
        clientId: auth.clientId,
        flow: { kind: 'device-code', cacheFile: auth.cacheFile, onDeviceCode: notify },
      });
  }
}

function readTokenFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new OperationalError(
      'auth-token-file-unreadable',
      `cannot read the refresh token file ${path}; check partnerCenter.pricing.auth.tokenFile`,
      { cause: error },
    );
  }
}

export interface PricingPortOptions {
  readonly config: PricingConfig;
  /** The price sheet API root: the embedded sandbox's URL for `endpoint: sandbox`. */
  readonly baseUrl: string;
  readonly tokenSource: TokenSource;
  readonly store: StateStore;
  readonly clock: Clock;
  readonly onCall?: (event: CallEvent) => void;
}

/**
 * agent/'s `PricingPort` (agent/ports.ts) over the price sheet client and the state store's
 * cache. `fetchSheet` streams the download into `replaceSheet` and keeps aside the rows the
 * caller asks for; `client` is returned for closing.
 */
export function createPricingPort(options: PricingPortOptions) {
  const client: PriceSheetClient = createPriceSheetClient({
    baseUrl: options.baseUrl,
    tokenSource: options.tokenSource,
    clock: options.clock,
    ...(options.onCall === undefined ? {} : { onCall: options.onCall }),
  });
  const prices = options.store.prices;
  return {
    client,
    views: options.config.views,
    listSheets: () => prices.list(),
    findRows: (market: string, productId: string, skuId: string) =>
      prices.find(market, productId, skuId),
    async fetchSheet(source: PriceSource, write: GuardedWrite, keep: (row: PriceRow) => boolean) {
      const kept: PriceRow[] = [];
      async function* tap(): AsyncGenerator<PriceRow> {
        for await (const row of client.streamPriceSheet(source)) {
          if (keep(row)) kept.push(row);
          yield row;
        }
      }
      const fetchedAt = options.clock.now().toISOString();
      const result = await prices.replaceSheet(source, fetchedAt, tap(), { write });
      return { ...result, kept };
    },
    describeFailure: (error: unknown) => ({
      code:
        error instanceof PartnerCenterError || error instanceof OperationalError
          ? error.code
          : 'internal',
      message: error instanceof Error ? error.message : String(error),
    }),
  };
}
