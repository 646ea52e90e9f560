import { ACTION_KINDS, DRIFT_POLICIES } from '../model/index.js';
import {
  AUTH_MODES,
  MAX_CONCURRENCY,
  MAX_RENEWAL_NOTICE_DAYS,
  REFRESH_MODES,
} from './agent-config.js';
import { pricingSchema } from './pricing-schema.js';

export const ENV_NAME_PATTERN = '^[A-Za-z_][A-Za-z0-9_]*$';
const GUID_PATTERN =
  '^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$';
const TENANT_PATTERN = `${GUID_PATTERN.slice(0, -1)}|^[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+$`;
const SHARE_PATTERN = '^[0-9]+(\\.[0-9]+)?%$';
const CURRENCY_PATTERN = '^[A-Za-z]{3}$';
/** `90m`, `24h`, `7d`, `1d12h`: whole numbers of s, m, h or d (resolve-refresh.ts reads them). */
export const DURATION_PATTERN = '^([0-9]+[smhd])+$';

/** Human names for the config schema's patterns. */
export const CONFIG_PATTERN_NAMES: Readonly<Record<string, string>> = {
  [ENV_NAME_PATTERN]:
    "the NAME of an environment variable (letters, digits, '_'), not the secret itself",
  [GUID_PATTERN]: 'a GUID (8-4-4-4-12 hex digits)',
  [TENANT_PATTERN]: 'a tenant GUID or a tenant domain (e.g. contoso.onmicrosoft.com)',
  [SHARE_PATTERN]: 'a count (e.g. 5) or a share of the managed items (e.g. 25%)',
  [CURRENCY_PATTERN]: 'a three-letter currency code (e.g. USD)',
  [DURATION_PATTERN]: 'a duration such as 24h, 90m, 7d or 1d12h (units s, m, h, d)',
};

const limit = (description: string): object => ({ description, type: 'integer', minimum: 0 });
/** A map from ISO 4217 currency code to a non-negative amount. */
const moneyLimit = (description: string): object => ({
  description,
  type: 'object',
  propertyNames: { pattern: CURRENCY_PATTERN },
  additionalProperties: { type: 'number', minimum: 0 },
});

/**
 * JSON Schema (draft-07) of `agent.config.yaml`. Values the schema cannot judge (endpoint
 * URL, authority URL, cron expression, percent range) are checked by `checkConfigRules`.
 */
