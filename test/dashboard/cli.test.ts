import { appendFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { QmWorkspace, type QmChild } from '../support/qm-workspace.js';
import { untilReady } from './chromium.js';

const SPEC = `version: 1
customer:
  id: 6f1c2a9e-4a7b-4c1e-9a53-0d8e2b7f5c11
  name: Contoso Ltd
  country: US
subscriptions:
  exchange: { product: CFQ7TTC0LH16, sku: "0001", term: P1M, billing: monthly, quantity: 10 }
`;

/** Resolves with the URL a started `qm dashboard`/`qm run` prints once it listens. */
function listeningUrl(started: QmChild): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = '';
    started.child.stderr?.on('data', (c: Buffer) => {
      seen += c.toString();
      const url = /serving (?:the dashboard on )?(http:\/\/\S+)/.exec(seen)?.[1];
      if (url !== undefined) resolve(url);
    });
    void started.done.then((r) => reject(new Error(`exited ${r.code}: ${r.stderr}`)));
  });
}

/** `qm dashboard` and `qm run` with `daemon.dashboardPort`, as child processes of the built CLI. */
describe('qm dashboard (built CLI)', () => {
  let ws: QmWorkspace;
  beforeEach(() => {
    ws = new QmWorkspace('qm-dash-cli-');
    ws.writeConfig({ endpoint: 'sandbox' });
    ws.writeSpec('contoso', SPEC);
  });
  afterEach(() => ws.remove());

  it('refuses a non-loopback --host without QM_DASHBOARD_TOKEN, saying what to do', async () => {
    const result = await ws.run(['dashboard', '--host', '0.0.0.0', '--port', '0']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/--host 0\.0\.0\.0 is not a loopback address/);
    expect(result.stderr).toContain('Set QM_DASHBOARD_TOKEN');
  });

  it('refuses a port that is not one', async () => {
    const result = await ws.run(['dashboard', '--port', '70000']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('--port 70000 must be a TCP port from 0 to 65535');
  });

  it('with a token serves on 0.0.0.0, 401 without the bearer, 200 with it; SIGTERM stops it', async () => {
    const started = ws.start(['dashboard', '--host', '0.0.0.0', '--port', '0'], {
      QM_DASHBOARD_TOKEN: 'tok-123',
    });
    const url = (await listeningUrl(started)).replace('0.0.0.0', '127.0.0.1');
    expect((await fetch(url)).status).toBe(401);
    const ok = await fetch(`${url}customers`, { headers: { Authorization: 'Bearer tok-123' } });
    expect(ok.status).toBe(200);
    const page = await ok.text();
    expect(page).toContain('Contoso Ltd');
    expect(page).toContain('No state yet');
    expect(page).not.toContain('tok-123');
    expect(page).not.toContain(ws.dir);
    started.child.kill('SIGTERM');
    expect((await started.done).code).toBe(0);
  });

  it('qm run refuses daemon.dashboardHost off loopback without a token, naming the setting', async () => {
    appendFileSync(ws.configPath, 'daemon:\n  dashboardPort: 0\n  dashboardHost: 0.0.0.0\n');
    const result = await ws.run(['run']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/daemon\.dashboardHost 0\.0\.0\.0 is not a loopback address/);
  });

  it('qm run --once says it serves no dashboard when daemon.dashboardPort is set', async () => {
    appendFileSync(ws.configPath, 'daemon:\n  dashboardPort: 0\n');
    const result = await ws.run(['run', '--once']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain(
      'daemon.dashboardPort is set, but one cycle serves no dashboard',
    );
  });

  it('a bad QM_DASHBOARD_PORT is a config error naming the variable', async () => {
    const result = await ws.run(['validate'], { QM_DASHBOARD_PORT: 'eighty' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('QM_DASHBOARD_PORT');
    expect(result.stderr).toContain('dashboardPort must be a TCP port from 0 to 65535');
  });

  it('qm run serves the dashboard on daemon.dashboardPort until stopped', async () => {
    appendFileSync(ws.configPath, 'daemon:\n  dashboardPort: 0\n');
    const started = ws.start(['run'], { QM_SCHEDULE: '0 0 1 1 *' });
    const url = await listeningUrl(started);
    await untilReady(url); // 503 with Retry-After until the first view is built
    const reply = await fetch(`${url}badge/6f1c2a9e-4a7b-4c1e-9a53-0d8e2b7f5c11.svg`);
    expect(reply.status).toBe(200);
    expect(await reply.text()).toContain('never refreshed');
    started.child.kill('SIGTERM');
    expect((await started.done).code).toBe(0);
  });
});
