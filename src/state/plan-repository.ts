import type { Database } from 'better-sqlite3';
import type { ActionKey, Plan } from '../model/index.js';
import { digestOf, type Clock } from '../support/index.js';
import type { DurableCommit } from './durable-commit.js';

/** A saved plan with the basis `apply` compares against. `id` is a digest of the plan. */
export interface SavedPlan {
  readonly id: string;
  readonly plan: Plan;
  readonly savedAt: string;
}

/** A recorded approval. `actionKeys` absent = every action of the plan. */
export interface Approval {
  readonly id: number;
  readonly planId: string;
  readonly approvedBy: string;
  readonly approvedAt: string;
  readonly actionKeys?: readonly ActionKey[];
}

/** Saved plans and their approvals (the daemon's review queue, `apply` of a saved plan). */
export interface PlanRepository {
  /** Saves `plan` (idempotent: the same plan gets the same id) and returns its record. */
  save(plan: Plan): SavedPlan;
  get(id: string): SavedPlan | undefined;
  /** The most recently saved plan. */
  latest(): SavedPlan | undefined;
  /** Newest first. */
  list(limit?: number): SavedPlan[];
  /** Records an approval of the plan (or of some of its actions). */
  approve(planId: string, approvedBy: string, actionKeys?: readonly ActionKey[]): Approval;
  listApprovals(planId: string): Approval[];
}

interface PlanRow {
  id: string;
  body: string;
  saved_at: string;
}

interface ApprovalRow {
  id: number;
  plan_id: string;
  approved_by: string;
  approved_at: string;
  action_keys: string | null;
}

const toSaved = (row: PlanRow): SavedPlan => ({
  id: row.id,
  plan: JSON.parse(row.body) as Plan,
  savedAt: row.saved_at,
});

const toApproval = (row: ApprovalRow): Approval => ({
  id: row.id,
  planId: row.plan_id,
  approvedBy: row.approved_by,
  approvedAt: row.approved_at,
  ...(row.action_keys !== null && { actionKeys: JSON.parse(row.action_keys) as ActionKey[] }),
});

/** Builds the SQLite plan repository over an open, migrated database. */
export function createPlanRepository(
  db: Database,
  clock: Clock,
  commit: DurableCommit,
): PlanRepository {
  const insert = db.prepare(`INSERT INTO plan
    (id, spec_digest, observed_digest, state_serial, created_at, saved_at, body)
    VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`);
  const byId = db.prepare<[string], PlanRow>('SELECT id, body, saved_at FROM plan WHERE id = ?');
  const newest = db.prepare<[number], PlanRow>(
    'SELECT id, body, saved_at FROM plan ORDER BY saved_at DESC, rowid DESC LIMIT ?',
  );
  const addApproval = db.prepare(`INSERT INTO approval (plan_id, approved_by, approved_at, action_keys)
    VALUES (?, ?, ?, ?) RETURNING *`);
  const approvalsOf = db.prepare<[string], ApprovalRow>(
    'SELECT * FROM approval WHERE plan_id = ? ORDER BY id',
  );

  return {
    save(plan) {
      const id = digestOf(plan, 32);
      const { basis } = plan;
      const row = commit(`the plan ${id}`, () => {
        insert.run(id, basis.specDigest, basis.observedDigest, basis.stateSerial, basis.createdAt,
          clock.now().toISOString(), JSON.stringify(plan));
        return byId.get(id);
      });
      return toSaved(row as PlanRow);
    },
    get: (id) => {
      const row = byId.get(id);
      return row && toSaved(row);
    },
    latest: () => {
      const row = newest.get(1);
      return row && toSaved(row);
    },
    list: (limit = 20) => newest.all(limit).map(toSaved),
    approve: (planId, approvedBy, actionKeys) =>
      toApproval(
        commit(`the approval of plan ${planId}`, () =>
          addApproval.get(
            planId,
            approvedBy,
            clock.now().toISOString(),
            actionKeys === undefined ? null : JSON.stringify(actionKeys),
          ),
        ) as ApprovalRow,
      ),
    listApprovals: (planId) => approvalsOf.all(planId).map(toApproval),
  };
}
