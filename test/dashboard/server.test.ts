import { request } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  assertBindAllowed,
  startDashboardServer,
  type DashboardReadModel,
  type DashboardServer,
} from '../../src/dashboard/index.js';
import { ManualClock } from '../../src/support/index.js';
import { CUSTOMER, DashboardFixture, EVIL_NAME, SUBSCRIPTION } from './fixture.js';

interface Reply {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

function call(
  url: string,
  options: { method?: string; headers?: Record<string, string> } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'GET', headers: options.headers ?? {} });
    req.on('response', (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

const PAGES = [
  '/',
  '/attention',
  '/customers',
  '/plans',
  '/history',
  '/history/calls',
  '/renewals',
];

describe('qm dashboard server (real state file, real HTTP)', () => {
  const fixture = new DashboardFixture();
  const clock = new ManualClock('2026-01-12T00:00:00.000Z');
  let model: DashboardReadModel;
  let server: DashboardServer;

  beforeAll(async () => {
    model = fixture.model(clock);
    await model.ready();
    server = await startDashboardServer({ model, port: 0 });
  });
  afterAll(async () => {
    await server.close();
    await model.close();
    fixture.remove();
  });

  it.each(PAGES)('%s answers 200 with HTML, a strict CSP and no script', async (path) => {
    const reply = await call(new URL(path, server.url).href);
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(reply.headers['content-security-policy']).toMatch(
      /default-src 'none'; style-src 'sha256-/,
    );
    expect(reply.headers['cache-control']).toBe('no-store');
    expect(reply.body).not.toMatch(/<script/i);
    expect(reply.body).not.toContain(fixture.statePath);
    expect(reply.body).not.toContain(fixture.dir);
  });

  it('escapes names from specs and Partner Center on every page that shows them', async () => {
    const customer = await call(`${server.url}customers/${CUSTOMER}`);
    expect(customer.status).toBe(200);
    expect(customer.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot;');
    expect(customer.body).not.toContain(EVIL_NAME);
    expect(customer.body).not.toContain('<b>Online</b>');
    const list = await call(`${server.url}customers?q=${encodeURIComponent('<script>')}`);
    expect(list.body).toContain('1 of 1 customers');
    expect(list.body).toContain('value="&lt;script&gt;"');
  });

  it('shows what the store holds: desired vs live seats, drift, the row in doubt, the run', async () => {
    const customer = await call(`${server.url}customers/${CUSTOMER}`);
    expect(customer.body).toContain('12 (live 10)');
    expect(customer.body).toContain(SUBSCRIPTION);
    const attention = await call(`${server.url}attention`);
    expect(attention.body).toContain('req-in-doubt-1');
    expect(attention.body).toMatch(/qm state settle \d+/);
    const history = await call(`${server.url}history`);
    expect(history.body).toContain('<code>qm apply</code>');
    expect(history.body).toMatch(/state-partial[^>]*>\s*partial/);
    const badge = await call(`${server.url}badge/${CUSTOMER}.svg`);
    expect(badge.headers['content-type']).toBe('image/svg+xml; charset=utf-8');
    expect(badge.body).toMatch(/<svg[^>]*aria-label="quartermaster: 1 (drifted|blocked)"/);
  });

  it.each([
    ['/nope', 'There is no page at /nope'],
    ['/customers/00000000-0000-4000-8000-000000000000', 'No customer 00000000'],
    ['/plans/abcdef', 'No saved plan abcdef'],
    ['/plans/%3Cx%3E', 'No saved plan &lt;x&gt;'],
    ['/history/calls?before=x', 'take a whole number'],
  ])('%s is a 404 page saying what is missing', async (path, text) => {
    const reply = await call(`${server.url}${path.slice(1)}`);
    expect(reply.status).toBe(404);
    expect(reply.body).toContain(text);
  });

  it('an unknown customer badge is a grey 404 badge', async () => {
    const reply = await call(`${server.url}badge/nobody.svg`);
    expect(reply.status).toBe(404);
    expect(reply.body).toContain('unknown customer');
  });

  it.each(['POST', 'PUT', 'DELETE', 'PATCH'])(
    '%s is refused with 405 and Allow',
    async (method) => {
      const reply = await call(server.url, { method });
      expect(reply.status).toBe(405);
      expect(reply.headers['allow']).toBe('GET, HEAD');
    },
  );

  it('HEAD answers the headers without a body', async () => {
    const reply = await call(server.url, { method: 'HEAD' });
    expect(reply.status).toBe(200);
    expect(Number(reply.headers['content-length'])).toBeGreaterThan(1000);
    expect(reply.body).toBe('');
  });

  it('without a token, a request addressed to another name (DNS rebinding) gets 403', async () => {
    const reply = await call(server.url, { headers: { Host: 'attacker.example:80' } });
    expect(reply.status).toBe(403);
    const local = await call(server.url, { headers: { Host: 'localhost' } });
    expect(local.status).toBe(200);
  });

  it('rebuilds the view once the store changed and the recheck interval passed', async () => {
    fixture.setLiveSeats(12);
    clock.advance(5_000);
    await call(`${server.url}customers/${CUSTOMER}`); // notices; the rebuild runs after it
    await new Promise((resolve) => setImmediate(resolve));
    const after = await call(`${server.url}customers/${CUSTOMER}`);
    expect(after.body).not.toContain('(live 10)');
    expect(after.body).toMatch(/<td class="num">\s*12\s*<\/td>/);
  });
});

describe('the bearer token', () => {
  const fixture = new DashboardFixture();
  let model: DashboardReadModel;
  let server: DashboardServer | undefined;
  beforeAll(async () => {
    model = fixture.model(new ManualClock('2026-01-12T00:00:00.000Z'));
    await model.ready();
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  afterAll(async () => {
    await model.close();
    fixture.remove();
  });

  it('with a token, requests without the right bearer get 401; with it, 200', async () => {
    server = await startDashboardServer({ model, port: 0, token: 's3cret-token' });
    const none = await call(server.url);
    expect(none.status).toBe(401);
    expect(none.headers['www-authenticate']).toBe('Bearer realm="qm dashboard"');
    expect(none.body).not.toContain('s3cret');
    expect((await call(server.url, { headers: { Authorization: 'Bearer wrong' } })).status).toBe(
      401,
    );
    expect(
      (await call(server.url, { headers: { Authorization: 'Basic s3cret-token' } })).status,
    ).toBe(401);
    const badge = await call(`${server.url}badge/${CUSTOMER}.svg`);
    expect(badge.status).toBe(401);
    const ok = await call(server.url, { headers: { Authorization: 'Bearer s3cret-token' } });
    expect(ok.status).toBe(200);
    expect(ok.body).not.toContain('s3cret');
    // A token also stands in for the loopback Host check (the dashboard may sit behind a proxy).
    const proxied = await call(server.url, {
      headers: { Authorization: 'bearer s3cret-token', Host: 'dash.example.com' },
    });
    expect(proxied.status).toBe(200);
  });

  it('a non-loopback bind without a token is refused before listening, naming what to do', async () => {
    await expect(
      startDashboardServer({ model, port: 0, host: '0.0.0.0', what: '--host' }),
    ).rejects.toThrow(/--host 0\.0\.0\.0 is not a loopback address.*QM_DASHBOARD_TOKEN/);
    expect(() => assertBindAllowed('10.0.0.5', '', 'daemon.dashboardHost')).toThrow(
      expect.objectContaining({ code: 'dashboard-token-required' }),
    );
    for (const host of ['127.0.0.1', '127.1.2.3', '::1', 'localhost'])
      expect(() => assertBindAllowed(host, undefined, '--host')).not.toThrow();
    server = await startDashboardServer({ model, port: 0, host: '0.0.0.0', token: 't' });
    expect(server.url).toMatch(/^http:\/\/0\.0\.0\.0:\d+\/$/);
  });
});
