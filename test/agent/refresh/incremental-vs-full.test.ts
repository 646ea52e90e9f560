import { describe, expect, it } from 'vitest';
import type { FreshReason, Plan } from '../../../src/model/index.js';
import type { SandboxSeed } from '../../../src/sandbox/index.js';
import { randomEstate } from '../../chaos/soak-estate.js';
import { SoakRandom } from '../../chaos/soak-random.js';
import { DAY, MINUTE, planView, RefreshHarness } from './refresh-harness.js';

/**
 * Issue 19's correctness check for incremental refresh: over many seeded random histories —
 * portal seat changes, autorenew flips and cancellations, out-of-band purchases (all through the
 * sandbox's admin API, so audited as `admin@portal`), renewals and closing refund windows as the
 * sandbox clock moves, spec edits, and apply cycles of the agent itself — the plan an
 * incremental cycle makes equals the plan a full refresh makes at the same instant: the same
 * actions, blocked and unmanaged entries, and the same digests per customer.
 */

const HISTORIES = 12;
const STEPS = 10;
const LICENCES = ['CFQ7TTC0LH18', 'CFQ7TTC0LDPB', 'CFQ7TTC0LFLX', 'CFQ7TTC0LF8Q', 'CFQ7TTC0LH16'];

type Step =
  | 'portal-seats'
  | 'portal-autorenew'
  | 'portal-cancel'
  | 'portal-purchase'
  | 'minutes'
  | 'days'
  | 'apply'
  | 'spec-edit';

const STEP_WEIGHTS: readonly (readonly [Step, number])[] = [
  ['portal-seats', 3],
  ['portal-autorenew', 2],
  ['portal-cancel', 1],
  ['portal-purchase', 1],
  ['minutes', 3],
  ['days', 2],
  ['apply', 2],
  ['spec-edit', 1],
];

/** Two soak estates side by side: 2 to 6 customers. */
function estate(rng: SoakRandom): { seed: SandboxSeed; specs: Map<string, string> } {
  const parts = [randomEstate(rng), randomEstate(rng)];
  const specs = new Map<string, string>();
  for (const part of parts) for (const c of part.customers) specs.set(c.id, c.spec);
  const first = parts[0] as (typeof parts)[number];
  return {
    seed: { ...first.seed, customers: parts.flatMap((p) => p.seed.customers) },
    specs,
  };
}

/** Performs one random step; returns what it did, for the failure message. */
async function step(h: RefreshHarness, rng: SoakRandom, specs: Map<string, string>) {
  const kind = rng.weighted(STEP_WEIGHTS);
  const customer = rng.pick([...specs.keys()]);
  const live = h.sandbox.state.subscriptions(customer).filter((s) => s.status === 'active');
  const sub = live.length === 0 ? undefined : rng.pick(live);
  const portal = (change: Record<string, unknown>): string => {
    if (sub === undefined) return `${kind}: no live subscription`;
    try {
      h.sandbox.admin.updateSubscription(customer, sub.id, change);
      return `${kind} ${sub.id} ${JSON.stringify(change)}`;
    } catch (error) {
      return `${kind} ${sub.id} refused (${(error as Error).message})`;
    }
  };
  switch (kind) {
    case 'portal-seats':
      return portal({ quantity: Math.max(1, (sub?.quantity ?? 1) + rng.int(-3, 5)) });
    case 'portal-autorenew':
      return portal({ autoRenewEnabled: !(sub?.autoRenewEnabled ?? true) });
    case 'portal-cancel':
      return portal({ status: 'deleted' });
    case 'portal-purchase': {
      const productId = rng.pick(LICENCES);
      h.sandbox.admin.createSubscription(customer, {
        productId,
        skuId: '0001',
        quantity: rng.int(1, 10),
        termDuration: rng.pick(['P1M', 'P1Y'] as const),
        billingCycle: 'monthly',
      });
      return `${kind} ${productId} for ${customer}`;
    }
    case 'minutes': {
      const ms = rng.int(1, 45) * MINUTE;
      h.advance(ms);
      return `${kind} +${ms / MINUTE} min`;
    }
    case 'days': {
      const ms = rng.int(1, 12) * DAY + rng.int(0, 600) * MINUTE;
      h.advance(ms);
      return `${kind} +${Math.round(ms / 3_600_000)} h`;
    }
    case 'apply': {
      const outcome = await h.apply();
      return `${kind}: ${outcome.plan.actions.length} actions, ${outcome.outcome}`;
    }
    case 'spec-edit': {
      const text = specs.get(customer) ?? '';
      const edited = text.replace(
        /quantity: (\d+)/,
        (_m, n: string) => `quantity: ${Number(n) + rng.int(1, 4)}`,
      );
      specs.set(customer, edited);
      h.writeSpec(customer, edited);
      return `${kind} ${customer}`;
    }
  }
}

describe('incremental refresh plans exactly what a full refresh plans', () => {
  const reasons: Partial<Record<FreshReason | 'snapshot', number>> = {};

  it.each(Array.from({ length: HISTORIES }, (_, i) => i + 1))(
    'history %i',
    async (seed) => {
      const rng = SoakRandom.forRound(19_003, seed);
      const { seed: sandboxSeed, specs } = estate(rng);
      const h = await RefreshHarness.start(sandboxSeed, specs);
      const history: string[] = [];
      try {
        for (let i = 0; i <= STEPS; i++) {
          if (i > 0) history.push(await step(h, rng, specs));
          const incremental: Plan = await h.planIncremental();
          const full: Plan = await h.planFull();
          const refresh = incremental.basis.refresh;
          expect(refresh, 'incremental plans account for their refresh').toBeDefined();
          for (const [why, n] of Object.entries(refresh?.freshBecause ?? {}))
            reasons[why as FreshReason] = (reasons[why as FreshReason] ?? 0) + n;
          reasons.snapshot = (reasons.snapshot ?? 0) + (refresh?.fromSnapshot ?? 0);
          expect(
            planView(incremental),
            `seed ${seed}, after: ${history.join(' → ') || '(start)'}`,
          ).toEqual(planView(full));
        }
      } finally {
        await h.close();
      }
    },
    120_000,
  );

  it('exercised the incremental paths, not only full refreshes', () => {
    // The comparison above proves nothing if every customer was read every time.
    expect(reasons.snapshot ?? 0).toBeGreaterThan(HISTORIES * STEPS);
    for (const why of ['audit-activity', 'agent-activity', 'deadline', 'spec-changed'] as const)
      expect(reasons[why] ?? 0, `fresh reads because ${why}`).toBeGreaterThan(0);
  });
});
