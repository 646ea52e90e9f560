import type { IncomingHttpHeaders } from 'node:http';
import type { SandboxContext } from './engine/context.js';

/** Which token style a caller used (docs/partner-center-api.md §1.5). */
export type Principal = 'app-user' | 'app-only';

/** Rate-limit family: requests of one family share a per-customer budget. */
export type RouteFamily =
  | 'catalog'
  | 'customers'
  | 'carts'
  | 'orders'
  | 'subscriptions'
  | 'entitlements'
  | 'invoices'
  | 'pricing'
  | 'audit';

export interface RouteRequest {
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  readonly body: unknown;
  readonly headers: IncomingHttpHeaders;
  readonly principal: Principal;
  /** The base URL clients reach the server on (for absolute links). */
  readonly baseUrl: string;
}

export interface RouteResult {
  readonly status: number;
  readonly body?: unknown;
  /**
   * A non-JSON body sent as is (a PDF statement, a CSV, bytes of a ZIP); set its `Content-Type`
   * in `headers`.
   */
  readonly rawBody?: string | Buffer;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface Route {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The API root the pattern lives under: `/v1.0` for the price sheets. @default '/v1' */
  readonly root?: '/v1' | '/v1.0';
  /** Path under `root` with `{name}` parameters, e.g. `/customers/{customerId}/carts`. */
  readonly pattern: string;
  readonly family: RouteFamily;
  /** App+User only: an app-only token gets 403 `900329`. */
  readonly appUserOnly?: boolean;
  handle(ctx: SandboxContext, req: RouteRequest): RouteResult;
}

export interface RouteMatch {
  readonly route: Route;
  readonly params: Record<string, string>;
}

/**
 * Matches paths to routes segment by segment. Literal segments compare case-insensitively
 * (`provisioningStatus` = `provisioningstatus`); `{name}` captures one decoded segment.
 */
export class Router {
  readonly #routes: { route: Route; segments: string[] }[];

  constructor(routes: readonly Route[]) {
    this.#routes = routes.map((route) => ({ route, segments: split(route.pattern) }));
  }

  /**
   * The route for `method` + `path` (path without its root) under `root` (`/v1` or `/v1.0`);
   * `undefined` when none.
   */
  match(method: string, path: string, root: '/v1' | '/v1.0' = '/v1'): RouteMatch | undefined {
    const parts = split(path);
    for (const { route, segments } of this.#routes) {
      if ((route.root ?? '/v1') !== root) continue;
      if (route.method !== method || segments.length !== parts.length) continue;
      const params = matchSegments(segments, parts);
      if (params !== undefined) return { route, params };
    }
    return undefined;
  }
}

function split(path: string): string[] {
  return path.split('/').filter((part) => part !== '');
}

function matchSegments(
  segments: readonly string[],
  parts: readonly string[],
): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] ?? '';
    const part = parts[i] ?? '';
    if (segment.startsWith('{')) {
      params[segment.slice(1, -1)] = safeDecode(part);
    } else if (segment.toLowerCase() !== part.toLowerCase()) {
      return undefined;
    }
  }
  return params;
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
