import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QM_BIN } from '../support/qm-workspace.js';
import { roundForControl, tamper } from './soak-control.js';
import { runSoakRound, type RoundResult } from './soak-round.js';

/**
 * Randomised soak: each round builds a random estate (a few customers; purchases of licences,
 * SaaS, reservations and software; seat increases, refunds, scheduled decreases, autorenew
 * changes, tombstones; items left alone), injects random faults on the money routes, starts the
 * built CLI (`qm apply --auto-approve` or `qm run --once`) and SIGKILLs it at a random moment,
 * resumes with `qm apply` until `qm plan --detailed-exitcode` exits 0, and checks from the
 * sandbox's own records: exactly one order per purchased item, exactly the PATCHes the spec
 * implies (no MS-RequestId committed twice), every order and every committed write known to the
 * state store, and convergence.
 *
 * Seeded and bounded: `QM_SOAK_SEED` (default below), `QM_SOAK_ROUNDS` (default 12, with a
 * 90 s wall-time cap that `QM_SOAK_SECONDS` overrides; setting `QM_SOAK_ROUNDS` lifts the cap
 * unless `QM_SOAK_SECONDS` is given too), `QM_SOAK_ROUND=n` replays one round of a seed.
 */
const DEFAULT_SEED = 20_260_302;
const SEED = envInt('QM_SOAK_SEED') ?? DEFAULT_SEED;
const ROUNDS = envInt('QM_SOAK_ROUNDS') ?? 12;
const ONLY = envInt('QM_SOAK_ROUND');
const CAP_SECONDS =
  envInt('QM_SOAK_SECONDS') ?? (process.env['QM_SOAK_ROUNDS'] === undefined ? 90 : Infinity);
const VERBOSE = process.env['QM_SOAK_VERBOSE'] === '1';
const ROUND_LIST = ONLY === undefined ? Array.from({ length: ROUNDS }, (_, i) => i + 1) : [ONLY];

const results: RoundResult[] = [];
const started = performance.now();
let skipped = 0;

function envInt(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number, got ${raw}`);
  return n;
}

const replay = (round: number): string =>
  `QM_SOAK_SEED=${SEED} QM_SOAK_ROUND=${round} npx vitest run --config vitest.chaos.config.ts test/chaos/soak.test.ts`;

describe(`randomised soak (seed ${SEED})`, () => {
  beforeAll(() => {
    // A dist/ that does not load would read as "everything lost": say what it is instead.
    const probe = spawnSync(process.execPath, [QM_BIN, '--version'], { encoding: 'utf8' });
    expect(probe.status, `the built CLI does not start (npm run build):\n${probe.stderr}`).toBe(0);
  });

  afterAll(() => {
    const sum = (f: (r: RoundResult) => number): number => results.reduce((s, r) => s + f(r), 0);
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `soak: rounds ${results.length}/${ROUND_LIST.length}${skipped > 0 ? ` (${skipped} left out by the ${CAP_SECONDS} s cap)` : ''}, ` +
        `kills ${sum((r) => r.kills)}, faults injected ${sum((r) => r.faultsInjected)} (fired ${sum((r) => r.faultHits)}×), ` +
        `orders ${sum((r) => r.orders)}, duplicates: ${sum((r) => r.verdict.duplicates.length)}, ` +
        `lost: ${sum((r) => r.verdict.lost.length)}, converged: ${results.filter((r) => r.converged).length}/${results.length}, ` +
        `seed ${SEED}, ${seconds.toFixed(1)} s`,
    );
  });

  it.skipIf(ONLY !== undefined)(
    'negative control: a second order and a second PATCH behind the agent are caught',
    async () => {
      const { round, tampering } = roundForControl(SEED);
      const result = await runSoakRound(SEED, round, {
        tamper: (sandbox, estate) => tamper(sandbox, estate, tampering),
      });
      const { duplicates, lost } = result.verdict;
      const c = tampering.customerId.slice(0, 8);
      expect(duplicates, `seed ${SEED}, round ${round}`).toEqual(
        expect.arrayContaining([
          expect.stringContaining(`${c}/${tampering.purchase.key}: 2 orders`),
          expect.stringContaining(
            `/subscriptions/${tampering.patched.subscriptionId}: ${tampering.patched.patches + 1} committed PATCHes`,
          ),
        ]),
      );
      expect(lost.filter((l) => l.includes('has no journal row'))).toHaveLength(3);
      expect(lost.filter((l) => l.includes('in no journal row and no binding'))).toHaveLength(1);
      console.log(
        [
          `soak negative control (round ${round}) caught:`,
          ...duplicates.map((l) => `  duplicate: ${l}`),
          ...lost.map((l) => `  lost: ${l}`),
        ].join('\n'),
      );
    },
  );

  it.for(ROUND_LIST)('round %i', { timeout: 90_000 }, async (round, { skip }) => {
    const elapsed = (performance.now() - started) / 1000;
    const average = results.length === 0 ? 0 : elapsed / results.length;
    if (ONLY === undefined && elapsed + average > CAP_SECONDS) {
      skipped += 1;
      skip(`wall-time cap of ${CAP_SECONDS} s reached`);
    }
    let result: RoundResult;
    try {
      result = await runSoakRound(SEED, round);
    } catch (error) {
      console.log(`soak round ${round} (seed ${SEED}) threw; replay: ${replay(round)}`);
      throw error;
    }
    results.push(result);
    const { verdict } = result;
    const clean =
      verdict.duplicates.length + verdict.lost.length + verdict.unconverged.length === 0 &&
      result.converged;
    console.log(
      `soak round ${round}: ${result.kills} kill(s), ${result.faultsInjected} fault(s) fired ${result.faultHits}×, ` +
        `${result.orders} orders, ${verdict.journalledWrites} journalled writes, ` +
        `${clean ? 'ok' : 'FAILED'} (${result.seconds.toFixed(1)} s)`,
    );
    if (VERBOSE && clean) console.log(result.story.map((l) => `  ${l}`).join('\n'));
    if (!clean) {
      console.log(
        [
          `soak round ${round} of seed ${SEED} broke an invariant; replay: ${replay(round)}`,
          ...result.story.map((l) => `  ${l}`),
          ...verdict.duplicates.map((l) => `  duplicate: ${l}`),
          ...verdict.lost.map((l) => `  lost: ${l}`),
          ...verdict.unconverged.map((l) => `  not converged: ${l}`),
          `  workspace kept: ${result.workspace ?? '-'}`,
        ].join('\n'),
      );
    }
    const where = `seed ${SEED}, round ${round} — replay: ${replay(round)}`;
    expect(verdict.duplicates, `duplicates (${where})`).toEqual([]);
    expect(verdict.lost, `lost (${where})`).toEqual([]);
    expect(verdict.unconverged, `not converged (${where})`).toEqual([]);
    expect(result.converged, `converged (${where})`).toBe(true);
  });
});
