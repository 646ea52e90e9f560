import { MockAgent } from 'undici';

/** What a MockAgent interceptor saw of one request. */
export interface SeenRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: string;
}

export const ORIGIN = 'https://pc.test';

/** A MockAgent with no real network, and a log of intercepted requests. */
export function createMockWire(): { agent: MockAgent; seen: SeenRequest[] } {
  const agent = new MockAgent();
  agent.disableNetConnect();
  return { agent, seen: [] };
}

/** Turns interceptor callback headers (object, Headers, or flat array) into a lower-cased record. */
export function headerRecord(headers: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (headers === undefined || headers === null) return out;
  if (Array.isArray(headers)) {
    for (let i = 0; i + 1 < headers.length; i += 2)
      out[String(headers[i]).toLowerCase()] = String(headers[i + 1]);
    return out;
  }
  if (headers instanceof Headers) {
    headers.forEach((value, key) => (out[key.toLowerCase()] = value));
    return out;
  }
  for (const [key, value] of Object.entries(headers as Record<string, unknown>))
    out[key.toLowerCase()] = String(value);
  return out;
}

/** Logs what an interceptor saw of one request in `wire.seen`. */
export function recordRequest(
  wire: { seen: SeenRequest[] },
  opts: { method: string; path: string; headers?: unknown; body?: unknown },
): void {
  wire.seen.push({
    method: opts.method,
    path: opts.path,
    headers: headerRecord(opts.headers),
    body: typeof opts.body === 'string' ? opts.body : '',
  });
}

/**
 * Registers one reply for `method path` that records the request; `reply` gives status,
 * body (object → JSON) and headers.
 */
export function expectCall(
  wire: { agent: MockAgent; seen: SeenRequest[] },
  method: string,
  path: string,
  reply: { status: number; body?: unknown; headers?: Record<string, string> },
): void {
  wire.agent
    .get(ORIGIN)
    .intercept({ method, path })
    .reply((opts) => {
      recordRequest(wire, opts);
      const data =
        reply.body === undefined
          ? ''
          : typeof reply.body === 'string'
            ? reply.body
            : JSON.stringify(reply.body);
      return { statusCode: reply.status, data, responseOptions: { headers: reply.headers ?? {} } };
    });
}
