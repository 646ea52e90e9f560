import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { SandboxContext } from './engine/context.js';
import { settleCustomer } from './engine/settle.js';
import { PcHttpError, errorBody } from './errors.js';
import type { FaultInjector } from './faults.js';
import { header, jsonResponse, readBodyText, writeResponse, type WireResponse } from './http-io.js';
import type { RequestLogEntry } from './options.js';
import type { RateLimiter } from './rate-limit.js';
import type { Principal, Router } from './router.js';

export interface ApiDeps {
  readonly ctx: SandboxContext;
  readonly router: Router;
  readonly faults: FaultInjector;
  readonly limiter: RateLimiter;
  readonly tokens: ReadonlyMap<string, Principal>;
  readonly baseUrl: () => string;
  readonly record: (entry: RequestLogEntry) => void;
  /** Tracks held responses so `close()` can cancel them. */
  readonly holds: Set<AbortController>;
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const pcError = (
  status: number,
  code: string,
  description: string,
  headers: Record<string, string> = {},
  data: readonly string[] = [],
) => jsonResponse(status, errorBody(code, description, data), headers);

/**
 * One `/v1` (or `/v1.0`: price sheets) request: faults → route → auth → rate limit →
 * `MS-RequestId` replay → settle the customer → handler (in one transaction) → store replay →
 * post-commit faults → respond.
 */
export async function handleApi(
  deps: ApiDeps,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  query: URLSearchParams,
): Promise<void> {
  const { ctx } = deps;
  const method = req.method ?? 'GET';
  const requestId = header(req, 'ms-requestid');
  const at = ctx.clock.now().toISOString();
  const echo: Record<string, string> = {
    'MS-RequestId': requestId ?? randomUUID(),
    'MS-CorrelationId': header(req, 'ms-correlationid') ?? randomUUID(),
    'MS-CV': randomUUID().slice(0, 8),
    'MS-ServerId': 'qm-sandbox',
    // The server's clock is the sandbox clock (advanced in tests), not the host's: clients
    // compare it with their own (docs/partner-center-api.md §1.3).
    Date: ctx.clock.now().toUTCString(),
  };
  const decision = deps.faults.take(method, path);
  if (decision.latencyMs > 0) await sleep(decision.latencyMs);
  const fault = decision.fault;
  const root = path === '/v1.0' || path.startsWith('/v1.0/') ? '/v1.0' : '/v1';
  const match = deps.router.match(method, path.slice(root.length), root);
  const route =
    match === undefined ? `${method} (unmatched)` : `${method} ${root}${match.route.pattern}`;
  const log = (status: number, replayed = false): void =>
    deps.record({
      method,
      path,
      route,
      status,
      ...(requestId === undefined ? {} : { requestId }),
      at,
      ...(replayed ? { replayed } : {}),
    });

  if (fault?.kind === 'reset') {
    log(0);
    req.socket.destroy();
    return;
  }
  if (fault?.kind === 'status') {
    log(fault.status);
    writeResponse(
      res,
      pcError(
        fault.status,
        fault.code ?? '800003',
        'An unexpected service error occurred (injected).',
      ),
      echo,
    );
    return;
  }
  if (fault?.kind === 'throttle') {
    log(429);
    writeResponse(res, throttled(fault.retryAfterSeconds), echo);
    return;
  }

  let bodyText: string;
  try {
    bodyText = await readBodyText(req);
  } catch {
    log(0);
    return;
  }
  const response = respond(deps, req, match, path, query, bodyText, requestId);
  log(response.wire.status, response.replayed === true);
  const out = response.wire;
  if (fault?.kind === 'drop-after-commit') {
    req.socket.destroy();
    return;
  }
  if (fault?.kind === 'malformed-body') {
    writeResponse(
      res,
      {
        status: out.status,
        headers: { 'Content-Type': 'application/json; charset=utf-8' },
        body: '{"items": [ {"id": "trunc',
      },
      echo,
    );
    return;
  }
  if (fault?.kind === 'delay-response') {
    const hold = new AbortController();
    deps.holds.add(hold);
    try {
      await sleep(fault.ms, undefined, { signal: hold.signal });
    } catch {
      req.socket.destroy();
      return;
    } finally {
      deps.holds.delete(hold);
    }
  }
  writeResponse(res, out, echo);
}

function throttled(retryAfterSeconds: number): WireResponse {
  return jsonResponse(
    429,
    {
      statusCode: 429,
      message: `Rate limit is exceeded. Try again in ${retryAfterSeconds} seconds.`,
    },
    { 'Retry-After': String(retryAfterSeconds) },
  );
}

function respond(
  deps: ApiDeps,
  req: IncomingMessage,
  match: ReturnType<Router['match']>,
  path: string,
  query: URLSearchParams,
  bodyText: string,
  requestId: string | undefined,
): { wire: WireResponse; replayed?: boolean } {
  const { ctx } = deps;
  const method = req.method ?? 'GET';
  const auth = header(req, 'authorization');
  if (auth === undefined || !/^bearer\s+\S+/i.test(auth)) {
    return {
      wire: pcError(401, '800001', 'Partner token is missing.', {
        'WWW-Authenticate': 'OAuth realm="qm-sandbox"',
      }),
    };
  }
  const principal = deps.tokens.get(auth.replace(/^bearer\s+/i, '').trim());
  if (principal === undefined) {
    return {
      wire: pcError(401, '400', 'Access denied: the token is not valid.', {
        'WWW-Authenticate': 'OAuth realm="qm-sandbox"',
      }),
    };
  }
  if (match === undefined)
    return { wire: pcError(404, '800002', `No route for ${method} ${path}.`) };
  if (match.route.appUserOnly === true && principal === 'app-only') {
    return {
      wire: pcError(403, '900329', "The resource doesn't support application-only authentication."),
    };
  }
  const customerId = match.params.customerId?.toLowerCase();
  const verdict = deps.limiter.check(`${match.route.family}:${customerId ?? '-'}`);
  if (!verdict.allowed) return { wire: throttled(verdict.retryAfterSeconds) };
  const replayable = requestId !== undefined && MUTATING.has(method);
  if (replayable) {
    const stored = ctx.store.getReplay(requestId, method, path);
    if (stored !== undefined) return { wire: stored, replayed: true };
  }
  let body: unknown;
  try {
    body = bodyText.trim() === '' ? undefined : (JSON.parse(bodyText) as unknown);
  } catch {
    return { wire: pcError(400, '800002', 'The request body is not valid JSON.') };
  }
  const wire = ctx.store.transaction((): WireResponse => {
    try {
      if (customerId !== undefined) settleCustomer(ctx, customerId);
      const result = match.route.handle(ctx, {
        params: match.params,
        query,
        body,
        headers: req.headers,
        principal,
        baseUrl: deps.baseUrl(),
      });
      const out =
        result.rawBody === undefined
          ? jsonResponse(result.status, result.body, result.headers)
          : typeof result.rawBody === 'string'
            ? { status: result.status, headers: { ...result.headers }, body: result.rawBody }
            : {
                status: result.status,
                headers: { ...result.headers },
                body: '',
                bytes: result.rawBody,
              };
      if (replayable) ctx.store.putReplay(requestId, method, path, out);
      return out;
    } catch (error) {
      if (!(error instanceof PcHttpError)) throw error;
      const out = pcError(
        error.status,
        error.code,
        error.description,
        { ...error.headers },
        error.data,
      );
      if (replayable && error.status < 500) ctx.store.putReplay(requestId, method, path, out);
      return out;
    }
  });
  return { wire };
}
