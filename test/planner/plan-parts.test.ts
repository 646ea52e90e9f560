import { describe, expect, it } from 'vitest';
import type { CustomerId, PriceBook } from '../../src/model/index.js';
import { buildPlan, finishPlan, planPart, type PlanInput } from '../../src/planner/index.js';
import { canonicalJson } from '../../src/support/index.js';
import { randomWorld, seededRandom } from './random-world.js';

/** Every query priced at 10 USD a unit, except one product left unpriced. */
const PRICES: PriceBook = {
  quote: (query, timeline) =>
    query.productId.endsWith('7')
      ? undefined
      : {
          currency: 'USD',
          unitPrice: 10 + query.productId.length,
          source: { market: 'US', view: 'updatedlicensebased', month: '2026-11', timeline },
        },
  notes: ['one product is unpriced on purpose'],
};

/** The input cut to the customers of one batch, as the agent gathers it batch by batch. */
function batchOf(input: PlanInput, ids: ReadonlySet<CustomerId>): PlanInput {
  const mine = <T extends { readonly customerId: CustomerId }>(rows: readonly T[]): T[] =>
    rows.filter((r) => ids.has(r.customerId));
  return {
    ...input,
    desired: { customers: input.desired.customers.filter((c) => ids.has(c.id)) },
    observed: {
      ...input.observed,
      customers: mine(input.observed.customers),
      failures: mine(input.observed.failures),
    },
    bindings: mine(input.bindings),
    inFlight: mine(input.inFlight),
  };
}

/** Splits every customer (declared, observed or failed) into `count` random batches. */
function split(input: PlanInput, count: number, seed: number): PlanInput[] {
  const rnd = seededRandom(seed);
  const all = new Set<CustomerId>([
    ...input.desired.customers.map((c) => c.id),
    ...input.observed.customers.map((c) => c.customerId),
    ...input.observed.failures.map((f) => f.customerId),
  ]);
  const batches = Array.from({ length: count }, () => new Set<CustomerId>());
  for (const id of all) batches[Math.floor(rnd() * count)]!.add(id);
  return batches.map((ids) => batchOf(input, ids));
}

describe('planPart + finishPlan: planning in batches', () => {
  it('gives the same plan, byte for byte, as planning every customer at once', () => {
    for (let seed = 1; seed <= 120; seed += 1) {
      const world = randomWorld(seed);
      const input: PlanInput = seed % 2 === 0 ? { ...world, prices: PRICES } : world;
      const expected = canonicalJson(buildPlan(input));
      for (const count of [2, 5]) {
        const parts = split(input, count, seed * 31 + count).map(planPart);
        expect(canonicalJson(finishPlan(parts, input))).toBe(expected);
      }
    }
  });

  it('counts the circuit breaker over the whole estate, not per batch', () => {
    // Find a world where at least 3 items shrink, spread so no batch alone has 3.
    let checked = 0;
    for (let seed = 1; seed <= 400 && checked < 5; seed += 1) {
      const world = randomWorld(seed);
      const input: PlanInput = {
        ...world,
        policy: {
          ...world.policy,
          limits: { ...world.policy.limits, maxShrinkingItems: { kind: 'count', value: 2 } },
        },
      };
      const whole = buildPlan(input);
      const tripped = whole.blocked.filter((b) => b.code === 'circuit-breaker');
      if (tripped.length < 3) continue;
      const parts = split(input, tripped.length, seed).map(planPart);
      const batched = finishPlan(parts, input);
      expect(batched.blocked.filter((b) => b.code === 'circuit-breaker')).toHaveLength(
        tripped.length,
      );
      expect(canonicalJson(batched)).toBe(canonicalJson(whole));
      checked += 1;
    }
    expect(checked).toBeGreaterThan(0);
  });
});
