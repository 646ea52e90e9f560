import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { assertBindAllowed, isAuthorized, isLoopbackHostHeader } from './access.js';
import { escapeHtml } from './html.js';
import { STYLE_HASH } from './pages/style.js';
import type { DashboardReadModel } from './read-model.js';
import { routeRequest, type RouteResult } from './routes.js';

export interface DashboardServerOptions {
  readonly model: DashboardReadModel;
  /** @default '127.0.0.1' */
  readonly host?: string;
  /** 0 = any free port. */
  readonly port: number;
  /** `QM_DASHBOARD_TOKEN`: when set, every request needs `Authorization: Bearer <token>`. */
  readonly token?: string;
  /** Where a failing request is logged (stderr); never the response. */
  readonly log?: (message: string) => void;
  /** How the host was given, for the refusal message. @default 'the host' */
  readonly what?: string;
}

export interface DashboardServer {
  /** `http://host:port/` as bound (the real port when 0 was asked for). */
  readonly url: string;
  close(): Promise<void>;
}

/** No script, no frame, nothing from elsewhere: only this page's own style sheet and images. */
const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': `default-src 'none'; style-src ${STYLE_HASH}; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cache-Control': 'no-store',
};

/**
 * Serves the read-only dashboard (docs/dashboard.md) on node:http. Safe by default: loopback
 * unless told otherwise, and a non-loopback host only with a token; with a token every request
 * without the right bearer gets 401; without one, a request addressed to a non-loopback name
 * (DNS rebinding) gets 403; only GET and HEAD (others 405).
 * @throws OperationalError `dashboard-token-required`; the listen error (port taken)
 */
export async function startDashboardServer(
  options: DashboardServerOptions,
): Promise<DashboardServer> {
  const host = options.host ?? '127.0.0.1';
  const token = options.token === '' ? undefined : options.token;
  assertBindAllowed(host, token, options.what ?? 'the host');
  const log = options.log ?? (() => undefined);
  const server: Server = createServer((req, res) => {
    try {
      handle(req, res, options.model, token);
    } catch (error) {
      log(
        `qm dashboard: ${req.method ?? ''} ${req.url ?? ''} failed: ${(error as Error).stack ?? String(error)}`,
      );
      if (!res.headersSent)
        send(res, req, {
          status: 500,
          type: 'html',
          body: plain('Internal error', 'The page could not be built; the server log says why.'),
        });
      else res.end();
    }
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const shown = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shown}:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function handle(
  req: IncomingMessage,
  res: ServerResponse,
  model: DashboardReadModel,
  token: string | undefined,
): void {
  const started = performance.now();
  if (token !== undefined && !isAuthorized(req.headers.authorization, token)) {
    res.setHeader('WWW-Authenticate', 'Bearer realm="qm dashboard"');
    send(res, req, {
      status: 401,
      type: 'html',
      body: plain(
        'Unauthorized',
        'Send the dashboard token as `Authorization: Bearer <token>` (QM_DASHBOARD_TOKEN on the server).',
      ),
    });
    return;
  }
  if (token === undefined && !isLoopbackHostHeader(req.headers.host)) {
    send(res, req, {
      status: 403,
      type: 'html',
      body: plain(
        'Forbidden',
        'Without QM_DASHBOARD_TOKEN the dashboard answers only requests to localhost or 127.0.0.1.',
      ),
    });
    return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    send(res, req, {
      status: 405,
      type: 'html',
      body: plain(
        'Method not allowed',
        'The dashboard is read-only: only GET and HEAD. Changes go through the specs and `qm apply`.',
      ),
    });
    return;
  }
  const url = new URL(req.url ?? '/', 'http://dashboard.invalid');
  const result = routeRequest(model, url);
  if (result.retryAfter !== undefined) res.setHeader('Retry-After', String(result.retryAfter));
  res.setHeader('Server-Timing', `page;dur=${(performance.now() - started).toFixed(1)}`);
  send(res, req, result);
}

function send(res: ServerResponse, req: IncomingMessage, result: RouteResult): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
  const body = Buffer.from(result.body, 'utf8');
  res.writeHead(result.status, {
    'Content-Type':
      result.type === 'svg' ? 'image/svg+xml; charset=utf-8' : 'text/html; charset=utf-8',
    'Content-Length': body.length,
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

/** A minimal page for errors that come before (or instead of) the data. */
function plain(title: string, message: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p></body></html>\n`;
}
