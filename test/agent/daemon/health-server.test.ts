import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createDaemonLogger,
  createDaemonMetrics,
  createWebhookNotifier,
  startHealthServer,
  type HealthServer,
  type HealthState,
  type Notice,
} from '../../../src/agent/index.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function serve(health: HealthState): Promise<HealthServer> {
  const metrics = createDaemonMetrics();
  metrics.recordCall({
    method: 'GET',
    family: 'subscriptions',
    path: '/v1/customers/c/subscriptions',
    status: 429,
    code: '429',
    requestId: 'r',
    correlationId: 'c',
    attempt: 1,
    ms: 3,
  });
  const server = await startHealthServer({ port: 0, metrics, health });
  closers.push(() => server.close());
  return server;
}

describe('health server', () => {
  it('is healthy before the first tick and serves Prometheus text', async () => {
    const server = await serve({ startedAt: '2026-03-01T00:00:00Z' });
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', startedAt: '2026-03-01T00:00:00Z' });
    const metrics = await fetch(`${server.url}/metrics`);
    expect(metrics.headers.get('content-type')).toContain('text/plain');
    const text = await metrics.text();
    expect(text).toContain('qm_api_throttled_total{family="subscriptions"} 1');
    expect(text).toContain('qm_api_errors_total{code="429"} 1');
    expect((await fetch(`${server.url}/nope`)).status).toBe(404);
  });

  it('answers 503 while the last tick failed', async () => {
    const state: HealthState = {
      startedAt: 'x',
      lastTick: { ok: false, at: 'y', outcome: 'error', code: 'lease-held', message: 'held' },
    };
    const server = await serve(state);
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({
      status: 'unhealthy',
      lastTick: { code: 'lease-held' },
    });
    state.lastTick = { ok: true, at: 'z', outcome: 'no-changes' };
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});

describe('webhook notifier', () => {
  it('posts each notice once, and retries one whose delivery failed', async () => {
    const bodies: Record<string, unknown>[] = [];
    let failNext = true;
    const receiver = createServer((req, res) => {
      let text = '';
      req.on('data', (c: Buffer) => (text += c.toString()));
      req.on('end', () => {
        if (failNext) {
          failNext = false;
          res.writeHead(500).end();
          return;
        }
        bodies.push(JSON.parse(text) as Record<string, unknown>);
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    closers.push(() => new Promise((r) => receiver.close(() => r())));
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/`;
    const notifier = createWebhookNotifier({
      url,
      logger: createDaemonLogger({ level: 'silent' }),
    });
    const notice: Notice = {
      event: 'refund-window-closing',
      customerId: 'c',
      item: 'bp',
      subscriptionId: 's',
      closesAt: '2026-03-02T00:00:00.000Z',
      quantity: 3,
    };
    const at = new Date('2026-03-01T01:00:00Z');

    await notifier.notify([notice], at); // 500: not sent
    await notifier.notify([notice], at); // sent
    await notifier.notify([notice], at); // already sent
    expect(bodies).toEqual([
      {
        source: 'quartermaster',
        at: '2026-03-01T01:00:00.000Z',
        text: expect.stringContaining('refund window of bp') as string,
        ...notice,
      },
    ]);
  });
});
