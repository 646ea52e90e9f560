import type { PlanAction } from '../../model/index.js';

/**
 * What an action changes, in one line: `20 → 25 seats`, `autorenew on → off`, the product a
 * purchase buys. The product's name, when the plan knows it, leads: `Office 365 E3
 * (CFQ7TTC0LF8Q:0001) P1Y/annual × 120` for a purchase, `Office 365 E3, 20 → 25 seats` for the
 * rest. Shared by the terminal and markdown renderers; `id` formats identifiers (plain in a
 * terminal, code spans in markdown) and `name` free text (escaped in markdown).
 */
export function describeAction(
  action: PlanAction,
  id: (text: string) => string = (t) => t,
  name: (text: string) => string = (t) => t,
): string {
  const named = action.productName === undefined ? undefined : name(action.productName);
  if (action.kind === 'purchase') {
    const a = action.after;
    const what = action.target === 'subscription' ? '' : `${action.target} `;
    const renew = a.autoRenew === undefined ? '' : `, autorenew ${a.autoRenew ? 'on' : 'off'}`;
    const scope = action.scope === undefined ? '' : `, scope ${action.scope}`;
    const coterm =
      action.customTermEndDate === undefined
        ? ''
        : `, first term to ${action.customTermEndDate.slice(0, 10)} (co-termed)`;
    const term = a.term === undefined ? '' : `${a.term}/`;
    const product = id(`${a.productId}:${a.skuId}`);
    const shown = named === undefined ? product : `${named} (${product})`;
    return `${what}${shown} ${term}${a.billing} × ${a.quantity}${renew}${scope}${coterm}`;
  }
  return leadWithName(named, describeChange(action, id));
}

/** `name, text` when the product's name is known, else `text` (the apply and status lines). */
export function leadWithName(name: string | undefined, text: string): string {
  return name === undefined ? text : `${name}, ${text}`;
}

function describeChange(
  action: Exclude<PlanAction, { kind: 'purchase' }>,
  id: (text: string) => string,
): string {
  switch (action.kind) {
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
    case 'schedule-change': {
      const b = action.before;
      const a = action.after;
      const shape = (s: typeof a): string =>
        `${id(`${s.productId}:${s.skuId}`)} ${s.termDuration}/${s.billingCycle} × ${s.quantity}`;
      const at =
        action.effectiveAt === undefined ? 'at renewal' : `at renewal ${action.effectiveAt}`;
      return `${shape(b)} → ${shape(a)} ${at}`;
    }
    case 'upgrade':
      return `${id(`${action.before.productId}:${action.before.skuId}`)} → ${id(`${action.after.productId}:${action.after.skuId}`)} now, ${action.after.quantity} seats (${action.transitionType})`;
    case 'set-autorenew':
      return `autorenew ${action.before.autoRenew ? 'on' : 'off'} → ${action.after.autoRenew ? 'on' : 'off'}`;
    case 'cancel':
      return `${action.before.status}, ${action.before.quantity} seats → deleted (cancellable until ${action.cancellationAllowedUntil})`;
  }
}
