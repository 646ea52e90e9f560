import type { IncomingMessage } from 'node:http';
import type { SandboxContext } from './engine/context.js';
import type { FaultInjector, FaultInput } from './faults.js';
import { jsonResponse, type WireResponse } from './http-io.js';
import type { SandboxAdmin, SandboxInspector } from './options.js';
import type { SeedCustomer } from './seed/seed-types.js';
import { renderSubscription } from './render/render-subscription.js';
import { isObject, pick } from './wire.js';

export interface AdminDeps {
  readonly ctx: SandboxContext;
  readonly faults: FaultInjector;
  readonly admin: SandboxAdmin;
  readonly state: SandboxInspector;
}

/**
 * The admin API under `/_sandbox` (no auth; documented in docs/sandbox.md). Errors answer
 * 400/404 with `{ error }`.
 */
export function handleAdmin(
  deps: AdminDeps,
  req: IncomingMessage,
  path: string,
  body: unknown,
): WireResponse {
  const method = req.method ?? 'GET';
  const parts = path
    .split('/')
    .filter((p) => p !== '')
    .slice(1);
  const isId = (i: number): boolean =>
    (i === 1 && parts[0] === 'customers') || (i === 3 && parts[2] === 'subscriptions');
  const route = `${method} /${parts.map((p, i) => (isId(i) ? '{id}' : p)).join('/')}`;
  try {
    switch (route) {
      case 'GET /state':
        return jsonResponse(200, summary(deps));
      case 'GET /clock':
        return jsonResponse(200, { now: deps.ctx.clock.now().toISOString() });
      case 'POST /clock/advance': {
        const ms = Number(pick(body, 'ms'));
        if (!Number.isFinite(ms) || ms < 0)
          throw new RangeError('ms must be a non-negative number');
        deps.ctx.clock.advance(ms);
        return jsonResponse(200, { now: deps.ctx.clock.now().toISOString() });
      }
      case 'POST /clock/set': {
        deps.ctx.clock.set(String(pick(body, 'now') ?? pick(body, 'iso')));
        return jsonResponse(200, { now: deps.ctx.clock.now().toISOString() });
      }
      case 'GET /faults':
        return jsonResponse(200, {
          items: deps.faults.list().map(({ remaining, ...f }) => ({
            ...f,
            remaining: Number.isFinite(remaining) ? remaining : 'unlimited',
          })),
        });
      case 'POST /faults': {
        if (!isObject(body)) throw new RangeError('body must be a fault object');
        const id = deps.faults.add(body as unknown as FaultInput);
        return jsonResponse(201, { id });
      }
      case 'DELETE /faults':
        deps.faults.clear();
        return jsonResponse(204, undefined);
      case 'PATCH /customers/{id}/subscriptions/{id}': {
        if (!isObject(body)) throw new RangeError('body must be a (partial) subscription object');
        const record = deps.admin.updateSubscription(parts[1] ?? '', parts[3] ?? '', body);
        return jsonResponse(
          200,
          renderSubscription(record, deps.ctx.clock.now(), deps.ctx.settings.dialect),
        );
      }
      case 'POST /renewals':
        return jsonResponse(200, { changed: deps.admin.runRenewals() });
      case 'POST /customers': {
        if (!isObject(body)) throw new RangeError('body must be a customer object');
        deps.admin.seedCustomer(body as unknown as SeedCustomer);
        return jsonResponse(201, { id: String(pick(body, 'id')).toLowerCase() });
      }
      case 'POST /customers/{id}/subscriptions': {
        if (!isObject(body)) throw new RangeError('body must be a purchase object');
        const record = deps.admin.createSubscription(parts[1] ?? '', body as never);
        return jsonResponse(
          201,
          renderSubscription(record, deps.ctx.clock.now(), deps.ctx.settings.dialect),
        );
      }
      case 'GET /requests':
        return jsonResponse(200, {
          callCounts: deps.state.callCounts(),
          items: deps.state.requests(),
        });
      default:
        return jsonResponse(404, { error: `no admin route ${method} ${path}` });
    }
  } catch (error) {
    return jsonResponse(400, { error: error instanceof Error ? error.message : String(error) });
  }
}

function summary(deps: AdminDeps): Record<string, unknown> {
  const { store, clock } = deps.ctx;
  return {
    now: clock.now().toISOString(),
    counts: {
      customers: store.count('customer'),
      subscriptions: store.count('subscription'),
      orders: store.count('order'),
      carts: store.count('cart'),
      registrations: store.count('registration'),
      entitlements: store.count('entitlement'),
    },
    requests: deps.state.requests().length,
    callCounts: deps.state.callCounts(),
    faults: deps.faults.list().length,
  };
}
