/**
 * Partner Center error responses. Handlers throw `PcHttpError`; the server renders it as the
 * documented body `{ code, description, data, source }` with `code` a JSON number, as the
 * documented examples print it (`"code": 800090`,
 * https://learn.microsoft.com/en-us/partner-center/developer/change-the-quantity-of-a-subscription).
 */
export class PcHttpError extends Error {
  constructor(
    readonly status: number,
    /** Partner Center error code as a string, e.g. `"800090"`. */
    readonly code: string,
    readonly description: string,
    readonly headers: Readonly<Record<string, string>> = {},
    /** The body's `data` member: strings, as in every documented error example. */
    readonly data: readonly string[] = [],
  ) {
    super(`${status} ${code}: ${description}`);
    this.name = 'PcHttpError';
  }
}

/** The wire body of every 4xx/5xx except 429. */
export interface PcErrorBody {
  /** A number on the wire; a code that is not all digits stays a string. */
  readonly code: number | string;
  readonly description: string;
  readonly data: readonly string[];
  readonly source: string;
}

export function errorBody(
  code: string,
  description: string,
  data: readonly string[] = [],
): PcErrorBody {
  return {
    code: /^\d+$/.test(code) ? Number(code) : code,
    description,
    data,
    source: 'PartnerCenter.Sandbox',
  };
}

/** Shorthands for the errors the routes raise; codes from docs/partner-center-api.md §1.9. */
export const pcErrors = {
  badInput: (description: string) => new PcHttpError(400, '800002', description),
  enumValue: (field: string, value: unknown) =>
    new PcHttpError(400, '900126', `Cannot parse enum value '${String(value)}' for ${field}.`),
  customerNotFound: (id: string) => new PcHttpError(404, '60003', `Tenant ${id} not found.`),
  orderNotFound: (id: string) => new PcHttpError(404, '20000', `Order ${id} not found.`),
  subscriptionNotFound: (id: string) =>
    new PcHttpError(404, '20003', `Subscription ${id} not found.`),
  cartNotFound: (id: string) => new PcHttpError(404, '800008', `Unable to retrieve cart id ${id}.`),
  productNotFound: (id: string) => new PcHttpError(404, '400013', `Product ${id} not found.`),
  skuNotFound: (id: string) => new PcHttpError(404, '400018', `Sku ${id} not found.`),
  /** A cart line for a catalog item that enforces attestation, without it (error-codes table). */
  attestationRequired: (catalogItemId: string) =>
    new PcHttpError(
      400,
      '900203',
      `CatalogItemId: ${catalogItemId} requires attestation acceptance.`,
    ),
  notFound: (path: string) => new PcHttpError(404, '800002', `No route for ${path}.`),
} as const;