export const CONFIG_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'urn:quartermaster:config:v1',
  description: 'Quartermaster agent config (docs/config-reference.md).',
  type: 'object',
  additionalProperties: false,
  properties: {
    specs: {
      description: 'Folder of spec files, relative to this file.',
      type: 'string',
      minLength: 1,
    },
    state: {
      description: 'SQLite state file, relative to this file.',
      type: 'string',
      minLength: 1,
    },
    partnerCenter: {
      description: 'Where and how to reach Partner Center.',
      type: 'object',
      additionalProperties: false,
      properties: {
        endpoint: {
          description: '"sandbox" (embedded emulator) or the API base URL without /v1.',
          type: 'string',
          minLength: 1,
        },
        auth: {
          description: 'Authentication. Secrets only ever come from env vars or files.',
          type: 'object',
          additionalProperties: false,
          required: ['mode'],
          properties: {
            mode: {
              description: 'none | client-secret | certificate | access-token.',
              enum: [...AUTH_MODES],
            },
            tenantId: {
              description: 'Partner tenant id or domain.',
              type: 'string',
              pattern: TENANT_PATTERN,
            },
            clientId: {
              description: 'Entra ID application (client) id.',
              type: 'string',
              pattern: GUID_PATTERN,
            },
            clientSecretEnv: {
              description: 'Env var holding the client secret.',
              type: 'string',
              pattern: ENV_NAME_PATTERN,
            },
            certificatePath: {
              description: 'PEM with certificate and private key.',
              type: 'string',
              minLength: 1,
            },
            tokenEnv: {
              description: 'Env var holding a bearer token.',
              type: 'string',
              pattern: ENV_NAME_PATTERN,
            },
            authority: { description: 'Token authority base URL.', type: 'string', minLength: 1 },
          },
          allOf: [
            {
              if: { properties: { mode: { const: 'client-secret' } } },
              then: {
                description: 'client-secret mode needs tenantId and clientId',
                required: ['tenantId', 'clientId'],
              },
            },
            {
              if: { properties: { mode: { const: 'certificate' } } },
              then: {
                description: 'certificate mode needs tenantId, clientId and certificatePath',
                required: ['tenantId', 'clientId', 'certificatePath'],
              },
            },
          ],
        },
        concurrency: {
          description: 'Customers processed in parallel.',
          type: 'integer',
          minimum: 1,
          maximum: MAX_CONCURRENCY,
        },
        batchSize: {
          description:
            'Customers refreshed and planned per batch (default 100); memory grows with it, not with the estate.',
          type: 'integer',
          minimum: 1,
          maximum: 10000,
        },
        rateLimitPerMinute: {
          description: 'Client request budget per route family per minute (default 500).',
          type: 'integer',
          minimum: 1,
          maximum: 100000,
        },
        pricing: pricingSchema({
          guid: GUID_PATTERN,
          tenant: TENANT_PATTERN,
          envName: ENV_NAME_PATTERN,
        }),
        refresh: {
          description:
            'How a cycle reads Partner Center: full (every customer) or incremental (the audit feed decides).',
          type: 'object',
          additionalProperties: false,
          properties: {
            mode: { description: 'full | incremental.', enum: [...REFRESH_MODES] },
            fullEvery: {
              description: 'Incremental mode: a full resync at least this often (default 24h).',
              type: 'string',
              pattern: DURATION_PATTERN,
            },
            overlap: {
              description:
                'Incremental mode: each audit read starts this long before the last ended (default 15m).',
              type: 'string',
              pattern: DURATION_PATTERN,
            },
          },
        },
      },
    },
    schedule: {
      description: 'Daemon cadence (node-cron expression).',
      type: 'string',
      minLength: 1,
    },
    policy: {
      description: 'Guard rails; omitted values take the defaults.',
      type: 'object',
      additionalProperties: false,
      properties: {
        autoApply: {
          description: 'Action kinds the daemon may apply unattended.',
          type: 'array',
          uniqueItems: true,
          items: { enum: [...ACTION_KINDS] },
        },
        limits: {
          description: 'Per-run limits.',
          type: 'object',
          additionalProperties: false,
          properties: {
            maxSeatIncrease: limit('Seats added per item per run.'),
            maxNewPurchases: limit('Purchases per run.'),
            maxCancellations: limit('Cancellations per run; 0 refuses all.'),
            maxShrinkingItems: {
              description: 'Shrink circuit breaker: a count or a share such as 25%.',
              type: ['integer', 'string'],
              minimum: 0,
              pattern: SHARE_PATTERN,
            },
            maxMonthlyIncrease: moneyLimit(
              'Monthly run rate a run may add, per currency, e.g. { USD: 5000 }.',
            ),
            maxCommitment: moneyLimit('Money a run may commit, per currency, e.g. { USD: 50000 }.'),
          },
        },
        drift: {
          description:
            'Seats changed outside git, for items whose spec says nothing: revert (default), keep-higher or report.',
          enum: [...DRIFT_POLICIES],
        },
      },
    },
    daemon: {
      description: 'qm run operability: health/metrics server, webhook and renewal notices.',
      type: 'object',
      additionalProperties: false,
      properties: {
        metricsPort: {
          description: 'Port for /healthz and /metrics; 0 = any free port.',
          type: 'integer',
          minimum: 0,
          maximum: 65535,
        },
        metricsHost: {
          description: 'Listen address (default 127.0.0.1).',
          type: 'string',
          minLength: 1,
        },
        webhookUrl: {
          description: 'JSON POST target for notices (prefer env QM_WEBHOOK_URL).',
          type: 'string',
          minLength: 1,
        },
        renewalNoticeDays: {
          description:
            'Days before each renewal a renewal-decision notice is sent; [] sends none. Default [30, 7, 1].',
          type: 'array',
          items: { type: 'integer', minimum: 1, maximum: MAX_RENEWAL_NOTICE_DAYS },
        },
        dashboardPort: {
          description: 'Port of the read-only web dashboard qm run serves; 0 = any free port.',
          type: 'integer',
          minimum: 0,
          maximum: 65535,
        },
        dashboardHost: {
          description:
            'Dashboard listen address (default 127.0.0.1); non-loopback needs env QM_DASHBOARD_TOKEN.',
          type: 'string',
          minLength: 1,
        },
      },
    },
  },
} as const;
