import type { App } from '../app/index.js';
import {
  applyPlanActions,
  recoverUnsettled,
  type ActionResult,
  type ApplyReport,
  type RecoveryNote,
} from '../applier/index.js';
import type { ActionKind, CustomerId, DesiredState, Plan, PlanAction } from '../model/index.js';
import type { RunOutcome } from '../state/index.js';
import { bindPendingSubscriptions } from './bind-pending.js';
import { computePlan } from './compute-plan.js';
import { withLease } from './lease.js';
import { assertPlanCurrent } from './plan-file.js';
import type { RefreshOptions } from './refresh.js';

export interface ApplyRequest extends RefreshOptions {
  readonly command: 'apply' | 'run';
  readonly customers?: readonly CustomerId[];
  /** A reviewed plan to apply exactly (refused when stale). */
  readonly saved?: { readonly plan: Plan; readonly path: string };
  /** Only these kinds are applied (the daemon's `policy.autoApply`); the rest wait for review. */
  readonly allowedKinds?: readonly ActionKind[];
  /** Asked before anything is applied; `false` aborts. Absent = approved. */
  readonly confirm?: (plan: Plan, actions: readonly PlanAction[]) => Promise<boolean>;
  readonly signal?: AbortSignal;
  /** Called with the fresh plan before anything is applied (the daemon prints or logs it). */
  readonly onPlan?: (plan: Plan) => void;
  readonly onResult?: (result: ActionResult) => void;
  /** Called once the run is recorded, with its id (`qm history`), before any API call. */
  readonly onRunStart?: (runId: number) => void;
}

export interface CycleOutcome {
  readonly runId: number;
  readonly plan: Plan;
  readonly recovered: readonly RecoveryNote[];
  /** Actions held back for review (not in `allowedKinds`, or depending on such an action). */
  readonly deferred: readonly PlanAction[];
  /** Id of the saved plan holding the deferred actions (state store `plans`). */
  readonly awaitingReview?: string;
  readonly report?: ApplyReport;
  readonly outcome: RunOutcome;
}

/**
 * One writing cycle under the lease: settle what a crash left unsettled, bind subscriptions
 * that became visible, plan afresh, check a saved plan against it, confirm, apply, and record
 * the run. Every step is level-based: nothing depends on remembering the previous cycle.
 */
export async function runApplyCycle(
  app: App,
  desired: DesiredState,
  request: ApplyRequest,
): Promise<CycleOutcome> {
  return withLease(app, request.command, async (owner, leaseLost) => {
    const run = app.store.runs.start(request.command, owner);
    request.onRunStart?.(run.id);
    const signal =
      request.signal === undefined ? leaseLost : AbortSignal.any([request.signal, leaseLost]);
    try {
      const outcome = await cycle(app, desired, { ...request, signal }, run.id);
      app.store.runs.end(run.id, outcome.outcome, countsOf(outcome));
      return outcome;
    } catch (error) {
      app.store.runs.end(run.id, 'failed');
      throw error;
    }
  });
}

async function cycle(
  app: App,
  desired: DesiredState,
  request: ApplyRequest,
  runId: number,
): Promise<CycleOutcome> {
  const recovered = await recoverUnsettled(app.applierPorts(runId));
  const bound = await bindPendingSubscriptions(app);
  if (recovered.length > 0 || bound > 0) app.store.bumpSerial();
  const customers =
    (request.saved?.plan.basis.scope as CustomerId[] | undefined) ?? request.customers;
  const { plan } = await computePlan(app, desired, {
    ...request,
    ...(customers === undefined ? {} : { customers }),
  });
  if (request.saved !== undefined) assertPlanCurrent(request.saved.plan, plan, request.saved.path);
  request.onPlan?.(plan);
  const { allowed, deferred } = splitByPolicy(plan.actions, request.allowedKinds);
  // What the policy holds back is recorded as a plan awaiting review (`qm plan` shows it too).
  const awaitingReview = deferred.length === 0 ? undefined : app.store.plans.save(plan).id;
  const base = {
    runId,
    plan,
    recovered,
    deferred,
    ...(awaitingReview === undefined ? {} : { awaitingReview }),
  };
  if (allowed.length === 0) return { ...base, outcome: 'no-changes' };
  if (request.confirm !== undefined && !(await request.confirm(plan, allowed))) {
    return { ...base, outcome: 'aborted' };
  }
  const report = await applyPlanActions(allowed, app.applierPorts(runId), {
    runId: String(runId),
    concurrency: app.config.partnerCenter.concurrency,
    ...(request.signal === undefined ? {} : { signal: request.signal }),
    ...(request.onResult === undefined ? {} : { onResult: request.onResult }),
  });
  app.store.bumpSerial();
  const outcome: RunOutcome =
    report.counts.failed > 0 ? (report.counts.succeeded > 0 ? 'partial' : 'failed') : 'succeeded';
  return { ...base, report, outcome };
}

/** Splits actions into those the policy lets through and those that wait for review. */
export function splitByPolicy(
  actions: readonly PlanAction[],
  allowedKinds: readonly ActionKind[] | undefined,
): { allowed: PlanAction[]; deferred: PlanAction[] } {
  if (allowedKinds === undefined) return { allowed: [...actions], deferred: [] };
  const allowedKeys = new Set<string>();
  const allowed: PlanAction[] = [];
  const deferred: PlanAction[] = [];
  for (const action of actions) {
    const ok =
      allowedKinds.includes(action.kind) &&
      (action.dependsOn ?? []).every((k) => allowedKeys.has(k));
    if (ok) {
      allowedKeys.add(action.key);
      allowed.push(action);
    } else {
      deferred.push(action);
    }
  }
  return { allowed, deferred };
}

function countsOf(outcome: CycleOutcome): Record<string, number> {
  return {
    actions: outcome.plan.actions.length,
    blocked: outcome.plan.blocked.length,
    deferred: outcome.deferred.length,
    recovered: outcome.recovered.length,
    ...(outcome.report?.counts ?? {}),
  };
}
