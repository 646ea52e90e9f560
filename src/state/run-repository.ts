import type { Database } from 'better-sqlite3';
import type { Clock } from '../support/index.js';
import type { DurableCommit } from './durable-commit.js';

/** How a run ended. A run with no `endedAt` is still going, or its process died. */
export type RunOutcome = 'succeeded' | 'no-changes' | 'partial' | 'failed' | 'aborted';

/** One `plan`/`apply`/daemon cycle, for `qm history` and `qm status`. */
export interface RunRecord {
  readonly id: number;
  readonly command: string;
  readonly owner: string;
  readonly startedAt: string;
  readonly endedAt?: string;
  readonly outcome?: RunOutcome;
  /** e.g. `{ actions: 4, succeeded: 3, failed: 1, blocked: 2 }`. */
  readonly counts?: Readonly<Record<string, number>>;
  /** What a repair command did, in words (`qm state settle`, `reset`, …). */
  readonly detail?: string;
}

/** Every write is an explicitly committed transaction (`state-write-failed` when it is not). */
export interface RunRepository {
  start(command: string, owner: string): RunRecord;
  /** Records the end; returns the updated run, or `undefined` for an unknown id. */
  end(
    id: number,
    outcome: RunOutcome,
    counts?: Readonly<Record<string, number>>,
    detail?: string,
  ): RunRecord | undefined;
  get(id: number): RunRecord | undefined;
  /** Newest first. @default limit 50 */
  listRuns(limit?: number): RunRecord[];
}

interface RunRow {
  id: number;
  command: string;
  owner: string;
  started_at: string;
  ended_at: string | null;
  outcome: RunOutcome | null;
  counts: string | null;
  detail: string | null;
}

const toRun = (row: RunRow): RunRecord => ({
  id: row.id,
  command: row.command,
  owner: row.owner,
  startedAt: row.started_at,
  ...(row.ended_at !== null && { endedAt: row.ended_at }),
  ...(row.outcome !== null && { outcome: row.outcome }),
  ...(row.counts !== null && { counts: JSON.parse(row.counts) as Record<string, number> }),
  ...(row.detail !== null && { detail: row.detail }),
});

/** Builds the SQLite run repository over an open, migrated database. */
export function createRunRepository(
  db: Database,
  clock: Clock,
  commit: DurableCommit,
): RunRepository {
  const insert = db.prepare<[string, string, string], RunRow>(
    'INSERT INTO run (command, owner, started_at) VALUES (?, ?, ?) RETURNING *',
  );
  const finish = db.prepare<[string, string, string | null, string | null, number], RunRow>(
    'UPDATE run SET ended_at = ?, outcome = ?, counts = ?, detail = ? WHERE id = ? RETURNING *',
  );
  const byId = db.prepare<[number], RunRow>('SELECT * FROM run WHERE id = ?');
  const newest = db.prepare<[number], RunRow>('SELECT * FROM run ORDER BY id DESC LIMIT ?');

  return {
    start: (command, owner) =>
      toRun(
        commit(`the start of a ${command} run`, () =>
          insert.get(command, owner, clock.now().toISOString()),
        ) as RunRow,
      ),
    end: (id, outcome, counts, detail) => {
      const row = commit(`the end of run ${id}`, () =>
        finish.get(
          clock.now().toISOString(),
          outcome,
          counts === undefined ? null : JSON.stringify(counts),
          detail ?? null,
          id,
        ),
      );
      return row && toRun(row);
    },
    get: (id) => {
      const row = byId.get(id);
      return row && toRun(row);
    },
    listRuns: (limit = 50) => newest.all(limit).map(toRun),
  };
}
