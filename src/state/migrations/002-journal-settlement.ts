import type { Migration } from './migration.js';

/**
 * Schema 2: the journal learns which call of an action a row guards (`step`: create-cart,
 * checkout, …), when a row settled, how often its call was sent (an `unknown`
 * row re-driven with the same MS-RequestId counts again) and the error text for history; runs
 * are indexed for `listByRun`, and unsettled rows get a partial index so recovery at start-up
 * (`listInFlight`) stays a short index scan however long the history grows.
 * Existing settled rows take `updated_at` as their settlement time.
 */
export const migration002JournalSettlement: Migration = {
  version: 2,
  name: 'journal-settlement',
  up(db) {
    db.exec(`
      ALTER TABLE journal ADD COLUMN settled_at TEXT;
      ALTER TABLE journal ADD COLUMN attempts INTEGER NOT NULL DEFAULT 1;
      ALTER TABLE journal ADD COLUMN error_message TEXT;
      ALTER TABLE journal ADD COLUMN step TEXT;
      UPDATE journal SET settled_at = updated_at WHERE status IN ('succeeded', 'failed');
      UPDATE journal SET attempts = 0 WHERE status = 'planned';
      CREATE INDEX journal_run ON journal (run_id, id);
      CREATE INDEX journal_unsettled ON journal (id)
        WHERE status IN ('planned', 'in-flight', 'unknown');
    `);
  },
};
