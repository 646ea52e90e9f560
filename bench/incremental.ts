/**
 * Incremental refresh benchmark (issue 19): `customers` × 10 subscriptions (the scale estate,
 * 5 % of items drifted) with `partnerCenter.refresh.mode: incremental` and the client's rate
 * budget on (500 requests/minute per route family). Agent and sandbox run in this process and
 * share one virtual clock that moves only when the agent waits (the budget, a Retry-After), so
 * the time a cycle takes on that clock is its budget-bound wall time: what it would take against
 * Partner Center, whose limit it is. Cycles, as `qm apply --auto-approve` runs them:
 *
 * 1. full: the first cycle (no mark yet) reads everyone and reverts the drift;
 * 2. settle (+30 min): re-reads the customers cycle 1 changed;
 * 3. quiet (+30 min): nothing changed: the audit feed and the catalog cache refill only;
 * 4. churn (+10 min, the catalog cache still warm): 1 % of customers had one subscription's
 *    seats changed through the sandbox's admin API (a portal change); the cycle must revert
 *    every one of them.
 * Then a full refresh's plan (nothing written) must find nothing left to do: no change missed.
 *
 * Run one size: `npx tsx bench/incremental.ts 10000` (prints one JSON line); bench/run.ts runs it
 * in its own process.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { computePlan, runApplyCycle } from '../src/agent/index.js';
import { createApp } from '../src/app/index.js';
import { loadConfig, type AgentConfig } from '../src/config/index.js';
import type { DesiredState, Plan } from '../src/model/index.js';
import { createSandboxClock, startSandbox, type RunningSandbox } from '../src/sandbox/index.js';
import { loadSpecs } from '../src/spec/index.js';
import type { Clock } from '../src/support/index.js';
import { customerIdOf, estateSeed, writeEstateConfig, writeEstateSpecs } from './estate.js';

const MINUTE = 60_000;
/** The subscription each churned customer has changed in the portal. */
const CHURN_ITEM = 3;

export interface CycleFigures {
  readonly calls: number;
  readonly callsByKind: Record<string, number>;
  readonly actions: number;
  readonly applied: number;
  readonly fresh: number;
  readonly fromSnapshot: number;
  readonly auditPages: number;
  /** Virtual minutes the cycle took under the 500/min budget. */
  readonly budgetMinutes: number;
  readonly wallMs: number;
}

export interface IncrementalResult {
  readonly customers: number;
  readonly subscriptions: number;
  readonly full: CycleFigures;
  readonly settle: CycleFigures;
  readonly quiet: CycleFigures & { readonly shareOfFull: number };
  readonly churn: CycleFigures & {
    readonly changedCustomers: number;
    readonly changes: number;
    /** audit pages + changed customers + changes. */
    readonly minimumCalls: number;
    readonly ratio: number;
    /** Churned subscriptions not back at their spec's seats after the cycle. */
    readonly missed: number;
  };
  /** A full refresh's plan after the churn cycle: actions left (0 = nothing missed). */
  readonly verify: { readonly actionsLeft: number; readonly calls: number };
  readonly seedMs: number;
}

/** One clock for agent and sandbox: a sleep moves it to its wake-up time (never back). */
function virtualClock(sandbox: RunningSandbox): Clock {
  return {
    now: () => sandbox.clock.now(),
    sleep: (ms) => {
      const target = sandbox.clock.now().getTime() + Math.max(0, ms);
      if (target > sandbox.clock.now().getTime()) sandbox.clock.set(new Date(target).toISOString());
      return Promise.resolve();
    },
  };
}

