import { readFileSync, writeFileSync } from 'node:fs';
import { PLAN_FORMAT_VERSION, type Plan } from '../model/index.js';
import { canonicalJson, OperationalError } from '../support/index.js';

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
  const plan = value as Partial<Plan> | null;
  if (plan === null || typeof plan !== 'object' || typeof plan.formatVersion !== 'number') {
    throw new OperationalError(
      'plan-file-invalid',
      `${path} is not a Quartermaster plan (no formatVersion); save one with \`qm plan --out FILE\``,
    );
  }
  const version: number = plan.formatVersion;
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
    !Array.isArray(plan.actions)
  ) {
    throw new OperationalError(
      'plan-file-invalid',
      `${path} lacks basis digests or actions; it was not written by \`qm plan --out\` or was edited`,
    );
  }
  return plan as Plan;
}

/**
 * Refuses a saved plan unless it is exactly what the planner computes now (STYLE §2): the
 * basis (specs, live state, state serial) must match, and so must every action — a plan
 * edited by hand, or one whose facts moved with time (a refund window closed), is refused.
 * @throws OperationalError `plan-stale`
 */
export function assertPlanCurrent(saved: Plan, fresh: Plan, path: string): void {
  const moved: string[] = [];
  if (saved.basis.specDigest !== fresh.basis.specDigest) moved.push('the specs changed');
  if (saved.basis.observedDigest !== fresh.basis.observedDigest)
    moved.push('the live state in Partner Center changed');
  if (saved.basis.stateSerial !== fresh.basis.stateSerial)
    moved.push(
      `the state store moved on (serial ${saved.basis.stateSerial} → ${fresh.basis.stateSerial})`,
    );
  if (moved.length === 0 && canonicalJson(saved.actions) !== canonicalJson(fresh.actions)) {
    moved.push(
      'its actions differ from what the planner computes now (the file was edited, or a window closed)',
    );
  }
  if (moved.length > 0) {
    throw new OperationalError(
      'plan-stale',
      `plan is stale: ${moved.join('; ')}. Run \`qm plan --out ${path}\` again and review it`,
    );
  }
}
