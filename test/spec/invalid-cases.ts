/**
 * The table of invalid inputs shared by the loader tests (every case) and the CLI test (a
 * representative subset through the built `qm`). Paths are relative to the repository root.
 */
export interface InvalidCase {
  readonly name: string;
  /** `spec`: a specs folder; `config`: a config file. */
  readonly kind: 'spec' | 'config';
  readonly fixture: string;
  /** The file the error is reported in, and where. */
  readonly file: string;
  readonly line: number;
  readonly col?: number;
  /** A fragment of the message that says what is wrong and what is allowed. */
  readonly message: string;
  readonly path?: string;
}

const S = 'test/fixtures/specs';
const C = 'test/fixtures/config';
const spec = (
  name: string,
  line: number,
  col: number,
  message: string,
  path?: string,
): InvalidCase => ({
  name,
  kind: 'spec',
  fixture: `${S}/${name}`,
  file: `${S}/${name}/customer.yaml`,
  line,
  col,
  message,
  ...(path === undefined ? {} : { path }),
});
const config = (
  name: string,
  line: number,
  col: number,
  message: string,
  path?: string,
): InvalidCase => ({
  name,
  kind: 'config',
  fixture: `${C}/${name}.yaml`,
  file: `${C}/${name}.yaml`,
  line,
  col,
  message,
  ...(path === undefined ? {} : { path }),
});
const M365 = 'subscriptions.m365-business-premium';

