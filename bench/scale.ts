/**
 * Scale benchmark (issue 8): one apply cycle over `customers` × 10 subscriptions with 5 % drift,
 * against a sandbox in a separate process (so this process's CPU time and peak RSS are the
 * agent's alone) with 20 ms latency injected on every request, `concurrency: 8`.
 *
 * Run one size: `npx tsx bench/scale.ts 1000` (prints one JSON line). `bench/run.ts` runs each
 * size in its own process.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runApplyCycle } from '../src/agent/index.js';
import { createApp } from '../src/app/index.js';
import { loadConfig } from '../src/config/index.js';
import { loadSpecs } from '../src/spec/index.js';
import { driftedItems, estateSeed, writeEstateConfig, writeEstateSpecs } from './estate.js';

export const LATENCY_MS = 20;
export const CONCURRENCY = 8;

export interface ScaleResult {
  readonly customers: number;
  readonly subscriptions: number;
  readonly changes: number;
  readonly changesApplied: number;
  readonly calls: number;
  readonly callsByKind: Record<string, number>;
  /** One list call per customer + one call per change. */
  readonly minimumCalls: number;
  /** List per customer + GET and PATCH per change (the documented PATCH protocol). */
  readonly protocolMinimumCalls: number;
  readonly throttled: number;
  readonly wallMs: number;
  /** calls × latency / concurrency. */
  readonly boundMs: number;
  readonly cpuMs: number;
  readonly peakRssMb: number;
  readonly seedMs: number;
}

/** Starts `qm sandbox serve --memory --seed FILE` and resolves with its URL. */
async function startSandboxProcess(seedFile: string): Promise<{ url: string; stop: () => void }> {
  const bin = resolve(import.meta.dirname, '../bin/qm.js');
  const child = spawn(
    process.execPath,
    [bin, 'sandbox', 'serve', '--memory', '--port', '0', '--seed', seedFile],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const url = await new Promise<string>((resolveUrl, reject) => {
    let text = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      text += chunk;
      const found = /sandbox listening on (\S+)/.exec(text);
      if (found?.[1] !== undefined) resolveUrl(found[1]);
    });
    child.on('exit', (code) => reject(new Error(`sandbox exited with ${code}`)));
  });
  return { url, stop: () => child.kill('SIGTERM') };
}

async function admin(url: string, method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return res.json();
}

/** Seeds, then runs one `qm apply --auto-approve` cycle in this process and measures it. */
export async function runScale(customers: number): Promise<ScaleResult> {
  const dir = mkdtempSync(join(tmpdir(), 'qm-bench-'));
  try {
    const seedStart = performance.now();
    const seedFile = join(dir, 'seed.json');
    writeFileSync(seedFile, JSON.stringify(estateSeed(customers)));
    writeEstateSpecs(dir, customers);
    const sandbox = await startSandboxProcess(seedFile);
    const seedMs = performance.now() - seedStart;
    try {
      await admin(sandbox.url, 'POST', '/_sandbox/faults', {
        match: '/v1/**',
        kind: 'latency',
        ms: LATENCY_MS,
        count: 'unlimited',
      });
      writeEstateConfig(dir, sandbox.url, CONCURRENCY);
      const loaded = loadConfig({ flagPath: join(dir, 'agent.config.yaml'), env: {}, cwd: dir });
      const specs = loadSpecs(loaded.config.specs, { cwd: dir });
      const callsByKind: Record<string, number> = {};
      let throttled = 0;
      // The client-side budget (500/min per route family, all customers together) is off here:
      // these runs measure the agent's own cost; bench/throttle.ts measures the budget.
      const app = await createApp(loaded.config, specs.desired.customers, {
        env: {},
        client: { rateLimitPerMinute: 0 },
        onCall: (e) => {
          const kind = `${e.method} ${e.family}`;
          callsByKind[kind] = (callsByKind[kind] ?? 0) + 1;
          if (e.status === 429) throttled++;
        },
      });
      globalThis.gc?.();
      const cpuStart = process.cpuUsage();
      const wallStart = performance.now();
      let applied = 0;
      try {
        const outcome = await runApplyCycle(app, specs.desired, { command: 'apply' });
        applied = outcome.report?.counts.succeeded ?? 0;
      } finally {
        await app.close();
      }
      const wallMs = performance.now() - wallStart;
      const cpu = process.cpuUsage(cpuStart);
      const calls = Object.values(callsByKind).reduce((a, b) => a + b, 0);
      const changes = driftedItems(customers);
      return {
        customers,
        subscriptions: customers * 10,
        changes,
        changesApplied: applied,
        calls,
        callsByKind,
        minimumCalls: customers + changes,
        protocolMinimumCalls: customers + 2 * changes,
        throttled,
        wallMs: Math.round(wallMs),
        boundMs: Math.round((calls * LATENCY_MS) / CONCURRENCY),
        cpuMs: Math.round((cpu.user + cpu.system) / 1000),
        peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
        seedMs: Math.round(seedMs),
      };
    } finally {
      sandbox.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const customers = Number(process.argv[2] ?? '1000');
  console.log(JSON.stringify(await runScale(customers)));
}
