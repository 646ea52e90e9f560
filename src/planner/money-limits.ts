import { formatMoney, type BlockedCode, type PlanAction, type Policy } from '../model/index.js';
import { roundMoney } from './billing-cycle.js';
import { isMoneyAction } from './price-actions.js';

type Stop = (action: PlanAction, code: BlockedCode, reason: string) => void;

/**
 * The money guard rails (`policy.limits.maxMonthlyIncrease`, `maxCommitment`, per currency;
 * docs/money.md). Walking the actions in plan order, each action that adds to the monthly run
 * rate or commits money counts against its currency's limits; the first action that would take a
 * total past a limit, and every later one that would too, is stopped with `policy-limit` and the
 * amounts. Decreases do not make room (they can still fail or be blocked). When any money limit
 * is set, an unpriced action that could add money is stopped: the limit cannot be checked.
 */
export function applyMoneyLimits(
  ordered: readonly PlanAction[],
  stopped: ReadonlySet<string>,
  limits: Policy['limits'],
  stop: Stop,
): void {
  const { maxMonthlyIncrease, maxCommitment } = limits;
  if (maxMonthlyIncrease === undefined && maxCommitment === undefined) return;
  const monthly = new Map<string, number>();
  const committed = new Map<string, number>();
  for (const action of ordered) {
    if (stopped.has(action.key) || !adds(action)) continue;
    const { cost } = action;
    if (cost === undefined) {
      stop(
        action,
        'policy-limit',
        'no price is known for it, so policy.limits.maxMonthlyIncrease/maxCommitment cannot be checked; configure partnerCenter.pricing (docs/pricing.md) or remove the money limits',
      );
      continue;
    }
    const c = cost.currency;
    const addMonthly = Math.max(0, cost.monthlyDelta);
    const addCommitted = Math.max(0, cost.commitment);
    const monthlyAfter = roundMoney((monthly.get(c) ?? 0) + addMonthly, c);
    const committedAfter = roundMoney((committed.get(c) ?? 0) + addCommitted, c);
    const monthlyCap = maxMonthlyIncrease?.[c];
    const commitCap = maxCommitment?.[c];
    if (monthlyCap !== undefined && monthlyAfter > monthlyCap) {
      stop(
        action,
        'policy-limit',
        `it adds ${money(addMonthly, c)} a month, taking this run to ${money(monthlyAfter, c)}, over policy.limits.maxMonthlyIncrease ${money(monthlyCap, c)}`,
      );
      continue;
    }
    if (commitCap !== undefined && committedAfter > commitCap) {
      stop(
        action,
        'policy-limit',
        `it commits ${money(addCommitted, c)}, taking this run to ${money(committedAfter, c)}, over policy.limits.maxCommitment ${money(commitCap, c)}`,
      );
      continue;
    }
    monthly.set(c, monthlyAfter);
    committed.set(c, committedAfter);
  }
}

/** Purchases, seat increases and upgrades: the actions that can add money now. */
function adds(action: PlanAction): boolean {
  return (
    isMoneyAction(action) &&
    (action.kind === 'purchase' || action.kind === 'increase-quantity' || action.kind === 'upgrade')
  );
}

const money = (amount: number, currency: string): string => formatMoney(amount, currency);
