/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-return -- conformance tests read wire JSON loosely and assert its shape. */
import { request } from 'undici';
import { afterEach } from 'vitest';
import {
  SANDBOX_TOKENS,
  SEED_CUSTOMERS,
  createSandboxClock,
  startSandbox,
  type RunningSandbox,
  type SandboxOptions,
} from '../../src/sandbox/index.js';

export { SANDBOX_TOKENS, SEED_CUSTOMERS };
export const CONTOSO = SEED_CUSTOMERS.contoso;
export const FABRIKAM = SEED_CUSTOMERS.fabrikam;
export const NORTHWIND = SEED_CUSTOMERS.northwind;
export const BRAZIL_CUSTOMER = 'a7b8c9d0-e1f2-4a3b-9c4d-5e6f7a8b9c0d';
export const CONTOSO_PREMIUM = '3a1f9e8d-7c6b-4a5e-9d4c-3b2a1f0e9d8c';
export const CONTOSO_AZURE_PLAN = '8e7c0d2b-5a4f-4e3d-9c1b-2a0f6e5d4c3b';
export const FABRIKAM_VISIO = '5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a';
export const START = '2026-03-02T10:00:00.000Z';
export const MINUTE = 60_000;
export const DAY = 24 * 60 * MINUTE;

export interface Reply {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly text: string;
  readonly body: any;
}

export interface CallOptions {
  readonly token?: string | null;
  readonly requestId?: string;
  readonly headers?: Record<string, string>;
}

/** A tiny Partner Center caller over real HTTP (undici), bound to one running sandbox. */
export class Api {
  constructor(readonly sandbox: RunningSandbox) {}

  async call(
    method: string,
    path: string,
    body?: unknown,
    options: CallOptions = {},
  ): Promise<Reply> {
    const token = options.token === undefined ? SANDBOX_TOKENS.appUser : options.token;
    const headers: Record<string, string> = {
      accept: 'application/json',
      ...(options.headers ?? {}),
    };
    if (token !== null) headers.authorization = `Bearer ${token}`;
    if (options.requestId !== undefined) headers['ms-requestid'] = options.requestId;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await request(`${this.sandbox.url}${path}`, {
      method: method as 'GET',
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.body.text();
    let parsed: unknown;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    return { status: res.statusCode, headers: res.headers, text, body: parsed };
  }

  get = (path: string, options?: CallOptions) => this.call('GET', path, undefined, options);
  post = (path: string, body?: unknown, options?: CallOptions) =>
    this.call('POST', path, body, options);
  put = (path: string, body?: unknown, options?: CallOptions) =>
    this.call('PUT', path, body, options);
  patch = (path: string, body?: unknown, options?: CallOptions) =>
    this.call('PATCH', path, body, options);

  /** The catalog item id of a SKU in the customer's market (first availability). */
  async catalogItemId(customerId: string, productId: string, skuId: string): Promise<string> {
    const reply = await this.get(
      `/v1/customers/${customerId}/products/${productId}/skus/${skuId}/availabilities`,
    );
    return reply.body.items[0].catalogItemId;
  }

  /**
   * Creates a cart with the given lines and `PartnerOnRecordAttestationAccepted: true` (sent as
   * in the documented NCE sample); returns the reply.
   */
  createCart(
    customerId: string,
    lineItems: readonly unknown[],
    options?: CallOptions,
  ): Promise<Reply> {
    return this.post(
      `/v1/customers/${customerId}/carts`,
      { PartnerOnRecordAttestationAccepted: true, lineItems },
      options,
    );
  }

  /** Buys one line (cart + checkout) and returns the checkout reply. */
  async buy(customerId: string, line: Record<string, unknown>): Promise<Reply> {
    const cart = await this.createCart(customerId, [{ id: 0, ...line }]);
    if (cart.status !== 201) throw new Error(`cart failed: ${cart.text}`);
    return this.post(`/v1/customers/${customerId}/carts/${cart.body.id}/checkout`);
  }

  /** Buys a license subscription and returns the new subscription (wire JSON). */
  async buyLicense(
    customerId: string,
    productId: string,
    skuId: string,
    quantity: number,
    term = 'P1Y',
    billingCycle = 'monthly',
  ): Promise<any> {
    const catalogItemId = await this.catalogItemId(customerId, productId, skuId);
    const result = await this.buy(customerId, {
      catalogItemId,
      quantity,
      termDuration: term,
      billingCycle,
    });
    if (result.status !== 201) throw new Error(`checkout failed: ${result.text}`);
    const subscriptionId = result.body.orders[0].lineItems[0].subscriptionId;
    return (await this.get(`/v1/customers/${customerId}/subscriptions/${subscriptionId}`)).body;
  }
}

const running: RunningSandbox[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((sandbox) => sandbox.close()));
});

/** Starts a sandbox on a manual clock at `START` (closed after each test) and an `Api` for it. */
export async function boot(
  options: SandboxOptions = {},
): Promise<{ sandbox: RunningSandbox; api: Api }> {
  const sandbox = await startSandbox({ clock: createSandboxClock(START), ...options });
  running.push(sandbox);
  return { sandbox, api: new Api(sandbox) };
}

/** The Partner Center error body shape, `code` a JSON number as in the documented examples. */
export function expectPcError(reply: Reply, status: number, code: number): void {
  if (reply.status !== status || reply.body?.code !== code) {
    throw new Error(`expected ${status} ${code}, got ${reply.status} ${reply.text}`);
  }
  const keys = Object.keys(reply.body).sort();
  if (keys.join(',') !== 'code,data,description,source')
    throw new Error(`error body keys: ${keys.join(',')}`);
}
