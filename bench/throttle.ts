/**
 * Throttle benchmark (issue 8): 1,000 quantity changes on one customer, whose subscription
 * calls the sandbox limits to 500 per minute (its default), with the agent's default client
 * budget. Agent and sandbox share one virtual clock — time moves only when the agent waits
 * (budget, Retry-After, backoff) — so four minutes of pacing run in seconds and requests are
 * never spread out by real time: a 429 would show if the budget let one through.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runApplyCycle } from '../src/agent/index.js';
import { createApp } from '../src/app/index.js';
import { loadConfig } from '../src/config/index.js';
import { createSandboxClock, defaultCatalog, startSandbox } from '../src/sandbox/index.js';
import { loadSpecs } from '../src/spec/index.js';
import type { Clock } from '../src/support/index.js';
import { writeEstateConfig } from './estate.js';

export interface ThrottleResult {
  readonly changes: number;
  readonly applied: number;
  readonly calls: number;
  readonly throttledSeenByAgent: number;
  readonly throttledBySandbox: number;
  readonly sandboxLimitPerMinute: number;
  /** Virtual time the cycle took (the pacing). */
  readonly virtualMinutes: number;
  readonly wallMs: number;
}

const CUSTOMER = '0000aaaa-0000-4000-8000-00000000aaaa';
const PRODUCTS = ['CFQ7TTC0LH18', 'CFQ7TTC0LDPB', 'CFQ7TTC0LFLX', 'CFQ7TTC0LF8Q', 'CFQ7TTC0LH16'];
const subId = (i: number): string =>
  `0000aaaa-${i.toString(16).padStart(4, '0')}-4000-8000-${i.toString(16).padStart(12, '0')}`;

export async function runThrottleBench(
  changes = 1000,
  limitPerMinute = 500,
): Promise<ThrottleResult> {
  const dir = mkdtempSync(join(tmpdir(), 'qm-throttle-'));
  const clock = createSandboxClock('2026-03-02T10:00:00Z');
  const subscriptions = Array.from({ length: changes }, (_, i) => ({
    id: subId(i),
    productId: PRODUCTS[i % PRODUCTS.length] ?? 'CFQ7TTC0LH18',
    skuId: '0001',
    termDuration: 'P1M' as const,
    billingCycle: 'monthly',
    quantity: 10,
    purchasedDaysAgo: 2,
  }));
  const sandbox = await startSandbox({
    clock,
    rateLimitPerMinute: limitPerMinute,
    seed: {
      catalog: defaultCatalog(),
      customers: [{ id: CUSTOMER, name: 'Throttled Inc', country: 'US', subscriptions }],
    },
  });
  const virtual: Clock = {
    now: () => clock.now(),
    sleep: (ms) => {
      clock.advance(ms);
      return Promise.resolve();
    },
  };
  try {
    const items = subscriptions.map(
      (s, i) =>
        `  item-${i}: { product: ${s.productId}, sku: "0001", term: P1M, billing: monthly, quantity: 11, subscriptionId: ${s.id} }`,
    );
    const specs = join(dir, 'specs');
    mkdirSync(specs);
    writeFileSync(
      join(specs, 'throttled.yaml'),
      `version: 1\ncustomer:\n  id: ${CUSTOMER}\n  name: Throttled Inc\n  country: US\nsubscriptions:\n${items.join('\n')}\n`,
    );
    writeEstateConfig(dir, sandbox.url, 8);
    const loaded = loadConfig({ flagPath: join(dir, 'agent.config.yaml'), env: {}, cwd: dir });
    const desired = loadSpecs(loaded.config.specs, { cwd: dir }).desired;
    let calls = 0;
    let throttledSeenByAgent = 0;
    const app = await createApp(loaded.config, desired.customers, {
      env: {},
      clock: virtual,
      onCall: (e) => {
        calls++;
        if (e.status === 429) throttledSeenByAgent++;
      },
    });
    const start = clock.now().getTime();
    const wallStart = performance.now();
    let applied = 0;
    try {
      applied =
        (await runApplyCycle(app, desired, { command: 'apply' })).report?.counts.succeeded ?? 0;
    } finally {
      await app.close();
    }
    return {
      changes,
      applied,
      calls,
      throttledSeenByAgent,
      throttledBySandbox: sandbox.state.requests().filter((r) => r.status === 429).length,
      sandboxLimitPerMinute: limitPerMinute,
      virtualMinutes: Math.round(((clock.now().getTime() - start) / 60_000) * 10) / 10,
      wallMs: Math.round(performance.now() - wallStart),
    };
  } finally {
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(JSON.stringify(await runThrottleBench()));
}
