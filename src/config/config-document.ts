import type { ActionKind } from '../model/index.js';
import type { AuthMode, PricingAuthMode } from './agent-config.js';

/** `agent.config.yaml` as written (after schema validation, before resolution). */
export interface ConfigDocument {
  readonly specs?: string;
  readonly state?: string;
  readonly partnerCenter?: {
    readonly endpoint?: string;
    readonly auth?: {
      readonly mode: AuthMode;
      readonly tenantId?: string;
      readonly clientId?: string;
      readonly clientSecretEnv?: string;
      readonly certificatePath?: string;
      readonly tokenEnv?: string;
      readonly authority?: string;
    };
    readonly concurrency?: number;
    readonly rateLimitPerMinute?: number;
    readonly batchSize?: number;
    readonly pricing?: {
      readonly endpoint?: string;
      readonly auth?: {
        readonly mode: PricingAuthMode;
        readonly tokenFile?: string;
        readonly tenantId?: string;
        readonly clientId?: string;
        readonly authority?: string;
        readonly clientSecretEnv?: string;
        readonly cacheFile?: string;
        readonly tokenEnv?: string;
      };
      readonly views?: readonly string[];
    };
    readonly refresh?: {
      readonly mode?: 'full' | 'incremental';
      readonly fullEvery?: string;
      readonly overlap?: string;
    };
  };
  readonly schedule?: string;
  readonly daemon?: {
    readonly metricsPort?: number;
    readonly metricsHost?: string;
    readonly webhookUrl?: string;
    readonly renewalNoticeDays?: readonly number[];
    readonly dashboardPort?: number;
    readonly dashboardHost?: string;
  };
  readonly policy?: {
    readonly autoApply?: readonly ActionKind[];
    readonly limits?: {
      readonly maxSeatIncrease?: number;
      readonly maxNewPurchases?: number;
      readonly maxCancellations?: number;
      readonly maxShrinkingItems?: number | string;
      readonly maxMonthlyIncrease?: Readonly<Record<string, number>>;
      readonly maxCommitment?: Readonly<Record<string, number>>;
    };
  };
}

/** Values given on the command line; they beat env vars and the file. Paths resolve against cwd. */
export interface ConfigOverrides {
  readonly specs?: string;
  readonly state?: string;
  readonly endpoint?: string;
  readonly concurrency?: number | string;
  readonly schedule?: string;
  readonly metricsPort?: number | string;
}

/**
 * Environment variables that override single settings (documented in
 * docs/config-reference.md). Paths they give resolve against the working directory.
 */
export const CONFIG_ENV = {
  config: 'QM_CONFIG',
  specs: 'QM_SPECS',
  state: 'QM_STATE',
  endpoint: 'QM_ENDPOINT',
  concurrency: 'QM_CONCURRENCY',
  schedule: 'QM_SCHEDULE',
  authority: 'QM_AUTHORITY',
  metricsPort: 'QM_METRICS_PORT',
  webhookUrl: 'QM_WEBHOOK_URL',
  dashboardPort: 'QM_DASHBOARD_PORT',
} as const;

/** Keys that would hold a secret inline, and what to write instead. */
export const INLINE_SECRET_KEYS: Readonly<Record<string, string>> = {
  clientsecret: 'clientSecretEnv: <NAME of the env var holding it>',
  secret: 'clientSecretEnv: <NAME of the env var holding it>',
  password: 'clientSecretEnv: <NAME of the env var holding it>',
  token: 'tokenEnv: <NAME of the env var holding it>',
  accesstoken: 'tokenEnv: <NAME of the env var holding it>',
  bearertoken: 'tokenEnv: <NAME of the env var holding it>',
  privatekey: 'certificatePath: <PEM file>',
  certificate: 'certificatePath: <PEM file>',
};
