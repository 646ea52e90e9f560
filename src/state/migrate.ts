import type { Database } from 'better-sqlite3';
import { StateStoreError } from './state-error.js';
import type { Migration } from './migrations/index.js';

/** What `migrate` did: the schema version found, the version left, and the steps applied. */
export interface MigrationResult {
  readonly from: number;
  readonly to: number;
  readonly applied: readonly { readonly version: number; readonly name: string }[];
}

/**
 * Brings `db` forward to the last of `migrations` (or to `target`), one IMMEDIATE transaction
 * per step. Safe when several processes open the same file at once: each step re-reads the
 * version under the write lock, so a step is applied exactly once.
 *
 * @throws StateStoreError `state-schema-too-new` when the file records a version this build
 *   does not know (`path` names the file in the message), `state-migration-failed` when a step
 *   throws (that step is rolled back; earlier steps stay).
 */
export function migrate(
  db: Database,
  migrations: readonly Migration[],
  options: { path: string; now: () => Date; target?: number },
): MigrationResult {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migration (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at TEXT NOT NULL
  ) STRICT`);
  const latest = migrations.length;
  const target = options.target ?? latest;
  const readVersion = db.prepare<[], { v: number | null }>(
    'SELECT max(version) AS v FROM schema_migration',
  );
  const record = db.prepare('INSERT INTO schema_migration (version, name, applied_at) VALUES (?, ?, ?)');
  const current = (): number => readVersion.get()?.v ?? 0;

  const from = current();
  refuseNewer(from, latest, options.path);
  const applied: { version: number; name: string }[] = [];
  for (const migration of migrations) {
    if (migration.version > target) break;
    const step = db.transaction(() => {
      const found = current();
      refuseNewer(found, latest, options.path);
      if (found >= migration.version) return false;
      migration.up(db);
      record.run(migration.version, migration.name, options.now().toISOString());
      db.pragma(`user_version = ${migration.version}`);
      return true;
    });
    try {
      if (step.immediate()) applied.push({ version: migration.version, name: migration.name });
    } catch (error) {
      if (error instanceof StateStoreError) throw error;
      throw new StateStoreError(
        'state-migration-failed',
        `Migrating the state store ${options.path} to schema ${migration.version} ` +
          `(${migration.name}) failed; the file was left at schema ${current()}. ` +
          `Restore a backup or report this with the cause below.`,
        { cause: error },
      );
    }
  }
  return { from, to: current(), applied };
}

function refuseNewer(found: number, latest: number, path: string): void {
  if (found <= latest) return;
  throw new StateStoreError(
    'state-schema-too-new',
    `The state store ${path} has schema version ${found}, but this Quartermaster only knows ` +
      `versions up to ${latest}: it was written by a newer release. Upgrade Quartermaster ` +
      `(never downgrade a state file), or point "state:" in the config at another file.`,
  );
}
