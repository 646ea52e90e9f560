import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_CUSTOMERS, startSandbox, type RunningSandbox } from '../../src/sandbox/index.js';
import {
  cliEnv,
  makeWorkspace,
  sample,
  spawnQm,
  waitFor,
  type QmChild,
} from '../agent/daemon/qm-child.js';

/**
 * Acceptance (issue 9): `qm run` as a child process against a test-started sandbox, ticking every
 * second. /metrics is scraped over real HTTP and its counters move with the ticks; /healthz turns
 * 503 once a tick fails; JSON logs carry the run id and MS-CorrelationId; the webhook gets one
 * review notice (not one per tick) and an apply-failed notice when health turns.
 */
const CONTOSO_BP = '3a1f9e8d-7c6b-4a5e-9d4c-3b2a1f0e9d8c';

interface Hook {
  readonly url: string;
  readonly bodies: Record<string, unknown>[];
  readonly server: Server;
}

async function startHookReceiver(): Promise<Hook> {
  const bodies: Record<string, unknown>[] = [];
  const server = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString()));
    req.on('end', () => {
      bodies.push(JSON.parse(text) as Record<string, unknown>);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, bodies, server };
}

async function get(url: string): Promise<{ status: number; body: string }> {
  const res = await fetch(url);
  return { status: res.status, body: await res.text() };
}

