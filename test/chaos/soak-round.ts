import { setTimeout as sleep } from 'node:timers/promises';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/index.js';
import { QmWorkspace, type QmChild, type QmResult } from '../support/qm-workspace.js';
import { randomEstate, SOAK_POLICY, type SoakEstate } from './soak-estate.js';
import { faultHits, injectRandomFaults } from './soak-faults.js';
import { checkInvariants, type FinalPlan, type SoakVerdict } from './soak-invariants.js';
import { SoakRandom } from './soak-random.js';

/**
 * One soak round: a random estate in a fresh sandbox and workspace, random faults on the
 * money routes, the built CLI started as a child process and SIGKILLed at a random moment
 * (sometimes its first resume too), then — faults cleared — `qm apply --auto-approve` until
 * `qm plan --detailed-exitcode` finds nothing to do (bounded), and the invariants.
 */
export interface RoundResult {
  readonly seed: number;
  readonly round: number;
  readonly kills: number;
  readonly faultsInjected: number;
  readonly faultHits: number;
  readonly orders: number;
  readonly verdict: SoakVerdict;
  readonly converged: boolean;
  /** What happened, line by line: printed when an invariant fails. */
  readonly story: string[];
  /** The workspace, kept on failure for inspection. */
  readonly workspace?: string;
  readonly seconds: number;
}

/** Resume cycles (apply, then plan) before the round is declared not converged. */
const MAX_RESUMES = 4;
/** A CLI run that takes longer has hung: it is killed and the round reports it. */
const RUN_GUARD_MS = 30_000;

type KillPlan =
  | { readonly mode: 'timer'; readonly ms: number }
  | { readonly mode: 'write'; readonly nth: number; readonly ms: number };

export interface RoundOptions {
  /** Runs after the resume, before the invariants (the negative control's tampering). */
  readonly tamper?: (sandbox: RunningSandbox, estate: SoakEstate) => Promise<void>;
}

export async function runSoakRound(
  seed: number,
  round: number,
  options: RoundOptions = {},
): Promise<RoundResult> {
  const t0 = performance.now();
  const rng = SoakRandom.forRound(seed, round);
  const estate = randomEstate(rng);
  const story: string[] = [describeEstate(estate)];
  const sandbox = await startSandbox({ seed: estate.seed });
  const ws = new QmWorkspace('qm-soak-');
  let keep = false;
  try {
    ws.writeConfig({ endpoint: sandbox.url, concurrency: rng.int(1, 4), policy: SOAK_POLICY });
    for (const c of estate.customers) ws.writeSpec(`customer-${c.id.slice(0, 8)}`, c.spec);

    const faults = injectRandomFaults(rng, sandbox, estate);
    story.push(`faults: ${faults.map((f) => f.label).join('; ')}`);
    const command = rng.chance(0.6) ? ['apply', '--auto-approve'] : ['run', '--once'];
    const plan = randomKillPlan(rng, estate.writes);
    let kills = 0;
    const first = await runAndKill(ws, sandbox, command, plan);
    kills += first.killed ? 1 : 0;
    story.push(`qm ${command.join(' ')}: ${first.note}`);
    const hits = faultHits(sandbox, faults);
    sandbox.faults.clear();

    if (rng.chance(0.35)) {
      const again = await runAndKill(ws, sandbox, ['apply', '--auto-approve'], {
        mode: 'timer',
        ms: rng.int(200, 2_500),
      });
      kills += again.killed ? 1 : 0;
      story.push(`qm apply --auto-approve (resume): ${again.note}`);
    }

    let final: FinalPlan = { code: null, actions: [], blocked: [], error: 'never planned' };
    for (let i = 1; i <= MAX_RESUMES; i++) {
      const applied = await guarded(ws.start(['apply', '--auto-approve']));
      story.push(`resume ${i}: qm apply exit ${applied.code}${summaryLine(applied)}`);
      final = readPlan(await guarded(ws.start(['plan', '--detailed-exitcode', '--json'])));
      story.push(`resume ${i}: qm plan --detailed-exitcode exit ${final.code}`);
      if (final.code === 0) break;
    }

    if (options.tamper !== undefined) await options.tamper(sandbox, estate);
    const store = ws.openState();
    const state = {
      journal: store.journal.list({ limit: 1_000_000 }),
      bindings: store.bindings.list(),
      open: store.journal.listInFlight(),
    };
    store.close();
    const verdict = checkInvariants(sandbox, estate, state, final);
    const converged = verdict.unconverged.length === 0 && final.code === 0;
    keep =
      options.tamper === undefined &&
      (verdict.duplicates.length + verdict.lost.length + verdict.unconverged.length > 0 ||
        !converged);
    return {
      seed,
      round,
      kills,
      faultsInjected: faults.length,
      faultHits: hits,
      orders: verdict.orders,
      verdict,
      converged,
      story,
      ...(keep ? { workspace: ws.dir } : {}),
      seconds: (performance.now() - t0) / 1000,
    };
  } finally {
    await sandbox.close();
    if (!keep) ws.remove();
  }
}

