import type { PlanAction } from '../../model/index.js';

/**
 * What an action changes, in one line: `20 → 25 seats`, `autorenew on → off`, the product a
 * purchase buys. Shared by the terminal and markdown renderers; `id` formats identifiers
 * (plain in a terminal, code spans in markdown).
 */
export function describeAction(
  action: PlanAction,
  id: (text: string) => string = (t) => t,
): string {
  switch (action.kind) {
    case 'purchase': {
      const a = action.after;
      const what = action.target === 'subscription' ? '' : `${action.target} `;
      const renew = a.autoRenew === undefined ? '' : `, autorenew ${a.autoRenew ? 'on' : 'off'}`;
      const scope = action.scope === undefined ? '' : `, scope ${action.scope}`;
      const term = a.term === undefined ? '' : `${a.term}/`;
      return `${what}${id(`${a.productId}:${a.skuId}`)} ${term}${a.billing} × ${a.quantity}${renew}${scope}`;
    }
    case 'register-azure-subscription':
      return `register Azure subscription ${id(action.azureSubscriptionId)}`;
    case 'increase-quantity':
    case 'decrease-quantity':
      return `${action.before.quantity} → ${action.after.quantity} seats`;
    case 'schedule-decrease': {
      const at =
        action.effectiveAt === undefined ? 'at renewal' : `at renewal ${action.effectiveAt}`;
      const replaces =
        action.before.scheduledQuantity === undefined
          ? ''
          : ` (replaces scheduled ${action.before.scheduledQuantity})`;
      return `${action.before.quantity} → ${action.after.quantity} seats ${at}${replaces}`;
    }
    case 'set-autorenew':
      return `autorenew ${action.before.autoRenew ? 'on' : 'off'} → ${action.after.autoRenew ? 'on' : 'off'}`;
    case 'cancel':
      return `${action.before.status}, ${action.before.quantity} seats → deleted (cancellable until ${action.cancellationAllowedUntil})`;
  }
}