describe('qm run (daemon) operability', () => {
  let sandbox: RunningSandbox;
  let hook: Hook;
  let qm: QmChild;
  let base: string;
  const ws = makeWorkspace('qm-daemon-');

  beforeAll(async () => {
    sandbox = await startSandbox();
    hook = await startHookReceiver();
    ws.write(
      'agent.config.yaml',
      [
        'specs: ./specs',
        'state: ./state/qm.db',
        'partnerCenter:',
        `  endpoint: ${sandbox.url}`,
        '  auth:',
        '    mode: none',
        'schedule: "* * * * * *"',
        'policy:',
        '  autoApply: [increase-quantity]',
        'daemon:',
        `  webhookUrl: ${hook.url}`,
        '',
      ].join('\n'),
    );
    ws.write(
      'specs/contoso.yaml',
      [
        'version: 1',
        'customer:',
        `  id: ${SEED_CUSTOMERS.contoso}`,
        '  name: Contoso Ltd',
        '  country: US',
        'subscriptions:',
        '  bp:',
        '    product: CFQ7TTC0LCHC',
        '    sku: "0002"',
        '    term: P1Y',
        '    billing: monthly',
        '    quantity: 25',
        `    subscriptionId: ${CONTOSO_BP}`,
        '  exchange:',
        '    product: CFQ7TTC0LH16',
        '    sku: "0001"',
        '    term: P1M',
        '    billing: monthly',
        '    quantity: 10',
        '',
      ].join('\n'),
    );
    // One 429 on the first subscription read: the throttling counter must see it.
    sandbox.faults.add({
      kind: 'throttle',
      retryAfterSeconds: 1,
      match: 'GET /v1/customers/*/subscriptions',
      count: 1,
    });
    qm = spawnQm(ws.dir, ['run', '--metrics-port', '0'], cliEnv({ QM_LOG_LEVEL: 'debug' }));
    const listening = await waitFor('the metrics server', () =>
      qm.logs.find((l) => l['event'] === 'listening'),
    );
    base = String(listening['url']);
  }, 30_000);

  afterAll(async () => {
    if (qm.child.exitCode === null) qm.child.kill('SIGKILL');
    await qm.exited;
    await sandbox.close();
    await new Promise((resolve) => hook.server.close(resolve));
    ws.remove();
  });

  it('exposes counters on /metrics that move after ticks, and a healthy /healthz', async () => {
    const first = await waitFor('a succeeded run', async () => {
      const { body } = await get(`${base}/metrics`);
      return (sample(body, 'qm_runs_total', { outcome: 'succeeded' }) ?? 0) >= 1 ? body : undefined;
    });
    expect(
      sample(first, 'qm_actions_total', { kind: 'increase-quantity', status: 'succeeded' }),
    ).toBe(1);
    expect(sample(first, 'qm_api_throttled_total', { family: 'subscriptions' })).toBe(1);
    expect(
      sample(first, 'qm_api_calls_total', {
        family: 'subscriptions',
        method: 'PATCH',
        status: '200',
      }),
    ).toBe(1);
    expect(sample(first, 'qm_actions_deferred_total', { kind: 'purchase' })).toBeGreaterThanOrEqual(
      1,
    );
    expect(sample(first, 'qm_last_success_timestamp_seconds')).toBeGreaterThan(
      Date.now() / 1000 - 120,
    );
    expect(
      sandbox.state.subscriptions(SEED_CUSTOMERS.contoso).find((s) => s.id === CONTOSO_BP)
        ?.quantity,
    ).toBe(25);

    const gets = (m: string): number =>
      sample(m, 'qm_api_calls_total', { family: 'subscriptions', method: 'GET', status: '200' }) ??
      0;
    const runs = (m: string): number =>
      (sample(m, 'qm_runs_total', { outcome: 'succeeded' }) ?? 0) +
      (sample(m, 'qm_runs_total', { outcome: 'no-changes' }) ?? 0);
    const later = await waitFor('another tick', async () => {
      const { body } = await get(`${base}/metrics`);
      return runs(body) > runs(first) ? body : undefined;
    });
    expect(gets(later)).toBeGreaterThan(gets(first));
    expect(
      sample(later, 'qm_actions_total', { kind: 'increase-quantity', status: 'succeeded' }),
    ).toBe(1);

    const health = await get(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body)).toMatchObject({ status: 'ok', lastTick: { ok: true } });
  }, 30_000);

  it('logs JSON lines with the run id and every call’s MS-CorrelationId', () => {
    const call = qm.logs.find((l) => l['event'] === 'api-call' && typeof l['runId'] === 'number');
    expect(call).toMatchObject({ name: 'quartermaster', family: expect.any(String) as string });
    expect(String(call?.['correlationId'])).toMatch(/^[0-9a-f-]{36}$/);
    expect(String(call?.['requestId'])).toMatch(/^[0-9a-f-]{36}$/);
    expect(
      qm.logs.some((l) => l['event'] === 'tick-finished' && typeof l['runId'] === 'number'),
    ).toBe(true);
  });

  it('sends one review notice for the same deferred purchase across ticks', () => {
    const reviews = hook.bodies.filter((b) => b['event'] === 'plan-awaits-review');
    expect(reviews).toHaveLength(1);
    expect(reviews[0]).toMatchObject({
      source: 'quartermaster',
      actions: [{ kind: 'purchase', item: 'exchange' }],
    });
  });

  it('reports unhealthy on /healthz after a failing tick, and notifies once', async () => {
    sandbox.faults.add({ kind: 'status', status: 403, match: '/v1/**', count: 'unlimited' });
    const unhealthy = await waitFor('an unhealthy /healthz', async () => {
      const res = await get(`${base}/healthz`);
      return res.status === 503 ? res : undefined;
    });
    expect(JSON.parse(unhealthy.body)).toMatchObject({
      status: 'unhealthy',
      lastTick: { ok: false },
    });
    const { body } = await get(`${base}/metrics`);
    expect(sample(body, 'qm_last_tick_ok')).toBe(0);
    expect(sample(body, 'qm_api_errors_total')).toBeGreaterThanOrEqual(1);
    await waitFor('the apply-failed notice', () =>
      hook.bodies.find((b) => b['event'] === 'apply-failed'),
    );

    sandbox.faults.clear();
    await waitFor('healthy again', async () =>
      (await get(`${base}/healthz`)).status === 200 ? true : undefined,
    );
    qm.child.kill('SIGTERM');
    expect((await qm.exited).code).toBe(0);
    expect(hook.bodies.filter((b) => b['event'] === 'apply-failed')).toHaveLength(1);
  }, 30_000);
});
