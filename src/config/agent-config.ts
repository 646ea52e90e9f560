import type { Policy, PricesheetView } from '../model/index.js';

/** The token authority used when the config names none (global Partner Center). */
export const DEFAULT_AUTHORITY = 'https://login.microsoftonline.com';

/** Where the agent talks to: the embedded emulator, or a Partner Center-compatible base URL. */
export type EndpointConfig =
  | { readonly kind: 'sandbox' }
  /** `baseUrl` is the API root without `/v1` and without a trailing slash. */
  | { readonly kind: 'url'; readonly baseUrl: string };

/**
 * How the agent authenticates. Secrets never appear here: only the names of the environment
 * variables (or the paths of the files) that hold them, read when a token is needed.
 */
export type AuthConfig =
  /** No token: the embedded sandbox (or a sandbox served on a loopback address). */
  | { readonly mode: 'none' }
  | {
      readonly mode: 'client-secret';
      readonly tenantId: string;
      readonly clientId: string;
      /** @default 'QM_CLIENT_SECRET' */
      readonly clientSecretEnv: string;
      /** @default DEFAULT_AUTHORITY */
      readonly authority: string;
    }
  | {
      readonly mode: 'certificate';
      readonly tenantId: string;
      readonly clientId: string;
      /** Absolute path of a PEM file holding the certificate and its private key. */
      readonly certificatePath: string;
      readonly authority: string;
    }
  | {
      readonly mode: 'access-token';
      /** A pre-acquired bearer token is read from this variable. @default 'QM_ACCESS_TOKEN' */
      readonly tokenEnv: string;
    };

export type AuthMode = AuthConfig['mode'];
export const AUTH_MODES = [
  'none',
  'client-secret',
  'certificate',
  'access-token',
] as const satisfies readonly AuthMode[];

/** The resolved agent config (docs/config-reference.md): every default applied, every path absolute. */
export interface AgentConfig {
  /** The config file read (absolute); absent when no file was found and defaults apply. */
  readonly file?: string;
  /** Folder holding the spec files. @default <config folder>/specs */
  readonly specs: string;
  /** SQLite state file. @default <config folder>/state/quartermaster.db */
  readonly state: string;
  readonly partnerCenter: {
    /** @default { kind: 'sandbox' } */
    readonly endpoint: EndpointConfig;
    /** @default { mode: 'none' } */
    readonly auth: AuthConfig;
    /** Customers processed in parallel, 1..64. @default 8 */
    readonly concurrency: number;
    /**
     * Client-side request budget per route family per minute; absent = the client's 500
     * (docs/partner-center-api.md §1.7). `--shard i/n` divides it by n (docs/scale.md).
     */
    readonly rateLimitPerMinute?: number;
    /**
     * Customers planned per batch (docs/scale.md "Flat memory"): a cycle holds about two batches'
     * live state at once. Absent = the agent's default (100).
     */
    readonly batchSize?: number;
    /** Price sheets (docs/pricing.md); absent = plans are unpriced. */
    readonly pricing?: PricingConfig;
    /** `partnerCenter.refresh` (docs/scale.md "Incremental refresh"); absent = every cycle reads every customer. */
    readonly refresh?: RefreshConfig;
  };
  /** Daemon cadence, a node-cron expression. @default '*\/30 * * * *' */
  readonly schedule: string;
  /** @default DEFAULT_POLICY */
  readonly policy: Policy;
  /** `qm run` operability (metrics/health port, webhook); absent when not configured. */
  readonly daemon?: DaemonConfig;
}

/** `daemon:` — what `qm run` exposes and whom it tells (docs/operations.md). */
export interface DaemonConfig {
  /** Port of the /healthz and /metrics server; 0 = any free port; absent = no server. */
  readonly metricsPort?: number;
  /** Address the server listens on. @default '127.0.0.1' */
  readonly metricsHost?: string;
  /** JSON POST target for review/failure/refund-window/renewal notices (may embed a credential). */
  readonly webhookUrl?: string;
  /**
   * Days before each renewal a renewal-decision notice is sent, largest first, no duplicates;
   * `[]` sends none. Absent = DEFAULT_RENEWAL_NOTICE_DAYS.
   */
  readonly renewalNoticeDays?: readonly number[];
  /**
   * Port of the read-only web dashboard `qm run` serves (docs/dashboard.md); 0 = any free port;
   * absent = none. Env `QM_DASHBOARD_PORT`.
   */
  readonly dashboardPort?: number;
  /**
   * Address the dashboard listens on. @default '127.0.0.1'. Anything but loopback needs
   * `QM_DASHBOARD_TOKEN` (the dashboard refuses to start without it).
   */
  readonly dashboardHost?: string;
}

