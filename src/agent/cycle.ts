import {
  applyPlanActions,
  recoverUnsettled,
  type ActionResult,
  type ApplyReport,
  type RecoveryNote,
} from '../applier/index.js';
import type {
  ActionKind,
  Binding,
  CustomerId,
  DesiredSource,
  DesiredState,
  Plan,
  PlanAction,
  PlanTarget,
} from '../model/index.js';
import { summarize } from '../planner/index.js';
import { findPendingBindings } from './bind-pending.js';
import { commitStateChange } from './commit-state-change.js';
import { computePlan } from './compute-plan.js';
import { createBriefLeaseWriter, withLease, writeHeld, type StateWriter } from './lease.js';
import { assertPlanCurrent, type PlanSource } from './plan-file.js';
import { actionsForCustomers, touchedCustomers } from './plan-staleness.js';
import type { AgentPorts, RunOutcome } from './ports.js';
import type { RefreshOptions } from './refresh.js';

interface CycleRequestBase extends Omit<RefreshOptions, 'persist'> {
  /** Only these customers (`--customer`); every spec customer when absent. */
  readonly customers?: readonly CustomerId[];
  /** Only these items (`--target`); a saved plan brings its own (`basis.targets`). */
  readonly targets?: readonly PlanTarget[];
}

/** `qm plan`: refresh and plan; no recovery, no apply, no run record, no lease held. */
export interface PlanCycleRequest extends CycleRequestBase {
  readonly command: 'plan';
}

/** `qm apply` and `qm run`: the whole cycle under the lease. */
export interface ApplyRequest extends CycleRequestBase {
  readonly command: 'apply' | 'run';
  /** A reviewed plan to apply exactly (refused when stale). */
  readonly saved?: { readonly plan: Plan; readonly path: PlanSource };
  /** Only these kinds are applied (the daemon's `policy.autoApply`); the rest wait for review. */
  readonly allowedKinds?: readonly ActionKind[];
  /** Asked before anything is applied; `false` aborts. Absent = approved. */
  readonly confirm?: (plan: Plan, actions: readonly PlanAction[]) => Promise<boolean>;
  readonly signal?: AbortSignal;
  /** Called with the fresh plan before anything is applied (the daemon prints or logs it). */
  readonly onPlan?: (plan: Plan) => void;
  /** Called as each action ends; an observer that throws is logged, never stops the apply. */
  readonly onResult?: (result: ActionResult) => void;
  /** Called once the run is recorded, with its id (`qm history`), before any API call. */
  readonly onRunStart?: (runId: number) => void;
}

export type CycleRequest = PlanCycleRequest | ApplyRequest;