function randomKillPlan(rng: SoakRandom, writes: number): KillPlan {
  // Half the kills wait for the n-th write to reach the server (then 0–40 ms more), so they
  // land around money moving; the others fire after a plain random delay from the start
  // (a CLI run spends its first ~1 s starting node and reading the estate).
  if (rng.chance(0.5))
    return { mode: 'write', nth: rng.int(1, Math.max(1, writes)), ms: rng.int(0, 40) };
  return { mode: 'timer', ms: rng.int(800, 3_500) };
}

/** Writes (POST/PUT/PATCH/DELETE under /v1/customers) the sandbox has seen so far. */
function writesSeen(sandbox: RunningSandbox): number {
  return sandbox.state
    .requests()
    .filter((r) => r.method !== 'GET' && r.path.toLowerCase().startsWith('/v1/customers/')).length;
}

async function runAndKill(
  ws: QmWorkspace,
  sandbox: RunningSandbox,
  args: readonly string[],
  plan: KillPlan,
): Promise<{ killed: boolean; note: string }> {
  const started = ws.start(args);
  let ended = false;
  void started.done.then(
    () => (ended = true),
    () => (ended = true),
  );
  const t0 = performance.now();
  if (plan.mode === 'write') {
    const base = writesSeen(sandbox);
    while (!ended && writesSeen(sandbox) - base < plan.nth && performance.now() - t0 < RUN_GUARD_MS)
      await sleep(5);
  }
  const wait = sleep(plan.ms);
  await Promise.race([wait, started.done.catch(() => undefined)]);
  const at = Math.round(performance.now() - t0);
  if (!ended) started.child.kill('SIGKILL');
  const result = await started.done;
  const killed = result.signal === 'SIGKILL';
  const how =
    plan.mode === 'write' ? `after write ${plan.nth} + ${plan.ms} ms` : `at ${plan.ms} ms`;
  return {
    killed,
    note: killed
      ? `SIGKILL ${how} (${at} ms in, ${writesSeen(sandbox)} writes seen)`
      : `ended before the kill (${how}) with exit ${result.code}${summaryLine(result)}`,
  };
}

/** Waits for a run, killing it if it hangs. */
async function guarded(child: QmChild): Promise<QmResult> {
  const timer = setTimeout(() => child.child.kill('SIGKILL'), RUN_GUARD_MS);
  try {
    return await child.done;
  } finally {
    clearTimeout(timer);
  }
}

function readPlan(result: QmResult): FinalPlan {
  try {
    const json = JSON.parse(result.stdout) as Pick<FinalPlan, 'actions' | 'blocked'>;
    return { code: result.code, actions: json.actions, blocked: json.blocked };
  } catch {
    return {
      code: result.code,
      actions: [],
      blocked: [],
      error: `not a JSON plan (signal ${result.signal}): ${(result.stderr || result.stdout).slice(0, 400)}`,
    };
  }
}

function summaryLine(result: QmResult): string {
  const lines = `${result.stdout}\n${result.stderr}`.split('\n').map((l) => l.trim());
  const pick =
    result.code === 0 || result.code === 3
      ? lines.filter((l) => /^(Applied|No changes|Apply|Run)/i.test(l)).at(-1)
      : lines.find((l) => /error/i.test(l));
  return pick === undefined ? '' : ` — ${pick.slice(0, 200)}`;
}

function describeEstate(estate: SoakEstate): string {
  return estate.customers
    .map(
      (c) =>
        `${c.id.slice(0, 8)} (${c.country}): ${c.items.map((i) => i.key).join(', ')}${c.unmanaged.length > 0 ? ', +unmanaged' : ''}`,
    )
    .join(' | ');
}
