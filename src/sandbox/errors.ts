/**
 * Partner Center error responses. Handlers throw `PcHttpError`; the server renders it as the
 * documented body `{ code, description, data, source }` (partner-center-api.md §1.8).
 */
export class PcHttpError extends Error {
  constructor(
    readonly status: number,
    /** Partner Center error code as a string, e.g. `"800090"`. */
    readonly code: string,
    readonly description: string,
    readonly headers: Readonly<Record<string, string>> = {},
    /** More error objects for the body's `data` member. */
    readonly data: readonly unknown[] = [],
  ) {
    super(`${status} ${code}: ${description}`);
    this.name = 'PcHttpError';
  }
}

/** The wire body of every 4xx/5xx except 429. */
export interface PcErrorBody {
  readonly code: string;
  readonly description: string;
  readonly data: readonly unknown[];
  readonly source: string;
}

export function errorBody(
  code: string,
  description: string,
  data: readonly unknown[] = [],
): PcErrorBody {
  return { code, description, data, source: 'PartnerCenter.Sandbox' };
}

/** Shorthands for the errors the routes raise; codes from partner-center-api.md §1.9. */
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
  notFound: (path: string) => new PcHttpError(404, '800002', `No route for ${path}.`),
} as const;
