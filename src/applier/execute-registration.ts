import type { RegisterAzureSubscriptionAction } from '../model/index.js';
import { journalled } from './journalled.js';
import type { ApplierPorts } from './ports.js';
import type { ActionResult } from './results.js';

/** Poll budget for a registration: Partner Center answers 202 and registers asynchronously. */
export const REGISTRATION_POLL = { attempts: 10, intervalMs: 3_000 } as const;

/**
 * Registers an Azure subscription for reserved-instance purchases, then polls its status until
 * `registered`. Still registering after the poll budget → `pending`: the reservation that depends
 * on it waits for a later run (the planner reports it as `prerequisite`).
 * https://learn.microsoft.com/en-us/partner-center/developer/register-a-subscription
 */
export async function executeRegistration(
  action: RegisterAzureSubscriptionAction,
  ports: ApplierPorts,
  runId: string | undefined,
): Promise<ActionResult> {
  const pc = ports.partnerCenter;
  const base = {
    key: action.key,
    kind: action.kind,
    customerId: action.customerId,
    item: action.item,
  };
  await journalled(
    ports,
    {
      ...(runId === undefined ? {} : { runId }),
      actionKey: action.key,
      actionKind: action.kind,
      step: 'register',
      customerId: action.customerId,
      item: action.item,
      request: { azureSubscriptionId: action.azureSubscriptionId },
    },
    (requestId) =>
      pc.registerAzureSubscription(action.customerId, action.azureSubscriptionId, requestId),
    () => ({ response: { accepted: true } }),
  );
  for (let attempt = 0; attempt < REGISTRATION_POLL.attempts; attempt += 1) {
    const status = (
      await pc.getRegistrationStatus(action.customerId, action.azureSubscriptionId)
    ).toLowerCase();
    if (status === 'registered') {
      return {
        ...base,
        status: 'succeeded',
        message: `Azure subscription ${action.azureSubscriptionId} registered`,
      };
    }
    await ports.sleep(REGISTRATION_POLL.intervalMs);
  }
  return {
    ...base,
    status: 'pending',
    message: `Azure subscription ${action.azureSubscriptionId} is still registering; dependent purchases wait for a later run`,
  };
}
