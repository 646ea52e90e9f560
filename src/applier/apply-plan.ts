import type { ActionKey, CustomerId, PlanAction } from '../model/index.js';
import { executeChange } from './execute-change.js';
import { executePurchase } from './execute-purchase.js';
import { executeUpgrade } from './execute-upgrade.js';
import { executeRegistration } from './execute-registration.js';
import type { ApplierPorts } from './ports.js';
import { ActionFailure, summariseResults, type ActionResult, type ApplyReport } from './results.js';

export interface ApplyOptions {
  readonly runId?: string;
  /** Customers applied in parallel; actions of one customer run in plan order. @default 4 */
  readonly concurrency?: number;
  /** Stops starting new actions once aborted; the call in progress finishes. */
  readonly signal?: AbortSignal;
  /**
   * Called as each action ends (progress, logs, metrics). An observer that throws never stops
   * or orphans the apply: the error goes to `onObserverError` and the workers carry on.
   */
  readonly onResult?: (result: ActionResult) => void;
  /** Where an observer's error goes. @default a process warning on stderr */
  readonly onObserverError?: (error: unknown, result: ActionResult) => void;
}

/**
 * Executes a plan's actions exactly as planned (STYLE §2: apply never re-plans). Each customer's
 * actions run in plan order; an action whose dependency did not succeed is skipped. A failure
 * ends that action only: the rest of the plan proceeds and the report counts it.
 */
export async function applyPlanActions(
  actions: readonly PlanAction[],
  ports: ApplierPorts,
  options: ApplyOptions = {},
): Promise<ApplyReport> {
  const byCustomer = new Map<CustomerId, PlanAction[]>();
  for (const action of actions) {
    const list = byCustomer.get(action.customerId) ?? [];
    list.push(action);
    byCustomer.set(action.customerId, list);
  }
  const statuses = new Map<ActionKey, ActionResult['status']>();
  const results = new Map<ActionKey, ActionResult>();
  const queue = [...byCustomer.values()];
  const worker = async (): Promise<void> => {
    for (let group = queue.shift(); group !== undefined; group = queue.shift()) {
      for (const action of group) {
        const outcome = await applyOne(action, statuses, ports, options);
        const result =
          action.productName === undefined
            ? outcome
            : { ...outcome, productName: action.productName };
        statuses.set(action.key, result.status);
        results.set(action.key, result);
        notifyObserver(options, result);
      }
    }
  };
  const workers = Math.max(1, Math.min(options.concurrency ?? 4, queue.length));
  await Promise.all(Array.from({ length: workers }, worker));
  return summariseResults(actions.map((a) => results.get(a.key)).filter((r) => r !== undefined));
}

/** Tells the observer; what it throws is reported, never allowed to end a worker. */
function notifyObserver(options: ApplyOptions, result: ActionResult): void {
  try {
    options.onResult?.(result);
  } catch (error) {
    try {
      (options.onObserverError ?? warnObserverError)(error, result);
    } catch {
      // Reporting failed too: the apply still goes on.
    }
  }
}

function warnObserverError(error: unknown, result: ActionResult): void {
  const why = error instanceof Error ? error.message : String(error);
  process.emitWarning(
    `the result observer failed on ${result.kind} ${result.item} (${result.customerId}): ${why}; the apply continues`,
    { code: 'QM_OBSERVER_FAILED' },
  );
}

async function applyOne(
  action: PlanAction,
  statuses: ReadonlyMap<ActionKey, ActionResult['status']>,
  ports: ApplierPorts,
  options: ApplyOptions,
): Promise<ActionResult> {
  const base = {
    key: action.key,
    kind: action.kind,
    customerId: action.customerId,
    item: action.item,
  };
  if (options.signal?.aborted === true) {
    return { ...base, status: 'skipped', message: 'not started: the run was interrupted' };
  }
  const blocker = (action.dependsOn ?? []).find((key) => statuses.get(key) !== 'succeeded');
  if (blocker !== undefined) {
    return {
      ...base,
      status: 'skipped',
      message: `not started: prerequisite ${blocker} did not succeed`,
    };
  }
  try {
    switch (action.kind) {
      case 'purchase':
        return await executePurchase(action, ports, options.runId);
      case 'register-azure-subscription':
        return await executeRegistration(action, ports, options.runId);
      case 'upgrade':
        return await executeUpgrade(action, ports, options.runId);
      default:
        return await executeChange(action, ports, options.runId);
    }
  } catch (error) {
    if (error instanceof ActionFailure) {
      return { ...base, status: error.status, code: error.code, message: error.message };
    }
    const failure = ports.partnerCenter.classifyFailure(error);
    return { ...base, status: 'failed', code: failure.code, message: failure.message };
  }
}
