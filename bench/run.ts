/**
 * `npm run bench`: the scale benchmark at 1,250 / 2,500 / 5,000 / 10,000 customers (each in its
 * own process, the estate written by another, so CPU time and peak RSS are the agent's per size), the throttle benchmark, the planner and
 * state-store benchmarks, the price sheet download (a 110 MB sheet, in its own process) and the
 * dashboard at 5,000 customers (its own process). Prints a table and writes bench/results.json. Exit code 1 when a
 * target is missed. Method and figures: docs/performance.md.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { resolve } from 'node:path';
import type { IncrementalResult } from './incremental.js';
import { printDashboardBench, type DashboardBenchResult } from './dashboard.js';
import { runPlannerBench } from './planner.js';
import type { PriceSheetBenchResult } from './pricesheet.js';
import type { ScaleResult } from './scale.js';
import { runStateBench } from './state-store.js';
import { runThrottleBench } from './throttle.js';

const SIZES = [1250, 2500, 5000, 10_000];
/** The size peak RSS is compared with (issue 19: ≤ 1.1 × at 10,000). */
const RSS_REFERENCE = 2500;
const LARGEST = 10_000;
const here = import.meta.dirname;

function runScaleChild(customers: number): ScaleResult {
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', '--expose-gc', resolve(here, 'scale.ts'), String(customers)],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  const line = out.trim().split('\n').at(-1) ?? '';
  return JSON.parse(line) as ScaleResult;
}

/** Incremental refresh at 10,000 customers in its own process (bench/incremental.ts). */
function runIncrementalChild(customers: number): IncrementalResult {
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', '--expose-gc', resolve(here, 'incremental.ts'), String(customers)],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 16 * 1024 * 1024 },
  );
  return JSON.parse(out.trim().split('\n').at(-1) ?? '') as IncrementalResult;
}

/** The dashboard at 5,000 customers in its own process (bench/dashboard.ts). */
function runDashboardChild(): DashboardBenchResult {
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', resolve(here, 'dashboard.ts'), '5000', '--json'],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 16 * 1024 * 1024 },
  );
  return JSON.parse(out.trim().split('\n').at(-1) ?? '') as DashboardBenchResult;
}

/** The price sheet download in its own process (its peak RSS is the client's and the cache's). */
function runPriceSheetChild(): PriceSheetBenchResult {
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', '--expose-gc', resolve(here, 'pricesheet.ts'), '110'],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 16 * 1024 * 1024 },
  );
  return JSON.parse(out.trim().split('\n').at(-1) ?? '') as PriceSheetBenchResult;
}

const machine = {
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: cpus().length,
  memoryGb: Math.round(totalmem() / 1024 ** 3),
  freeMemoryGb: Math.round(freemem() / 1024 ** 3),
  loadAverageAtStart: loadavg().map((l) => Math.round(l * 100) / 100),
  node: process.version,
  platform: `${process.platform} ${process.arch}`,
};

const scale: ScaleResult[] = [];
for (const size of SIZES) {
  process.stderr.write(`scale: ${size} customers…\n`);
  scale.push(runScaleChild(size));
}
process.stderr.write('incremental refresh: 10,000 customers, quiet and at 1% churn…\n');
const incremental = runIncrementalChild(10_000);
process.stderr.write('throttle: 1,000 changes under a 500/min limit…\n');
const throttle = await runThrottleBench();
process.stderr.write('planner and state store…\n');
const planner = runPlannerBench();
const state = runStateBench();
process.stderr.write('price sheet: a 110 MB sheet downloaded into the cache…\n');
const pricesheet = runPriceSheetChild();
process.stderr.write('dashboard: every page at 5,000 customers…\n');
const dashboard = runDashboardChild();

const reference = scale.find((r) => r.customers === RSS_REFERENCE);
const rows = scale.map((r, i) => {
  const previous = i > 0 ? scale[i - 1] : undefined;
  return {
    ...r,
    callsRatio: r.calls / r.minimumCalls,
    protocolCallsRatio: r.calls / r.protocolMinimumCalls,
    wallRatio: Math.round((r.wallMs / r.boundMs) * 1000) / 1000,
    // The bare client's time for as many calls over the bound, and the cycle's over that.
    floorRatio: Math.round((r.floorMs / r.boundMs) * 1000) / 1000,
    wallVsFloor: Math.round((r.wallMs / r.floorMs) * 1000) / 1000,
    // Wall time over the previous (half) size's; null for the first size.
    growthVsPrevious:
      previous === undefined ? null : Math.round((r.wallMs / previous.wallMs) * 1000) / 1000,
    // Peak RSS over the peak RSS at 2,500 customers (issue 19's flatness target).
    rssVs2500:
      reference === undefined
        ? null
        : Math.round((r.peakRssMb / reference.peakRssMb) * 1000) / 1000,
  };
});
const largest = rows.find((r) => r.customers === LARGEST);
const targets = {
  'calls ≤ 1.05 × minimum (list per customer + 1 per change)': rows.every(
    (r) => r.callsRatio <= 1.05,
  ),
  'calls ≤ 1.05 × protocol minimum (list per customer + GET and PATCH per change)': rows.every(
    (r) => r.protocolCallsRatio <= 1.05,
  ),
  'wall ≤ 1.2 × bound at every size': rows.every((r) => r.wallRatio <= 1.2),
  'doubling customers ≤ 2.1 × time': rows.every(
    (r) => r.growthVsPrevious === null || r.growthVsPrevious <= 2.1,
  ),
  'peak RSS ≤ 300 MB at 10,000 customers': largest !== undefined && largest.peakRssMb <= 300,
  'peak RSS at 10,000 customers ≤ 1.1 × at 2,500':
    largest !== undefined && largest.rssVs2500 !== null && largest.rssVs2500 <= 1.1,
  '1,000 changes under 500/min: zero 429s':
    throttle.throttledSeenByAgent === 0 &&
    throttle.throttledBySandbox === 0 &&
    throttle.applied === 1000,
  "incremental: a quiet cycle makes ≤ 2% of a full refresh's calls (10,000 customers)":
    incremental.quiet.shareOfFull <= 0.02,
  'incremental: at 1% churn calls ≤ 1.05 × (audit pages + changed customers + changes), none missed':
    incremental.churn.ratio <= 1.05 &&
    incremental.churn.missed === 0 &&
    incremental.verify.actionsLeft === 0,
  'planner within budget': planner.withinBudget,
  'state store within budget': state.withinBudget,
  [`price sheet > 100 MB cached with peak RSS < ${pricesheet.targetPeakRssMb} MB`]: pricesheet.met,
  'dashboard: every page < 300 ms at 5,000 customers': dashboard.met,
};

