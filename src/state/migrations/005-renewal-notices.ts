import type { Migration } from './migration.js';

/**
 * Schema 5: renewal-decision notices the daemon has recorded (docs/operations.md "Renewal
 * notices"), so each is sent once per subscription and threshold however often the daemon
 * restarts.
 * - `renewal_notice`: one row per (subscription, renewal instant, threshold in days) crossed.
 *   `notice` is the JSON sent for it; NULL when a smaller threshold crossed at the same time
 *   carried the notice (only the smallest is sent).
 * - `schedule_wipe_notice`: one row per (subscription, journal row of the scheduled change that
 *   was found wiped).
 * In both, `delivered_at` is when the webhook took the notice (or when it was recorded, with no
 * webhook configured or no notice to send); rows with a notice and no `delivered_at` are retried
 * on later ticks until their renewal passes.
 */
export const migration005RenewalNotices: Migration = {
  version: 5,
  name: 'renewal-notices',
  up(db) {
    db.exec(`
      CREATE TABLE renewal_notice (
        subscription_id TEXT NOT NULL,
        renews_at       TEXT NOT NULL,
        threshold_days  INTEGER NOT NULL CHECK (threshold_days > 0),
        customer_id     TEXT NOT NULL,
        item            TEXT NOT NULL,
        notice          TEXT,
        recorded_at     TEXT NOT NULL,
        delivered_at    TEXT,
        PRIMARY KEY (subscription_id, renews_at, threshold_days)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX renewal_notice_undelivered ON renewal_notice (renews_at)
        WHERE delivered_at IS NULL;

      CREATE TABLE schedule_wipe_notice (
        subscription_id TEXT NOT NULL,
        journal_id      INTEGER NOT NULL,
        renews_at       TEXT NOT NULL,
        customer_id     TEXT NOT NULL,
        item            TEXT NOT NULL,
        notice          TEXT,
        recorded_at     TEXT NOT NULL,
        delivered_at    TEXT,
        PRIMARY KEY (subscription_id, journal_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX schedule_wipe_notice_undelivered ON schedule_wipe_notice (renews_at)
        WHERE delivered_at IS NULL;
    `);
  },
};
