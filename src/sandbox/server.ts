import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createInspector, createAdmin } from './admin.js';
import { handleAdmin } from './admin-http.js';
import { handleApi } from './api-handler.js';
import { createWallClock } from './clock.js';
import { CatalogIndex } from './engine/catalog-index.js';
import { checkUpgradePaths } from './engine/upgrade-paths.js';
import type { SandboxContext } from './engine/context.js';
import { errorBody } from './errors.js';
import { FaultInjector } from './faults.js';
import { jsonResponse, readBodyText, writeResponse } from './http-io.js';
import {
  SANDBOX_TOKENS,
  type RequestLogEntry,
  type RunningSandbox,
  type SandboxOptions,
} from './options.js';
import { RateLimiter } from './rate-limit.js';
import { Router, type Principal } from './router.js';
import { ALL_ROUTES } from './routes/index.js';
import { withPriceChanges } from './seed/apply-price-changes.js';
import { seedPromotions } from './seed/apply-promotions.js';
import { seedCustomer } from './seed/apply-seed.js';
import { defaultCatalog } from './seed/default-catalog.js';
import { defaultSeed } from './seed/default-seed.js';
import type { SeedCatalog } from './seed/seed-types.js';
import { SandboxStore } from './store/sandbox-store.js';

/** Keep at most this many request-log entries (oldest dropped); call counts are never dropped. */
const LOG_LIMIT = 200_000;

/**
 * Starts the sandbox: opens (or creates and seeds) the database, listens on `host:port` and
 * serves `/v1` (Partner Center dialect), `/v1.0` (price sheets) and `/_sandbox` (admin).
 * Resolves once listening.
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const store = new SandboxStore(options.dbPath ?? ':memory:');
  const storedOffset = Number(store.getMeta('clockOffsetMs') ?? '0');
  const clock =
    options.clock ??
    createWallClock(storedOffset, (offset) => store.putMeta('clockOffsetMs', String(offset)));
  const catalog = new CatalogIndex(initialise(store, options, clock.now()));
  const ctx: SandboxContext = {
    store,
    catalog,
    clock,
    settings: {
      orderListDelayMs: options.orderListDelayMs ?? 15 * 60_000,
      provisioningDelayMs: options.provisioningDelayMs ?? 0,
      registrationDelayMs: options.registrationDelayMs ?? 0,
      asyncPatchShare: Math.min(1, Math.max(0, options.asyncPatchShare ?? 0)),
      dialect: options.dialect ?? 'extended',
    },
    counters: { asyncPatchCredit: 0 },
  };
  const faults = new FaultInjector();
  const log: RequestLogEntry[] = [];
  const counts = new Map<string, number>();
  const state = createInspector(ctx, log, counts);
  const admin = createAdmin(ctx);
  const tokens = new Map<string, Principal>([
    [SANDBOX_TOKENS.appUser, 'app-user'],
    [SANDBOX_TOKENS.appOnly, 'app-only'],
    ...Object.entries(options.tokens ?? {}),
  ]);
  const holds = new Set<AbortController>();
  let url = '';
  const apiDeps = {
    ctx,
    router: new Router(ALL_ROUTES),
    faults,
    limiter: new RateLimiter(options.rateLimitPerMinute ?? 500, clock),
    tokens,
    baseUrl: () => url,
    holds,
    record: (entry: RequestLogEntry) => {
      if (log.length >= LOG_LIMIT) log.shift();
      log.push(entry);
      const key = entry.route ?? `${entry.method} (unmatched)`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    },
  };

  const server = createServer((req, res) => {
    void dispatch(req, res).catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      writeResponse(
        res,
        jsonResponse(500, errorBody('800003', `Unexpected sandbox error: ${message}`)),
        {},
      );
    });
  });
  async function dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const parsed = new URL(req.url ?? '/', 'http://sandbox.invalid');
    const path = parsed.pathname;
    if (path === '/_sandbox' || path.startsWith('/_sandbox/')) {
      const text = await readBodyText(req);
      let body: unknown;
      try {
        body = text.trim() === '' ? undefined : JSON.parse(text);
      } catch {
        writeResponse(res, jsonResponse(400, { error: 'body is not valid JSON' }), {});
        return;
      }
      writeResponse(res, handleAdmin({ ctx, faults, admin, state }, req, path, body), {});
      return;
    }
    if (path === '/v1' || path.startsWith('/v1/') || path.startsWith('/v1.0/')) {
      await handleApi(apiDeps, req, res, path, parsed.searchParams);
      return;
    }
    writeResponse(
      res,
      jsonResponse(404, errorBody('800002', `No route for ${path}; the API lives under /v1.`)),
      {},
    );
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  url = `http://${host}:${address.port}`;

  let closed = false;
  return {
    url,
    clock,
    faults,
    state,
    admin,
    close: async () => {
      if (closed) return;
      closed = true;
      for (const hold of holds) hold.abort();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      store.close();
    },
  };
}

/** Seeds a new database (catalog + customers) or loads the stored catalog of an existing one. */
function initialise(store: SandboxStore, options: SandboxOptions, now: Date): SeedCatalog {
  const stored = store.getMeta('catalog');
  if (stored !== undefined) return JSON.parse(stored) as SeedCatalog;
  const seed = options.seed ?? defaultSeed();
  const catalog = withPriceChanges(seed.catalog ?? defaultCatalog(), seed.priceChanges);
  const index = new CatalogIndex(catalog);
  checkUpgradePaths(index);
  store.transaction(() => {
    for (const customer of seed.customers) seedCustomer(store, index, customer, now);
    seedPromotions(store, index, seed.promotions ?? [], now);
    store.putMeta('catalog', JSON.stringify(catalog));
    store.putMeta('seededAt', now.toISOString());
  });
  return catalog;
}