const fmt = (n: number, d = 2): string => n.toFixed(d);
console.log(
  'customers  subs    changes  calls  minimum  ratio  protocol-min  ratio  wall ms  bound ms  wall/bound  floor ms  floor/bound  wall/floor  ×prev  cpu ms  RSS before MB  heap after MB  peak RSS MB  ×2,500  429s',
);
for (const r of rows) {
  console.log(
    [
      String(r.customers).padEnd(9),
      String(r.subscriptions).padEnd(7),
      String(r.changesApplied).padEnd(8),
      String(r.calls).padEnd(6),
      String(r.minimumCalls).padEnd(8),
      fmt(r.callsRatio).padEnd(6),
      String(r.protocolMinimumCalls).padEnd(13),
      fmt(r.protocolCallsRatio).padEnd(6),
      String(r.wallMs).padEnd(8),
      String(r.boundMs).padEnd(9),
      fmt(r.wallRatio).padEnd(11),
      String(r.floorMs).padEnd(9),
      fmt(r.floorRatio).padEnd(12),
      fmt(r.wallVsFloor).padEnd(11),
      (r.growthVsPrevious === null ? '-' : fmt(r.growthVsPrevious)).padEnd(6),
      String(r.cpuMs).padEnd(7),
      String(r.rssBeforeCycleMb).padEnd(14),
      String(r.heapAfterCycleMb).padEnd(14),
      String(r.peakRssMb).padEnd(12),
      (r.rssVs2500 === null ? '-' : fmt(r.rssVs2500)).padEnd(7),
      String(r.throttled),
    ].join(' '),
  );
}
console.log(
  `throttle: ${throttle.applied}/${throttle.changes} changes, ${throttle.calls} calls, 429s seen by the agent ${throttle.throttledSeenByAgent}, answered by the sandbox ${throttle.throttledBySandbox}, ${throttle.virtualMinutes} min of (virtual) pacing`,
);
console.log(
  `incremental (${incremental.customers} customers, budget 500/min): full ${incremental.full.calls} calls, ${incremental.full.budgetMinutes} min budget-bound; quiet ${incremental.quiet.calls} calls (${(incremental.quiet.shareOfFull * 100).toFixed(2)}% of full), ${incremental.quiet.budgetMinutes} min; 1% churn ${incremental.churn.calls} calls for ${incremental.churn.auditPages} audit page(s) + ${incremental.churn.changedCustomers} customers + ${incremental.churn.changes} changes (×${incremental.churn.ratio}), ${incremental.churn.budgetMinutes} min, ${incremental.churn.missed} missed, full-refresh check ${incremental.verify.actionsLeft} actions left`,
);
console.log(
  `planner: ${planner.subscriptions} subscriptions, buildPlan CPU ${planner.planCpuMs} ms, heap ${planner.heapMb} MB`,
);
console.log(
  `state: journal ${state.journalCallsPerSec} begin+settle/s, snapshot rewrite of ${state.subscriptions} subscriptions ${state.snapshotRewriteMs} ms`,
);
console.log(
  `pricesheet: ${pricesheet.megabytes} MB plain CSV, ${pricesheet.rows} rows cached in ${pricesheet.wallMs} ms (${pricesheet.rowsPerSec} rows/s, ${pricesheet.megabytesPerSec} MB/s), peak RSS ${pricesheet.peakRssMb} MB (${pricesheet.startRssMb} MB before it), state file ${pricesheet.stateFileMb} MB`,
);
printDashboardBench(dashboard);
for (const [target, met] of Object.entries(targets))
  console.log(`${met ? 'met   ' : 'MISSED'} ${target}`);

writeFileSync(
  resolve(here, 'results.json'),
  `${JSON.stringify({ generatedAt: new Date().toISOString(), machine, latencyMs: 20, concurrency: 8, scale: rows, incremental, throttle, planner, state, pricesheet, dashboard, targets }, null, 2)}\n`,
);
process.exitCode = Object.values(targets).every(Boolean) ? 0 : 1;
