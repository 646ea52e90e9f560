import type {
  Binding,
  LiveRegistration,
  LiveSubscription,
  ObservedCustomer,
  OrderId,
  Plan,
  PlanAction,
  SubscriptionId,
} from '../../src/model/index.js';
import { purchasedFields, type PlanInput } from '../../src/planner/index.js';

/**
 * A deliberately simple model of Partner Center for the property test: applies a plan's actions
 * to the live state and returns the next plan input. It enforces the rules the planner must
 * respect (decrease only within refundable seats, schedules only with autorenew on, cancel only
 * inside the window, PATCH only on active subscriptions) by throwing.
 */
export function applyPlanToModel(input: PlanInput, plan: Plan): PlanInput {
  const now = input.now.getTime();
  const week = new Date(now + 7 * 86_400_000).toISOString();
  const customers = new Map(
    input.observed.customers.map((c) => [
      c.customerId,
      { ...c, subscriptions: [...c.subscriptions], registrations: [...(c.registrations ?? [])] },
    ]),
  );
  const bindings: Binding[] = [...input.bindings];
  let serial = 0;

  const patch = (
    action: PlanAction & { subscriptionId: SubscriptionId },
    change: (s: LiveSubscription) => LiveSubscription,
  ): void => {
    const customer = customers.get(action.customerId)!;
    const index = customer.subscriptions.findIndex((s) => s.id === action.subscriptionId);
    const sub = customer.subscriptions[index];
    if (sub === undefined)
      throw new Error(`${action.kind}: no subscription ${action.subscriptionId}`);
    if (sub.status !== 'active') throw new Error(`${action.kind} on ${sub.status} subscription`);
    customer.subscriptions[index] = change(sub);
  };
  const withoutSchedule = (s: LiveSubscription): LiveSubscription => {
    const { scheduledNextTermInstructions: _gone, ...rest } = s;
    return rest;
  };

  for (const action of plan.actions) {
    const customer: ObservedCustomer & { subscriptions: LiveSubscription[] } = customers.get(
      action.customerId,
    )!;
    switch (action.kind) {
      case 'register-azure-subscription':
        (customer.registrations as LiveRegistration[]).push({
          azureSubscriptionId: action.azureSubscriptionId,
          status: 'registered',
        });
        break;
      case 'purchase': {
        const orderId = `order-${(serial += 1)}` as OrderId;
        if (action.target !== 'subscription') {
          const desired = input.desired.customers
            .find((c) => c.id === action.customerId)!
            .purchases.find((p) => p.key === action.item)!;
          if (
            desired.kind === 'azure-reservation' &&
            !customer.registrations!.some((r) => r.status === 'registered')
          )
            throw new Error('reservation before registration');
          bindings.push({
            customerId: action.customerId,
            item: action.item,
            kind: 'purchase',
            orderId,
            purchased: purchasedFields(desired),
            boundAt: week,
          });
          break;
        }
        const id =
          `f${(serial += 1).toString(16).padStart(7, '0')}-0000-4000-8000-${action.customerId.slice(-12)}` as SubscriptionId;
        customer.subscriptions.push({
          id,
          customerId: action.customerId,
          offerId: action.catalogItemId,
          productId: action.after.productId,
          skuId: action.after.skuId,
          friendlyName: action.item,
          quantity: action.after.quantity,
          status: 'active',
          autoRenewEnabled: action.after.autoRenew ?? true,
          termDuration: action.after.term ?? 'P1Y',
          billingCycle: action.after.billing,
          creationDate: input.now.toISOString(),
          cancellationAllowedUntilDate: week,
          refundableQuantity: {
            totalQuantity: action.after.quantity,
            details: [{ quantity: action.after.quantity, allowedUntilDateTime: week }],
          },
        });
        bindings.push({
          customerId: action.customerId,
          item: action.item,
          kind: 'subscription',
          subscriptionId: id,
          orderId,
          boundAt: week,
        });
        break;
      }
      case 'increase-quantity':
        patch(action, (s) => {
          const added = action.after.quantity - s.quantity;
          const refund = s.refundableQuantity ?? { totalQuantity: 0, details: [] };
          return withoutSchedule({
            ...s,
            quantity: action.after.quantity,
            refundableQuantity: {
              totalQuantity: refund.totalQuantity + added,
              details: [...refund.details, { quantity: added, allowedUntilDateTime: week }],
            },
          });
        });
        break;
      case 'decrease-quantity':
        patch(action, (s) => {
          let cut = s.quantity - action.after.quantity;
          if (s.refundableQuantity === undefined)
            return withoutSchedule({ ...s, quantity: action.after.quantity });
          const details = s.refundableQuantity.details.map((block) => {
            if (Date.parse(block.allowedUntilDateTime) <= now || cut === 0) return block;
            const take = Math.min(block.quantity, cut);
            cut -= take;
            return { ...block, quantity: block.quantity - take };
          });
          if (cut > 0) throw new Error(`decrease beyond refundable seats on ${s.id} (800090)`);
          const taken = s.quantity - action.after.quantity;
          return withoutSchedule({
            ...s,
            quantity: action.after.quantity,
            refundableQuantity: {
              totalQuantity: s.refundableQuantity.totalQuantity - taken,
              details,
            },
          });
        });
        break;
      case 'schedule-decrease':
        patch(action, (s) => {
          if (!s.autoRenewEnabled) throw new Error('scheduled change needs autorenew on');
          return {
            ...s,
            scheduledNextTermInstructions: {
              productId: action.nextTerm.productId,
              skuId: action.nextTerm.skuId,
              quantity: action.after.quantity,
              termDuration: action.nextTerm.termDuration,
              billingCycle: action.nextTerm.billingCycle,
            },
          };
        });
        break;
      case 'set-autorenew':
        patch(action, (s) =>
          action.after.autoRenew
            ? { ...s, autoRenewEnabled: true }
            : withoutSchedule({ ...s, autoRenewEnabled: false }),
        );
        break;
      case 'cancel':
        patch(action, (s) => {
          if (
            s.cancellationAllowedUntilDate === undefined ||
            Date.parse(s.cancellationAllowedUntilDate) <= now
          )
            throw new Error('cancel after the window (900117)');
          return { ...s, status: 'deleted' };
        });
        break;
    }
  }
  return {
    ...input,
    observed: { ...input.observed, customers: [...customers.values()] },
    bindings,
  };
}