/** `daemon.renewalNoticeDays` when the config sets none. */
export const DEFAULT_RENEWAL_NOTICE_DAYS: readonly number[] = [30, 7, 1];
/** The largest `daemon.renewalNoticeDays` entry: three years, the longest NCE term. */
export const MAX_RENEWAL_NOTICE_DAYS = 1095;

/**
 * `partnerCenter.pricing` (docs/pricing.md): where the price sheets are read and with which
 * token. The price sheet API lives on another host (`api.partner.microsoft.com`) and takes only
 * App+User tokens for that audience, so it has its own endpoint and auth.
 */
export interface PricingConfig {
  /** `sandbox`: the same embedded emulator as `partnerCenter.endpoint: sandbox`. @default DEFAULT_PRICING_URL */
  readonly endpoint: EndpointConfig;
  readonly auth: PricingAuthConfig;
  /** Sheets read per market. @default every one of PRICESHEET_VIEWS */
  readonly views: readonly PricesheetView[];
}

/** How the pricing token is obtained; secrets only ever come from files and env vars. */
export type PricingAuthConfig =
  /** No token: the embedded sandbox (or a sandbox on a loopback address). */
  | { readonly mode: 'none' }
  | {
      readonly mode: 'refresh-token';
      /** Absolute path of a file holding an App+User refresh token (read when a token is needed). */
      readonly tokenFile: string;
      readonly tenantId: string;
      readonly clientId: string;
      /** @default DEFAULT_AUTHORITY */
      readonly authority: string;
      /** Env var holding the app's client secret, for a confidential (web) app. */
      readonly clientSecretEnv?: string;
    }
  | {
      readonly mode: 'device-code';
      readonly tenantId: string;
      readonly clientId: string;
      readonly authority: string;
      /** Absolute path of the MSAL token cache kept between runs. @default <state folder>/pricing-token-cache.json */
      readonly cacheFile: string;
    }
  | {
      readonly mode: 'access-token';
      /** A pre-acquired pricing bearer token is read from this variable. @default 'QM_PRICING_TOKEN' */
      readonly tokenEnv: string;
    };

export type PricingAuthMode = PricingAuthConfig['mode'];
export const PRICING_AUTH_MODES = [
  'none',
  'refresh-token',
  'device-code',
  'access-token',
] as const satisfies readonly PricingAuthMode[];

/** The price sheet API's host (docs/partner-center-api.md "Price sheets"). */
export const DEFAULT_PRICING_URL = 'https://api.partner.microsoft.com';

export const DEFAULT_SCHEDULE = '*/30 * * * *';
export const DEFAULT_CONCURRENCY = 8;
export const MAX_CONCURRENCY = 64;
export const DEFAULT_CONFIG_FILE = 'agent.config.yaml';

/** How a cycle learns what Partner Center holds (docs/scale.md "Incremental refresh"). */
export type RefreshMode = 'full' | 'incremental';
export const REFRESH_MODES = ['full', 'incremental'] as const satisfies readonly RefreshMode[];

/** `partnerCenter.refresh`: full reads every cycle, or reads driven by the audit feed. */
export interface RefreshConfig {
  /** @default 'full' */
  readonly mode: RefreshMode;
  /** Incremental mode: a full resync at least this often (ms). @default DEFAULT_FULL_EVERY_MS */
  readonly fullEveryMs: number;
  /**
   * Incremental mode: each audit read starts this long before the previous one ended, for
   * records that appear late and clocks that disagree (ms). @default DEFAULT_AUDIT_OVERLAP_MS
   */
  readonly overlapMs: number;
}

/** `refresh.fullEvery` when the config sets none: 24 h (DESIGN §3). */
export const DEFAULT_FULL_EVERY_MS = 24 * 3_600_000;
/** `refresh.overlap` when the config sets none: 15 min (Partner Center documents no audit latency). */
export const DEFAULT_AUDIT_OVERLAP_MS = 15 * 60_000;
