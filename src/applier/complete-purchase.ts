import type { PurchaseAction, SubscriptionId } from '../model/index.js';
import { patchSubscription } from './execute-change.js';
import type { ApplierPorts, CheckoutOutcome } from './ports.js';
import { ActionFailure, type ActionResult } from './results.js';

/**
 * After a checkout (first time or re-driven by recovery): refuse an order-less result, bind the
 * new subscription when Partner Center already shows it under the order (`?order_id=`), and
 * turn autorenew off when the item wants it off. A subscription that is not visible yet is normal (orders take up
 * to 15 minutes): the binding keeps the order id and the next run binds the subscription.
 */
export async function completePurchase(
  action: PurchaseAction,
  outcome: CheckoutOutcome,
  ports: ApplierPorts,
  activationLinks: readonly string[],
  runId: string | undefined,
): Promise<ActionResult> {
  const order = outcome.orders[0];
  if (order === undefined) {
    const error = outcome.orderErrors[0];
    throw new ActionFailure(
      error?.code ?? 'no-order',
      `checkout placed no order${error === undefined ? '' : `: ${error.description} (${error.code})`}`,
    );
  }
  const orderIds = outcome.orders.map((o) => o.id);
  let subscriptionId: SubscriptionId | undefined;
  let autoRenewNote = '';
  const followUps: string[] = [];
  if (action.target === 'subscription') {
    // The order is placed: a read that fails now is a follow-up for the next run, never a
    // failure of the purchase (an operator told "failed" might buy it again by hand).
    try {
      subscriptionId = await findOrderSubscription(action, ports);
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      followUps.push(`reading the order's subscription failed (${why}); the next run binds it`);
    }
    // A cart line cannot say "no autorenew" (NCE subscriptions start with it on), so an item
    // that wants it off gets the PATCH as soon as its subscription is visible; otherwise the
    // next plan asks for it (`set-autorenew`).
    if (action.after.autoRenew === false && subscriptionId !== undefined) {
      try {
        await patchSubscription(ports, runId, action, subscriptionId, { autoRenewEnabled: false });
        autoRenewNote = '; autorenew turned off';
      } catch (error) {
        // The order stands; only the follow-up failed, and the next plan retries it.
        const why = error instanceof Error ? error.message : String(error);
        followUps.push(`autorenew still on (${why}); the next run turns it off`);
      }
    }
  }
  const visible =
    subscriptionId === undefined && followUps.length === 0
      ? '; subscription not visible yet, bound on a later run'
      : '';
  return {
    key: action.key,
    kind: action.kind,
    customerId: action.customerId,
    item: action.item,
    status: 'succeeded',
    message: `ordered ${action.after.quantity} × ${action.after.productId}/${action.after.skuId} (order ${orderIds.join(', ')})${action.target === 'subscription' ? visible : ''}${autoRenewNote}`,
    orderIds,
    ...(subscriptionId === undefined ? {} : { subscriptionId }),
    ...(activationLinks.length === 0 ? {} : { activationLinks }),
    ...(followUps.length === 0 ? {} : { followUps }),
  };
}

/** Binds the subscription an order created, if it is visible; returns its id. */
export async function findOrderSubscription(
  action: Pick<PurchaseAction, 'customerId' | 'item'>,
  ports: ApplierPorts,
): Promise<SubscriptionId | undefined> {
  const binding = ports.bindings.get(action.customerId, action.item);
  if (binding?.orderId === undefined) return undefined;
  if (binding.subscriptionId !== undefined) return binding.subscriptionId;
  const subscriptions = await ports.partnerCenter.listSubscriptionsByOrder(
    action.customerId,
    binding.orderId,
  );
  const subscription = subscriptions[0];
  if (subscription === undefined) return undefined;
  ports.bindings.put({ ...binding, subscriptionId: subscription.id });
  return subscription.id;
}

/** Activation links of every order line (SaaS); a link not readable yet is skipped. */
export async function fetchActivationLinks(
  action: PurchaseAction,
  outcome: CheckoutOutcome,
  ports: ApplierPorts,
): Promise<string[]> {
  const links: string[] = [];
  for (const order of outcome.orders) {
    for (const line of order.lineItems) {
      try {
        links.push(
          ...(await ports.partnerCenter.getActivationLinks(
            action.customerId,
            order.id,
            line.lineItemNumber,
          )),
        );
      } catch {
        // The link may not exist until the order completes; `qm status` fetches it again.
      }
    }
  }
  return links;
}