export async function runIncremental(customers: number): Promise<IncrementalResult> {
  const dir = mkdtempSync(join(tmpdir(), 'qm-bench-incremental-'));
  const seedStart = performance.now();
  const sandbox = await startSandbox({
    clock: createSandboxClock('2026-03-02T10:00:00Z'),
    seed: estateSeed(customers),
  });
  try {
    writeEstateSpecs(dir, customers);
    const path = writeEstateConfig(dir, sandbox.url, 8);
    writeFileSync(
      path,
      readFileSync(path, 'utf8').replace(
        /( {2}concurrency: \d+\n)/,
        '$1  refresh:\n    mode: incremental\n    fullEvery: 24h\n',
      ),
    );
    const { config } = loadConfig({ flagPath: path, env: {}, cwd: dir });
    const { desired } = loadSpecs(config.specs, { cwd: dir });
    const seedMs = Math.round(performance.now() - seedStart);
    const clock = virtualClock(sandbox);
    const cycle = (): Promise<CycleFigures> => applyCycle(config, desired, clock);

    const full = await cycle();
    sandbox.clock.advance(30 * MINUTE);
    const settle = await cycle();
    sandbox.clock.advance(30 * MINUTE);
    const quiet = await cycle();

    const churned = Array.from({ length: customers }, (_, c) => c).filter((c) => c % 100 === 50);
    sandbox.clock.advance(MINUTE);
    for (const c of churned) {
      const id = customerIdOf(c);
      const sub = sandbox.state.subscriptions(id)[CHURN_ITEM];
      if (sub !== undefined) sandbox.admin.updateSubscription(id, sub.id, { quantity: 8 });
    }
    sandbox.clock.advance(9 * MINUTE);
    const churn = await cycle();
    const missed = churned.filter(
      (c) => sandbox.state.subscriptions(customerIdOf(c))[CHURN_ITEM]?.quantity !== 10,
    ).length;
    const minimumCalls = churn.auditPages + churned.length + churned.length;

    const verify = await verifyWithFullRefresh(config, desired, clock);
    return {
      customers,
      subscriptions: customers * 10,
      full,
      settle,
      quiet: { ...quiet, shareOfFull: round(quiet.calls / full.calls, 4) },
      churn: {
        ...churn,
        changedCustomers: churned.length,
        changes: churned.length,
        minimumCalls,
        ratio: round(churn.calls / minimumCalls, 3),
        missed,
      },
      verify,
      seedMs,
    };
  } finally {
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One `qm apply --auto-approve` cycle with a fresh App, measured. */
async function applyCycle(
  config: AgentConfig,
  desired: DesiredState,
  clock: Clock,
): Promise<CycleFigures> {
  const callsByKind: Record<string, number> = {};
  const app = await createApp(config, desired.customers, {
    env: {},
    clock,
    onCall: (e) => {
      const kind = `${e.method} ${e.family}`;
      callsByKind[kind] = (callsByKind[kind] ?? 0) + 1;
    },
  });
  const startAt = clock.now().getTime();
  const wallStart = performance.now();
  try {
    const outcome = await runApplyCycle(app, desired, { command: 'apply' });
    return figures(outcome.plan, outcome.report?.counts.succeeded ?? 0, callsByKind, {
      budgetMinutes: (clock.now().getTime() - startAt) / MINUTE,
      wallMs: performance.now() - wallStart,
    });
  } finally {
    await app.close();
  }
}

/** The plan a full refresh makes now, writing nothing: what incremental cycles left undone. */
async function verifyWithFullRefresh(config: AgentConfig, desired: DesiredState, clock: Clock) {
  let calls = 0;
  const { refresh: _incremental, ...partnerCenter } = config.partnerCenter;
  const app = await createApp({ ...config, partnerCenter }, desired.customers, {
    env: {},
    clock,
    onCall: () => (calls += 1),
  });
  try {
    const { plan } = await computePlan(app, desired, () => undefined);
    return { actionsLeft: plan.actions.length, calls };
  } finally {
    await app.close();
  }
}

function figures(
  plan: Plan,
  applied: number,
  callsByKind: Record<string, number>,
  time: { budgetMinutes: number; wallMs: number },
): CycleFigures {
  const refresh = plan.basis.refresh;
  return {
    calls: Object.values(callsByKind).reduce((a, b) => a + b, 0),
    callsByKind,
    actions: plan.actions.length,
    applied,
    fresh: refresh?.fresh ?? 0,
    fromSnapshot: refresh?.fromSnapshot ?? 0,
    auditPages: refresh?.audit?.pages ?? 0,
    budgetMinutes: round(time.budgetMinutes, 2),
    wallMs: Math.round(time.wallMs),
  };
}

function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const customers = Number(process.argv[2] ?? '10000');
  console.log(JSON.stringify(await runIncremental(customers)));
}