/** What `qm plan` gets. */
export interface PlanOutcome {
  readonly plan: Plan;
  /**
   * Set when another writer held the lease: the plan was made, but nothing it observed
   * (bindings, snapshots, catalog cache) was recorded. Says who holds it.
   */
  readonly notRecorded?: string;
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
 * The one place a reconcile cycle is assembled (every command that plans goes through it):
 * recover what a crash left unsettled → bind subscriptions that became visible → refresh →
 * catalog → plan → (check a saved plan, confirm, apply) → record the run. `apply` and `run`
 * hold the lease throughout; `plan` holds none, and records what it observed under a brief
 * lease only when no other writer holds it. Level-based: nothing depends on the last cycle.
 */
export async function runCycle(
  ports: AgentPorts,
  desired: DesiredState | DesiredSource,
  request: PlanCycleRequest,
): Promise<PlanOutcome>;
export async function runCycle(
  ports: AgentPorts,
  desired: DesiredState | DesiredSource,
  request: ApplyRequest,
): Promise<CycleOutcome>;
export async function runCycle(
  ports: AgentPorts,
  desired: DesiredState | DesiredSource,
  request: CycleRequest,
): Promise<PlanOutcome | CycleOutcome> {
  if (request.command === 'plan') {
    const writer = createBriefLeaseWriter(ports.state.lease, 'plan');
    const { plan } = await observeAndPlan(ports, desired, request, writer.write, []);
    const why = writer.skipped();
    return { plan, ...(why === undefined ? {} : { notRecorded: why }) };
  }
  return withLease(ports, request.command, async (owner, leaseLost) => {
    const run = ports.state.runs.start(request.command, owner);
    request.onRunStart?.(run.id);
    const signal =
      request.signal === undefined ? leaseLost : AbortSignal.any([request.signal, leaseLost]);
    try {
      const outcome = await applyCycle(ports, desired, { ...request, signal }, run.id);
      ports.state.runs.end(run.id, outcome.outcome, countsOf(outcome));
      return outcome;
    } catch (error) {
      ports.state.runs.end(run.id, 'failed');
      throw error;
    }
  });
}

/** `runCycle` for `apply`/`run` requests (kept for in-process callers: bench/, tests). */
export function runApplyCycle(
  ports: AgentPorts,
  desired: DesiredState | DesiredSource,
  request: ApplyRequest,
): Promise<CycleOutcome> {
  return runCycle(ports, desired, request);
}

/** Bind pending → (commit with what recovery settled) → refresh → catalog → plan. */
async function observeAndPlan(
  ports: AgentPorts,
  desired: DesiredState | DesiredSource,
  request: CycleRequestBase & { readonly readFresh?: readonly CustomerId[] },
  write: StateWriter,
  recovered: readonly RecoveryNote[],
) {
  const bound = await findPendingBindings(ports);
  if (recovered.length > 0 || bound.length > 0) {
    write(() =>
      commitStateChange(ports.state, () => {
        for (const binding of bound) putBinding(ports, binding);
      }),
    );
  }
  return computePlan(ports, desired, write, request);
}

/** A binding that cannot be recorded (a conflict) is left for the next run, as before. */
function putBinding(ports: AgentPorts, binding: Binding): void {
  try {
    ports.state.bindings.put(binding);
  } catch {
    // The subscription stays unbound; the next run tries again.
  }
}

async function applyCycle(
  ports: AgentPorts,
  desired: DesiredState | DesiredSource,
  request: ApplyRequest,
  runId: number,
): Promise<CycleOutcome> {
  const recovered = await recoverUnsettled(ports.applierPorts(runId));
  const customers =
    (request.saved?.plan.basis.scope as CustomerId[] | undefined) ?? request.customers;
  // A saved targeted plan is compared with a fresh plan of the same targets.
  const { targets: requested, ...rest } = request;
  const targets = request.saved === undefined ? requested : request.saved.plan.basis.targets;
  const { plan: fresh } = await observeAndPlan(
    ports,
    desired,
    {
      ...rest,
      ...(customers === undefined ? {} : { customers }),
      ...(targets === undefined ? {} : { targets }),
      // Incremental refresh: a saved plan is judged against fresh reads of what it touches.
      ...(request.saved === undefined ? {} : { readFresh: touchedCustomers(request.saved.plan) }),
    },
    writeHeld,
    recovered,
  );
  const plan = request.saved === undefined ? fresh : savedPlanNow(request.saved, fresh);
  request.onPlan?.(plan);
  const { allowed, deferred } = splitByPolicy(plan.actions, request.allowedKinds);
  // What the policy holds back is recorded as a plan awaiting review (`qm plan` shows it too).
  const awaitingReview = deferred.length === 0 ? undefined : ports.state.plans.save(plan).id;
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
  const report = await applyPlanActions(allowed, ports.applierPorts(runId), {
    runId: String(runId),
    concurrency: ports.config.partnerCenter.concurrency,
    ...(request.signal === undefined ? {} : { signal: request.signal }),
    ...(request.onResult === undefined ? {} : { onResult: request.onResult }),
  });
  commitStateChange(ports.state, () => undefined);
  const outcome: RunOutcome =
    report.counts.failed > 0 ? (report.counts.succeeded > 0 ? 'partial' : 'failed') : 'succeeded';
  return { ...base, report, outcome };
}

/**
 * The fresh plan cut down to what a saved plan touches: refused when stale, otherwise its
 * actions are the fresh actions of the saved plan's customers — equal to the saved ones — so a
 * customer that gained actions since the review (it was not touched) gets none applied.
 */
function savedPlanNow(
  saved: { readonly plan: Plan; readonly path: PlanSource },
  fresh: Plan,
): Plan {
  assertPlanCurrent(saved.plan, fresh, saved.path);
  const actions = actionsForCustomers(fresh, touchedCustomers(saved.plan));
  if (actions.length === fresh.actions.length) return fresh;
  const { summary } = fresh;
  return {
    ...fresh,
    actions,
    summary: summarize(
      actions,
      fresh.blocked,
      fresh.unmanaged,
      summary.customers,
      summary.skippedCustomers ?? [],
    ),
  };
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
