/**
 * Scale benchmark (issues 8, 19): one apply cycle over `customers` × 10 subscriptions with 5 %
 * drift, against a sandbox in a separate process with 20 ms latency injected on every request,
 * `concurrency: 8`. The seed and the spec files are written by another child process
 * (`bench/estate-cli.ts`), so this process holds only what the agent holds: the config, the
 * specs as the cycle reads them, and the cycle itself.
 *
 * Run one size: `node --import tsx --expose-gc bench/scale.ts 1250` (prints one JSON line).
 * `bench/run.ts` runs each size in its own process.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runApplyCycle } from '../src/agent/index.js';
import { createApp } from '../src/app/index.js';
import { loadConfig } from '../src/config/index.js';
import type { DesiredSource } from '../src/model/index.js';
import { openSpecSource } from '../src/spec/index.js';
import { formatDiagnostic } from '../src/support/index.js';
import type { EstateFiles } from './estate-cli.js';
import { driftedItems, writeEstateConfig } from './estate.js';
import { measureTransportFloor } from './transport-floor.js';

export const LATENCY_MS = 20;
export const CONCURRENCY = 8;
const MB = 1024 * 1024;

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
  /** The cycle alone (refresh → plan → apply). */
  readonly wallMs: number;
  /** calls × latency / concurrency. */
  readonly boundMs: number;
  /**
   * The same number of calls from a bare client against the same sandbox, after the cycle
   * (`bench/transport-floor.ts`): what HTTP, the sandbox and the machine cost above the bound.
   */
  readonly floorMs: number;
  /** This process's CPU time during the cycle. */
  readonly cpuMs: number;
  /** `maxRSS` of this process at the end: spec loading, createApp and the cycle. */
  readonly peakRssMb: number;
  /** `maxRSS` once specs are loaded and the app created, before the cycle. */
  readonly peakRssBeforeCycleMb: number;
  /** RSS after specs are loaded and the app created, after a full GC. */
  readonly rssBeforeCycleMb: number;
  /** V8 heap in use after the cycle, after a full GC (app still open, specs still held). */
  readonly heapAfterCycleMb: number;
  /** Writing the estate (child process) and starting the seeded sandbox. */
  readonly seedMs: number;
  /** When the plan was ready (refresh and planning done), from the cycle's start. */
  readonly plannedMs: number;
  /** The sandbox process's CPU time during the cycle (Linux only; absent elsewhere). */
  readonly sandboxCpuMs?: number;
  /** The sandbox process's peak RSS (`VmHWM`, Linux only; absent elsewhere). */
  readonly sandboxPeakRssMb?: number;
}

/**
 * The estate's specs as `qm apply` reads them: one validation pass keeping the index and each
 * customer deflated, each batch's customers inflated when its turn comes (`openSpecSource`).
 * @throws naming every error diagnostic (`file:line:col`): the estate files are wrong.
 */
export function loadEstateSpecs(specsDir: string, cwd: string): DesiredSource {
  const { source, diagnostics } = openSpecSource(specsDir, { cwd });
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    const shown = errors.slice(0, 5).map(formatDiagnostic).join('\n  ');
    throw new Error(
      `the bench estate's specs have ${errors.length} error(s); fix bench/estate.ts (writeEstateSpecs):\n  ${shown}`,
    );
  }
  return source;
}

/** Writes seed and specs into `dir` in a child process (bench/estate-cli.ts). */
export function writeEstateInChild(dir: string, customers: number): EstateFiles {
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', resolve(import.meta.dirname, 'estate-cli.ts'), dir, String(customers)],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return JSON.parse(out.trim().split('\n').at(-1) ?? '') as EstateFiles;
}

interface SandboxProcess {
  readonly url: string;
  /** `VmHWM` of the sandbox process in MB (Linux); undefined where /proc is not there. */
  peakRssMb(): number | undefined;
  /** CPU time of the sandbox process so far in ms (Linux); undefined elsewhere. */
  cpuMs(): number | undefined;
  stop(): void;
}

/** Starts `qm sandbox serve --memory --seed FILE` (built CLI) and resolves with its URL. */
export async function startSandboxProcess(seedFile: string): Promise<SandboxProcess> {
  const bin = resolve(import.meta.dirname, '../bin/qm.js');
  const child = spawn(
    process.execPath,
    [bin, 'sandbox', 'serve', '--memory', '--port', '0', '--seed', seedFile],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const url = await new Promise<string>((resolveUrl, reject) => {
    let text = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      text += chunk;
      const found = /sandbox listening on (\S+)/.exec(text);
      if (found?.[1] !== undefined) resolveUrl(found[1]);
    });
    child.on('exit', (code) =>
      reject(
        new Error(`the sandbox (${bin} sandbox serve --seed ${seedFile}) exited with ${code}`),
      ),
    );
  });
  return {
    url,
    peakRssMb: () => {
      try {
        const found = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        return found?.[1] === undefined ? undefined : Math.round(Number(found[1]) / 1024);
      } catch {
        return undefined;
      }
    },
    cpuMs: () => {
      try {
        // utime and stime (fields 14 and 15 of /proc/PID/stat), in clock ticks of 10 ms.
        const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]?.split(' ');
        return (Number(fields?.[11]) + Number(fields?.[12])) * 10;
      } catch {
        return undefined;
      }
    },
    stop: () => child.kill('SIGTERM'),
  };
}

