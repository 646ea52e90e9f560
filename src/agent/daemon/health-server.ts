import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DaemonMetrics } from './daemon-metrics.js';

/** What the daemon knows about its own health; `/healthz` reports it. */
export interface HealthState {
  readonly startedAt: string;
  /** The last finished tick; absent before the first one ends. */
  lastTick?: {
    readonly ok: boolean;
    readonly at: string;
    readonly runId?: number;
    readonly outcome: string;
    /** Customers whose live read failed in that tick. */
    readonly skippedCustomers?: number;
    /** Stable error code of a failed tick. */
    readonly code?: string;
    readonly message?: string;
  };
  lastSuccessAt?: string;
}

export interface HealthServer {
  /** `http://host:port`, with the port actually bound (useful with port 0). */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/**
 * Serves `GET /healthz` (200 while the last tick succeeded or none has finished yet, 503 once
 * the last tick failed: a Kubernetes liveness/readiness probe or a load balancer can act on
 * it) and `GET /metrics` (Prometheus text format). Anything else is 404. Binds `host:port`;
 * port 0 picks a free port.
 * @throws the listen error (e.g. EADDRINUSE) from the returned promise
 */
export async function startHealthServer(options: {
  readonly port: number;
  readonly host?: string;
  readonly metrics: DaemonMetrics;
  readonly health: HealthState;
}): Promise<HealthServer> {
  const server = createServer((req, res) => {
    void route(req, res, options).catch((error: unknown) => {
      send(
        res,
        500,
        'text/plain; charset=utf-8',
        `internal error: ${error instanceof Error ? error.message : String(error)}\n`,
      );
    });
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function route(
  req: IncomingMessage,
  res: ServerResponse,
  options: { readonly metrics: DaemonMetrics; readonly health: HealthState },
): Promise<void> {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    send(res, 405, 'text/plain; charset=utf-8', 'only GET\n');
    return;
  }
  if (path === '/healthz') {
    const { health } = options;
    const healthy = health.lastTick === undefined || health.lastTick.ok;
    const body = { status: healthy ? 'ok' : 'unhealthy', ...health };
    send(res, healthy ? 200 : 503, 'application/json', `${JSON.stringify(body)}\n`);
    return;
  }
  if (path === '/metrics') {
    const { contentType, body } = await options.metrics.render();
    send(res, 200, contentType, body);
    return;
  }
  send(res, 404, 'text/plain; charset=utf-8', 'try /healthz or /metrics\n');
}

function send(res: ServerResponse, status: number, contentType: string, body: string): void {
  res.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-store' });
  res.end(body);
}
