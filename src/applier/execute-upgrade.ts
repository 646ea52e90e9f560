import { transitionOutcome, type UpgradeAction } from '../model/index.js';
import { journalled } from './journalled.js';
import { productNameField } from './journal-product-name.js';
import type { ApplierPorts } from './ports.js';
import { ActionFailure, type ActionResult } from './results.js';

/**
 * Applies an `upgrade`: one journalled `POST …/transitions` moving every seat of the subscription
 * to the target the eligibility check listed (docs/partner-center-api.md §5.5). A transition
 * Partner Center reports as failed is a failed action; one still running succeeds with a note
 * (the next refresh shows the new product); the subscription keeps its id and term.
 */
export async function executeUpgrade(
  action: UpgradeAction,
  ports: ApplierPorts,
  runId: string | undefined,
): Promise<ActionResult> {
  const request = {
    fromCatalogItemId: action.fromCatalogItemId,
    fromSubscriptionId: action.subscriptionId,
    toCatalogItemId: action.toCatalogItemId,
    quantity: action.after.quantity,
    termDuration: action.termDuration,
    billingCycle: action.billingCycle,
    transitionType: action.transitionType,
  };
  const transition = await journalled(
    ports,
    {
      ...(runId === undefined ? {} : { runId }),
      actionKey: action.key,
      actionKind: action.kind,
      step: 'create-transition',
      customerId: action.customerId,
      item: action.item,
      subscriptionId: action.subscriptionId,
      request: { transition: request, ...productNameField(action.productName) },
    },
    (requestId) =>
      ports.partnerCenter.createTransition(
        action.customerId,
        action.subscriptionId,
        request,
        requestId,
      ),
    (result) => ({
      response: {
        operationId: result.operationId ?? null,
        events: result.events.map((e) => `${e.name}:${e.status}`),
      },
    }),
  );
  const outcome = transitionOutcome(transition);
  if (outcome === 'failed') {
    const errors = transition.events.flatMap((e) =>
      e.errors.map((x) => `${x.code} ${x.description}`),
    );
    throw new ActionFailure(
      'transition-failed',
      `Partner Center reports the transition failed: ${errors.join('; ') || 'no error given'}`,
    );
  }
  return {
    key: action.key,
    kind: action.kind,
    customerId: action.customerId,
    item: action.item,
    status: 'succeeded',
    message: `${action.before.productId}:${action.before.skuId} → ${action.after.productId}:${action.after.skuId}${outcome === 'in-progress' ? ' (transition still running)' : ''}`,
    subscriptionId: action.subscriptionId,
  };
}