async function admin(url: string, method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return res.json();
}

const mb = (bytes: number): number => Math.round(bytes / MB);
const maxRssMb = (): number => Math.round(process.resourceUsage().maxRSS / 1024);

/** Writes the estate, then runs one `qm apply --auto-approve` cycle in this process and measures it. */
export async function runScale(customers: number): Promise<ScaleResult> {
  const gc = globalThis.gc;
  if (gc === undefined)
    throw new Error(
      'bench/scale.ts needs a GC it can call: run it as `node --import tsx --expose-gc bench/scale.ts N`',
    );
  const dir = mkdtempSync(join(tmpdir(), 'qm-bench-'));
  try {
    const seedStart = performance.now();
    const estate = writeEstateInChild(dir, customers);
    const sandbox = await startSandboxProcess(estate.seedFile);
    const seedMs = performance.now() - seedStart;
    try {
      await admin(sandbox.url, 'POST', '/_sandbox/faults', {
        match: '/v1/**',
        kind: 'latency',
        ms: LATENCY_MS,
        count: 'unlimited',
      });
      // The sandbox answers its first pass slower (its JIT, its SQLite pages: ~1.27× the bound
      // for a bare client, ~1.19× after): one untimed list read per customer warms it, as a
      // long-running Partner Center is, so the cycle and the floor both meet it warm.
      await measureTransportFloor(sandbox.url, customers, customers, CONCURRENCY);
      writeEstateConfig(dir, sandbox.url, CONCURRENCY);
      const loaded = loadConfig({ flagPath: join(dir, 'agent.config.yaml'), env: {}, cwd: dir });
      const source = loadEstateSpecs(loaded.config.specs, dir);
      const callsByKind: Record<string, number> = {};
      let throttled = 0;
      // The endpoint is the sandbox process's URL, so createApp seeds no customers: none passed.
      // The client-side budget (500/min per route family, all customers together) is off here:
      // these runs measure the agent's own cost; bench/throttle.ts measures the budget.
      const app = await createApp(loaded.config, [], {
        env: {},
        client: { rateLimitPerMinute: 0 },
        onCall: (e) => {
          const kind = `${e.method} ${e.family}`;
          callsByKind[kind] = (callsByKind[kind] ?? 0) + 1;
          if (e.status === 429) throttled++;
        },
      });
      gc();
      const rssBeforeCycleMb = mb(process.memoryUsage().rss);
      const peakRssBeforeCycleMb = maxRssMb();
      const cpuStart = process.cpuUsage();
      const sandboxCpuStart = sandbox.cpuMs();
      const wallStart = performance.now();
      let plannedMs = 0;
      let applied: number;
      try {
        const outcome = await runApplyCycle(app, source, {
          command: 'apply',
          onPlan: () => (plannedMs = performance.now() - wallStart),
        });
        applied = outcome.report?.counts.succeeded ?? 0;
      } catch (error) {
        await app.close();
        throw error;
      }
      const wallMs = performance.now() - wallStart;
      const cpu = process.cpuUsage(cpuStart);
      const sandboxCpuEnd = sandbox.cpuMs();
      gc();
      const heapAfterCycleMb = mb(process.memoryUsage().heapUsed);
      await app.close();
      const calls = Object.values(callsByKind).reduce((a, b) => a + b, 0);
      const changes = driftedItems(customers);
      const sandboxPeakRssMb = sandbox.peakRssMb();
      const { floorMs } = await measureTransportFloor(sandbox.url, customers, calls, CONCURRENCY);
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
        floorMs,
        cpuMs: Math.round((cpu.user + cpu.system) / 1000),
        plannedMs: Math.round(plannedMs),
        ...(sandboxCpuStart === undefined || sandboxCpuEnd === undefined
          ? {}
          : { sandboxCpuMs: sandboxCpuEnd - sandboxCpuStart }),
        peakRssMb: maxRssMb(),
        peakRssBeforeCycleMb,
        rssBeforeCycleMb,
        heapAfterCycleMb,
        seedMs: Math.round(seedMs),
        ...(sandboxPeakRssMb === undefined ? {} : { sandboxPeakRssMb }),
      };
    } finally {
      sandbox.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const customers = Number(process.argv[2] ?? '1250');
  if (!Number.isInteger(customers) || customers < 1)
    throw new Error(
      `bench/scale.ts CUSTOMERS must be a positive integer, not "${process.argv[2]}"`,
    );
  console.log(JSON.stringify(await runScale(customers)));
}
