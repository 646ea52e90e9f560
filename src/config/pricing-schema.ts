import { PRICESHEET_VIEWS } from '../model/index.js';
import { PRICING_AUTH_MODES } from './agent-config.js';

/** The patterns `config-schema.ts` names for humans, passed in to keep one definition. */
export interface SchemaPatterns {
  readonly guid: string;
  readonly tenant: string;
  readonly envName: string;
}

/**
 * JSON Schema of `partnerCenter.pricing` (docs/pricing.md). Values the schema cannot judge
 * (endpoint URL, authority, the sandbox pairing, files) are checked by `resolvePricing`.
 */
export function pricingSchema(patterns: SchemaPatterns): object {
  const text = (description: string): object => ({ description, type: 'string', minLength: 1 });
  return {
    description: 'Price sheets: their host and an App+User token (docs/pricing.md).',
    type: 'object',
    additionalProperties: false,
    properties: {
      endpoint: text(
        '"sandbox" (the embedded emulator) or the price sheet API root, default https://api.partner.microsoft.com.',
      ),
      auth: {
        description: 'How the pricing token is obtained. Secrets only come from files or env vars.',
        type: 'object',
        additionalProperties: false,
        required: ['mode'],
        properties: {
          mode: {
            description: 'none | refresh-token | device-code | access-token.',
            enum: [...PRICING_AUTH_MODES],
          },
          tokenFile: text('File holding an App+User refresh token, relative to this file.'),
          tenantId: {
            description: 'Partner tenant id or domain.',
            type: 'string',
            pattern: patterns.tenant,
          },
          clientId: {
            description: 'Entra ID application (client) id.',
            type: 'string',
            pattern: patterns.guid,
          },
          authority: text('Token authority base URL.'),
          clientSecretEnv: {
            description: 'Env var holding the client secret of a confidential (web) app.',
            type: 'string',
            pattern: patterns.envName,
          },
          cacheFile: text('MSAL token cache file for device-code sign-in, relative to this file.'),
          tokenEnv: {
            description: 'Env var holding a pricing bearer token.',
            type: 'string',
            pattern: patterns.envName,
          },
        },
        allOf: [
          {
            if: { properties: { mode: { const: 'refresh-token' } } },
            then: {
              description: 'refresh-token mode needs tokenFile, tenantId and clientId',
              required: ['tokenFile', 'tenantId', 'clientId'],
            },
          },
          {
            if: { properties: { mode: { const: 'device-code' } } },
            then: {
              description: 'device-code mode needs tenantId and clientId',
              required: ['tenantId', 'clientId'],
            },
          },
        ],
      },
      views: {
        description: 'Price sheet views read per market (default: all of them).',
        type: 'array',
        minItems: 1,
        uniqueItems: true,
        items: { enum: [...PRICESHEET_VIEWS] },
      },
    },
  };
}
