import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/planner/index.js';
import { applyPlanToModel } from './apply-model.js';
import { randomWorld } from './random-world.js';

const SEEDS = Array.from({ length: 400 }, (_, i) => i + 1);

describe('buildPlan: convergence (property)', () => {
  it('after applying a plan to a model of Partner Center, re-planning finds nothing more to do', () => {
    let actionsSeen = 0;
    const kinds = new Set<string>();
    const codes = new Set<string>();
    for (const seed of SEEDS) {
      const input = randomWorld(seed);
      const first = buildPlan(input);
      actionsSeen += first.actions.length;
      for (const action of first.actions) kinds.add(action.kind);
      for (const entry of first.blocked) codes.add(entry.code);
      const next = applyPlanToModel(input, first);
      const second = buildPlan(next);
      expect({ seed, actions: second.actions }).toEqual({ seed, actions: [] });
      // Blocked items stay blocked: applying never unblocks or multiplies them, except
      // registration-pending ones, which a registration in the first plan cannot cause.
      expect(second.blocked.length).toBeLessThanOrEqual(first.blocked.length);
    }
    // The generator must actually exercise the planner.
    expect(actionsSeen).toBeGreaterThan(300);
    expect([...kinds].sort()).toEqual([
      'cancel',
      'decrease-quantity',
      'increase-quantity',
      'purchase',
      'register-azure-subscription',
      'schedule-decrease',
      'set-autorenew',
    ]);
    expect(codes.size).toBeGreaterThanOrEqual(8);
  });
});
