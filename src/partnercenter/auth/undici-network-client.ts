import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';
import { Agent, request, type Dispatcher } from 'undici';

/**
 * An MSAL `system.networkClient` on undici. Lets a deployment (or a test) trust a private CA
 * for its token authority without touching process-wide TLS settings.
 */
export interface UndiciNetworkClientOptions {
  /** Extra trusted CA certificates (PEM). */
  readonly ca?: string | readonly string[];
  /** Use this dispatcher instead of building one. */
  readonly dispatcher?: Dispatcher;
  /** @default 30000 */
  readonly timeoutMs?: number;
}

export function createUndiciNetworkClient(
  options: UndiciNetworkClientOptions = {},
): INetworkModule {
  const dispatcher =
    options.dispatcher ??
    new Agent(
      options.ca === undefined
        ? {}
        : { connect: { ca: typeof options.ca === 'string' ? options.ca : [...options.ca] } },
    );
  const timeoutMs = options.timeoutMs ?? 30_000;

  async function send<T>(
    method: 'GET' | 'POST',
    url: string,
    init?: NetworkRequestOptions,
    timeout?: number,
  ): Promise<NetworkResponse<T>> {
    const response = await request(url, {
      dispatcher,
      method,
      headers: init?.headers ?? {},
      body: init?.body ?? null,
      signal: AbortSignal.timeout(timeout ?? timeoutMs),
    });
    const text = await response.body.text();
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(response.headers)) {
      if (value !== undefined)
        headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
    }
    let body: unknown = {};
    if (text !== '') {
      try {
        body = JSON.parse(text);
      } catch {
        body = { error: 'invalid_json', error_description: text.slice(0, 200) };
      }
    }
    return { headers, body: body as T, status: response.statusCode };
  }

  return {
    sendGetRequestAsync: (url, init, timeout) => send('GET', url, init, timeout),
    sendPostRequestAsync: (url, init) => send('POST', url, init),
  };
}
