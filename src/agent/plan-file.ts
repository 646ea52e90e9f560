import { readFileSync, writeFileSync } from 'node:fs';
import { PLAN_FORMAT_VERSION, type Plan } from '../model/index.js';
import { canonicalJson, OperationalError } from '../support/index.js';
import type { PlanRepository } from '../state/index.js';
import { findStaleCustomers, type MovedPart } from './plan-staleness.js';

/** Writes a plan for `qm apply PLANFILE`: the stable JSON of docs/plan-format.md. */
export function writePlanFile(path: string, plan: Plan): void {
  writeFileSync(path, `${JSON.stringify(JSON.parse(canonicalJson(plan)), null, 2)}\n`);
}

/**
 * Reads a saved plan and checks its shape. It does not judge staleness: `assertPlanCurrent`
 * compares it with a fresh plan.
 * @throws OperationalError `plan-file-unreadable`, `plan-file-invalid`, `plan-format-unsupported`
 */
export function readPlanFile(path: string): Plan {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new OperationalError(
      'plan-file-unreadable',
      `cannot read plan file ${path}; run \`qm plan --out ${path}\` first`,
      { cause: error },
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new OperationalError(
      'plan-file-invalid',
      `${path} is not JSON: ${(error as Error).message}; save a plan with \`qm plan --out FILE\``,
    );
  }
  return checkPlanShape(value, path);
}

/**
 * Reads a plan the daemon saved for review (`qm run` with actions outside `policy.autoApply`)
 * from the state store by id, and checks its shape as `readPlanFile` does.
 * @throws OperationalError `plan-not-found` (no such id), `plan-file-invalid`,
 *   `plan-format-unsupported`
 */
export function readStoredPlan(plans: Pick<PlanRepository, 'get'>, id: string): Plan {
  const saved = plans.get(id);
  if (saved === undefined) {
    throw new OperationalError(
      'plan-not-found',
      `no plan awaiting review with id ${id}; list them with \`qm status\``,
    );
  }
  return checkPlanShape(saved.plan, `plan ${id}`);
}

/** Where a reviewed plan came from: a file path, or the id of a plan in the state store. */
export type PlanSource = string | { readonly planId: string };

function checkPlanShape(value: unknown, path: string): Plan {
  const plan = value as Partial<Plan> | null;
  if (plan === null || typeof plan !== 'object' || typeof plan.formatVersion !== 'number') {
    throw new OperationalError(
      'plan-file-invalid',
      `${path} is not a Quartermaster plan (no formatVersion); save one with \`qm plan --out FILE\``,
    );
  }
  const version: number = plan.formatVersion;
  // Version 1 had no per-customer basis, so it cannot be judged customer by customer: refused.
  if (version !== PLAN_FORMAT_VERSION) {
    throw new OperationalError(
      'plan-format-unsupported',
      `${path} has plan formatVersion ${version}; this qm reads version ${PLAN_FORMAT_VERSION}. Run qm plan again`,
    );
  }
  const basis = plan.basis;
  if (
    basis === undefined ||
    typeof basis.specDigest !== 'string' ||
    typeof basis.observedDigest !== 'string' ||
    typeof basis.stateSerial !== 'number' ||
    !hasCustomerBasis(basis.customers, plan.actions) ||
    !isTargetList(basis.targets)
  ) {
    throw new OperationalError(
      'plan-file-invalid',
      `${path} lacks basis digests or actions; it was not written by \`qm plan --out\` or was edited`,
    );
  }
  return plan as Plan;
}

/** `basis.targets` is absent, or a list of `{ customerId, item }` strings (`--target`). */
function isTargetList(targets: unknown): boolean {
  if (targets === undefined) return true;
  return (
    Array.isArray(targets) &&
    targets.every((t) => {
      const target = t as { customerId?: unknown; item?: unknown } | null;
      return (
        target !== null && typeof target.customerId === 'string' && typeof target.item === 'string'
      );
    })
  );
}

/** `actions` is an array and every customer it names has digests in `basis.customers`. */
function hasCustomerBasis(customers: unknown, actions: unknown): boolean {
  if (!Array.isArray(actions) || customers === null || typeof customers !== 'object') return false;
  const byId = customers as Record<string, unknown>;
  return (actions as unknown[]).every((action) => {
    const id = (action as { customerId?: unknown } | null)?.customerId;
    if (typeof id !== 'string' || !Object.hasOwn(byId, id)) return false;
    const entry = byId[id] as Record<string, unknown> | null;
    return (
      entry !== null &&
      typeof entry === 'object' &&
      typeof entry['specDigest'] === 'string' &&
      typeof entry['observedDigest'] === 'string' &&
      typeof entry['stateDigest'] === 'string'
    );
  });
}

const MOVED_TEXT: Record<MovedPart, string> = {
  spec: 'its spec changed',
  'live state': 'its live state in Partner Center changed',
  'state store bindings/in-flight': 'its state store bindings/in-flight purchases changed',
  'not planned': 'it is no longer planned (removed from the specs or out of scope)',
  actions:
    'its actions differ from what the planner computes now (the file was edited, or a window closed)',
};

/**
 * Refuses a saved plan unless, for every customer it touches (has actions for), nothing moved
 * and its actions are exactly what the planner computes now (STYLE §2; `findStaleCustomers`).
 * Customers the plan does not touch may have changed. The message names each customer that
 * moved (name and id) and what moved.
 * @throws OperationalError `plan-stale`
 */
export function assertPlanCurrent(saved: Plan, fresh: Plan, source: PlanSource): void {
  const stale = findStaleCustomers(saved, fresh);
  if (stale.length === 0) return;
  const moved = stale.map(
    (c) =>
      `customer ${c.customerName} (${c.customerId}): ${c.moved.map((m) => MOVED_TEXT[m]).join(', ')}`,
  );
  throw new OperationalError(
    'plan-stale',
    `plan is stale: ${moved.join('; ')}. ${
      typeof source === 'string'
        ? `Run \`qm plan --out ${source}\` again and review it`
        : `Plan ${source.planId} was not applied: wait for the next \`qm run\` tick to save a new plan for review (\`qm status\` lists them), or run \`qm plan --out FILE\` and review it`
    }`,
  );
}
