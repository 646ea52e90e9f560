import type { Plan, PlanAction } from '../../src/model/index.js';

/** A compact, readable projection of a plan for table-driven expectations. */
export interface ProjectedPlan {
  readonly actions: string[];
  readonly blocked: string[];
  readonly unmanaged: string[];
}

function describeAction(a: PlanAction): string {
  switch (a.kind) {
    case 'purchase':
      return `purchase ${a.item} ${a.after.productId}:${a.after.skuId} x${a.after.quantity}`;
    case 'register-azure-subscription':
      return `register-azure-subscription ${a.item} ${a.azureSubscriptionId}`;
    case 'increase-quantity':
    case 'decrease-quantity':
      return `${a.kind} ${a.item} ${a.before.quantity}->${a.after.quantity}`;
    case 'schedule-decrease':
      return `schedule-decrease ${a.item} ${a.before.quantity}->${a.after.quantity}`;
    case 'schedule-change':
      return `schedule-change ${a.item} ${a.before.productId}:${a.before.skuId} ${a.before.termDuration}/${a.before.billingCycle} x${a.before.quantity}->${a.after.productId}:${a.after.skuId} ${a.after.termDuration}/${a.after.billingCycle} x${a.after.quantity}`;
    case 'upgrade':
      return `upgrade ${a.item} ${a.before.productId}:${a.before.skuId}->${a.after.productId}:${a.after.skuId} x${a.after.quantity}`;
    case 'set-autorenew':
      return `set-autorenew ${a.item} ${a.after.autoRenew ? 'on' : 'off'}`;
    case 'cancel':
      return `cancel ${a.item}`;
  }
}

export function projectPlan(plan: Plan): ProjectedPlan {
  return {
    actions: plan.actions.map(describeAction),
    blocked: plan.blocked.map(
      (b) => `${b.code} ${b.item}${b.wanted === undefined ? '' : ` (${b.wanted})`}`,
    ),
    unmanaged: plan.unmanaged.map((u) => `${u.subscriptionId} ${u.status}`),
  };
}