export const INVALID_CASES: readonly InvalidCase[] = [
  spec(
    'malformed-yaml',
    8,
    1,
    'YAML syntax: Flow sequence in block collection must be sufficiently indented',
  ),
  spec('tab-indentation', 7, 1, 'YAML syntax: Tabs are not allowed as indentation'),
  spec(
    'unknown-key-customer',
    6,
    3,
    'unknown key `colour` (allowed here: id, name, country)',
    'customer.colour',
  ),
  spec(
    'unknown-key-item',
    13,
    5,
    'unknown key `qty` (allowed here: product, sku, term',
    `${M365}.qty`,
  ),
  spec(
    'sku-not-string',
    9,
    10,
    '`sku` must be a string, got `0002`; quote it ("0002")',
    `${M365}.sku`,
  ),
  spec('quantity-zero', 12, 15, '`quantity` must be at least 1; got `0`', `${M365}.quantity`),
  spec(
    'quantity-fraction',
    12,
    15,
    '`quantity` must be a whole number, got `2.5`',
    `${M365}.quantity`,
  ),
  spec('quantity-text', 12, 15, '`quantity` must be a whole number, got `ten`', `${M365}.quantity`),
  spec(
    'quantity-missing',
    7,
    3,
    'missing required key `quantity` in `m365-business-premium` (quantity is required unless the item is a tombstone',
    M365,
  ),
  spec('term-unknown', 10, 11, '`term` must be one of P1M, P1Y, P3Y; got `P2Y`', `${M365}.term`),
  spec(
    'billing-unknown',
    11,
    14,
    '`billing` must be one of monthly, annual, triennial; got `weekly`',
    `${M365}.billing`,
  ),
  spec(
    'billing-longer-than-term',
    11,
    14,
    '`billing` must be monthly; got `annual` (a P1M term is billed monthly)',
    `${M365}.billing`,
  ),
  spec('customer-id-not-guid', 3, 7, '`id` must be a GUID (8-4-4-4-12 hex digits', 'customer.id'),
  spec(
    'subscription-id-not-guid',
    13,
    21,
    '`subscriptionId` must be a GUID',
    `${M365}.subscriptionId`,
  ),
  spec(
    'country-three-letters',
    5,
    12,
    '`country` must be a two-letter ISO 3166-1 country code',
    'customer.country',
  ),
  spec(
    'country-unknown',
    5,
    12,
    '`ZZ` is not an ISO 3166-1 alpha-2 country code',
    'customer.country',
  ),
  spec('duplicate-item-key', 13, 3, 'duplicate key `m365-business-premium`: keys must be unique'),
  spec(
    'duplicate-key-across-sections',
    14,
    3,
    'duplicate item key `m365-business-premium`: it is also used under subscriptions',
    'purchases.m365-business-premium',
  ),
  {
    name: 'duplicate-customer',
    kind: 'spec',
    fixture: `${S}/duplicate-customer`,
    file: `${S}/duplicate-customer/b-second.yaml`,
    line: 3,
    col: 7,
    message: `duplicate customer id 1d2e3f40-5a6b-4c7d-8e9f-0a1b2c3d4e5f: already declared in ${S}/duplicate-customer/a-first.yaml`,
    path: 'customer.id',
  },
  spec(
    'duplicate-customer-same-file',
    16,
    7,
    'already declared in document 1 of this file',
    'customer.id',
  ),
  {
    name: 'empty-folder',
    kind: 'spec',
    fixture: `${S}/empty-folder`,
    file: `${S}/empty-folder`,
    line: 1,
    col: 1,
    message: 'no spec files (*.yaml, *.yml) in',
  },
  spec(
    'reservation-without-azure-subscription',
    7,
    3,
    'missing required key `azureSubscriptionId` in `d2s-v3-eastus` (Azure reservations need',
    'purchases.d2s-v3-eastus',
  ),
  spec(
    'reservation-term-p1m',
    12,
    11,
    '`term` must be one of P1Y, P3Y; got `P1M` (Azure reservations need a term of P1Y or P3Y',
    'purchases.d2s-v3-eastus.term',
  ),
  spec(
    'software-blocked-market',
    15,
    11,
    'software cannot be bought for a customer in BR',
    'purchases.sql-server-standard.kind',
  ),
  spec(
    'reservation-blocked-market',
    8,
    11,
    'Azure reservations cannot be bought for a customer in RU',
    'purchases.d2s-v3-eastus.kind',
  ),
  spec(
    'tombstone-without-product',
    7,
    3,
    'missing required key `product` in `old-visio`',
    'subscriptions.old-visio',
  ),
  spec(
    'software-with-scope',
    13,
    5,
    'key `scope` is not allowed here (azureSubscriptionId, scope and region apply only to azure-reservation',
    'purchases.sql-server-standard.scope',
  ),
  spec('version-two', 1, 10, '`version` must be 1; got `2`', 'version'),
  spec('customer-missing', 1, 1, 'missing required key `customer` in the document'),
  spec(
    'item-key-invalid',
    7,
    3,
    "key `m365 business premium` is not allowed: keys must be 1-80 letters, digits, '.', '_' or '-'",
  ),
  spec(
    'subscriptions-as-list',
    7,
    3,
    '`subscriptions` must be a mapping (key: value) or empty, got a list',
    'subscriptions',
  ),
  spec(
    'ensure-unknown',
    13,
    13,
    '`ensure` must be one of present, cancelled; got `absent`',
    `${M365}.ensure`,
  ),
  spec(
    'second-document-invalid',
    26,
    16,
    '`autoRenew` must be true or false, got `"yes"`',
    `${M365}.autoRenew`,
  ),

  config(
    'inline-secret',
    8,
    5,
    'inline secret `clientSecret` is not allowed: secrets come only from environment variables or files',
    'partnerCenter.auth.clientSecret',
  ),
  config(
    'token-value-in-env-field',
    6,
    15,
    '`tokenEnv` must be the NAME of an environment variable',
    'partnerCenter.auth.tokenEnv',
  ),
  config(
    'endpoint-with-v1',
    4,
    13,
    'endpoint must be the API root without /v1 (the client adds /v1): use https://api.partnercenter.microsoft.com',
    'partnerCenter.endpoint',
  ),
  config(
    'endpoint-not-http',
    4,
    13,
    'endpoint `ftp://partner.example.com` must use http or https',
    'partnerCenter.endpoint',
  ),
  config(
    'auth-none-real-endpoint',
    6,
    11,
    'auth mode none works only with the sandbox',
    'partnerCenter.auth.mode',
  ),
  config(
    'auth-mode-unknown',
    6,
    11,
    '`mode` must be one of none, client-secret, certificate, access-token; got `password`',
  ),
  config(
    'schedule-invalid',
    8,
    11,
    'schedule `61 * * * *` is not a valid cron expression',
    'schedule',
  ),
  config(
    'policy-kind-unknown',
    12,
    7,
    '`autoApply[1]` must be one of purchase, register-azure-subscription',
    'policy.autoApply.1',
  ),
  config(
    'concurrency-too-high',
    7,
    16,
    '`concurrency` must be at most 64; got `100`',
    'partnerCenter.concurrency',
  ),
  config(
    'unknown-key',
    9,
    1,
    'unknown key `retries` (allowed here: specs, state, partnerCenter, schedule, policy, daemon)',
    'retries',
  ),
  config(
    'client-secret-missing-tenant',
    3,
    3,
    'missing required key `tenantId` in `auth` (client-secret mode needs tenantId and clientId)',
    'partnerCenter.auth',
  ),
  config(
    'shrink-share-over-100',
    11,
    24,
    'maxShrinkingItems must be a share from 0% to 100%; got `150%`',
  ),
  config(
    'shrink-not-a-share',
    11,
    24,
    'must be a count (e.g. 5) or a share of the managed items (e.g. 25%)',
  ),
  config('malformed-yaml', 3, 13, 'YAML syntax: Implicit keys need to be on a single line'),
  config(
    'authority-not-url',
    9,
    16,
    'authority `login.microsoftonline.com` is not a URL',
    'partnerCenter.auth.authority',
  ),
];
