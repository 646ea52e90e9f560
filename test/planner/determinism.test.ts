import { describe, expect, it } from 'vitest';
import type { CatalogView } from '../../src/model/index.js';
import {
  buildPlan,
  computeCustomerObservedDigest,
  computeObservedDigest,
  computeSpecDigest,
  type PlanInput,
} from '../../src/planner/index.js';
import { canonicalJson } from '../../src/support/index.js';
import { randomWorld, seededRandom } from './random-world.js';

function shuffle<T>(list: readonly T[], rnd: () => number): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** The same world with every list in another order. */
function shuffled(input: PlanInput, seed: number): PlanInput {
  const rnd = seededRandom(seed);
  const catalog = new Map<string, CatalogView>(
    shuffle([...input.catalog.entries()], rnd).map(([country, view]) => [
      country,
      { skus: shuffle(view.skus, rnd), availabilities: shuffle(view.availabilities, rnd) },
    ]),
  );
  return {
    ...input,
    desired: {
      customers: shuffle(input.desired.customers, rnd).map((c) => ({
        ...c,
        subscriptions: shuffle(c.subscriptions, rnd),
        purchases: shuffle(c.purchases, rnd),
      })),
    },
    observed: {
      customers: shuffle(input.observed.customers, rnd).map((c) => ({
        ...c,
        subscriptions: shuffle(c.subscriptions, rnd),
        registrations: shuffle(c.registrations ?? [], rnd),
      })),
      failures: shuffle(input.observed.failures, rnd),
    },
    bindings: shuffle(input.bindings, rnd),
    inFlight: shuffle(input.inFlight, rnd),
    catalog,
  };
}

describe('buildPlan: determinism', () => {
  it('gives byte-identical JSON for shuffled inputs', () => {
    for (let seed = 1; seed <= 150; seed += 1) {
      const input = randomWorld(seed);
      const expected = canonicalJson(buildPlan(input));
      for (const variant of [seed * 7, seed * 13]) {
        expect(canonicalJson(buildPlan(shuffled(input, variant)))).toBe(expected);
      }
    }
  });

  it('digests ignore order, source positions and observedAt, but see real changes', () => {
    const input = randomWorld(42);
    const moved = shuffled(input, 9);
    expect(computeSpecDigest(moved.desired)).toBe(computeSpecDigest(input.desired));
    expect(computeObservedDigest(moved.observed)).toBe(computeObservedDigest(input.observed));

    const [first, ...rest] = input.desired.customers;
    const reformatted = {
      customers: [
        {
          ...first!,
          file: 'elsewhere.yaml',
          subscriptions: first!.subscriptions.map((s) => ({
            ...s,
            source: { file: 'x', line: 99, col: 9 },
          })),
        },
        ...rest,
      ],
    };
    expect(computeSpecDigest(reformatted)).toBe(computeSpecDigest(input.desired));
    const renamed = { customers: [{ ...first!, name: 'Renamed' }, ...rest] };
    expect(computeSpecDigest(renamed)).not.toBe(computeSpecDigest(input.desired));

    const [live, ...others] = input.observed.customers;
    const later = {
      ...input.observed,
      customers: [{ ...live!, observedAt: '2030-01-01T00:00:00Z' }, ...others],
    };
    expect(computeObservedDigest(later)).toBe(computeObservedDigest(input.observed));
    const failed = {
      ...input.observed,
      failures: [{ customerId: live!.customerId, code: 'x', message: 'm' }],
    };
    expect(computeObservedDigest(failed)).not.toBe(computeObservedDigest(input.observed));
    expect(computeSpecDigest(input.desired)).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('digests', () => {
  it('hash exactly the JSON of the normalised state, the global digest over the customers', async () => {
    const { createHash } = await import('node:crypto');
    const sha = (text: string): string => createHash('sha256').update(text).digest('hex');
    const input = randomWorld(7);
    const c = input.observed.customers[0]!;
    const single = { customers: [{ ...c, observedAt: 'ignored' }], failures: [] };
    const text = JSON.stringify({
      customerId: c.customerId,
      subscriptions: [...c.subscriptions].sort((a, b) => (a.id < b.id ? -1 : 1)),
      registrations: c.registrations,
    });
    expect(computeCustomerObservedDigest(single.customers[0]!)).toBe(sha(text));
    expect(computeObservedDigest(single)).toBe(sha(`${c.customerId}:${sha(text)}\nfailures\n`));
  });
});
