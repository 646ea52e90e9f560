import type { Migration } from './migration.js';

/**
 * Schema 1, the first released schema. Frozen: never edit a released migration; add a new one.
 * `test/state/fixtures/schema-v1.sql` is a copy of this schema with rows, and a test checks
 * that the two still agree.
 */
export const migration001Initial: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(`
      CREATE TABLE meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;
      INSERT INTO meta (key, value) VALUES ('serial', '0');

      CREATE TABLE snapshot (
        customer_id        TEXT PRIMARY KEY,
        observed_at        TEXT NOT NULL,
        subscription_count INTEGER NOT NULL,
        subscriptions      TEXT NOT NULL,
        orders             TEXT,
        entitlements       TEXT,
        registrations      TEXT
      ) STRICT;

      CREATE TABLE catalog_cache (
        country    TEXT NOT NULL,
        product_id TEXT NOT NULL,
        sku_id     TEXT NOT NULL,
        value      TEXT NOT NULL,
        fetched_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        PRIMARY KEY (country, product_id, sku_id)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE binding (
        customer_id     TEXT NOT NULL,
        item            TEXT NOT NULL,
        kind            TEXT NOT NULL CHECK (kind IN ('subscription', 'purchase')),
        subscription_id TEXT,
        order_id        TEXT,
        purchased       TEXT,
        bound_at        TEXT NOT NULL,
        PRIMARY KEY (customer_id, item)
      ) STRICT;
      CREATE UNIQUE INDEX binding_subscription ON binding (subscription_id)
        WHERE subscription_id IS NOT NULL;

      CREATE TABLE run (
        id         INTEGER PRIMARY KEY AUTOINCREMENT,
        command    TEXT NOT NULL,
        owner      TEXT NOT NULL,
        started_at TEXT NOT NULL,
        ended_at   TEXT,
        outcome    TEXT,
        counts     TEXT
      ) STRICT;

      CREATE TABLE journal (
        id              INTEGER PRIMARY KEY AUTOINCREMENT,
        run_id          INTEGER REFERENCES run (id),
        action_key      TEXT NOT NULL,
        request_id      TEXT NOT NULL,
        kind            TEXT NOT NULL,
        customer_id     TEXT NOT NULL,
        item            TEXT,
        cart_id         TEXT,
        order_ids       TEXT NOT NULL DEFAULT '[]',
        subscription_id TEXT,
        status          TEXT NOT NULL
          CHECK (status IN ('planned', 'in-flight', 'succeeded', 'failed', 'unknown')),
        request         TEXT,
        response        TEXT,
        error_code      TEXT,
        created_at      TEXT NOT NULL,
        updated_at      TEXT NOT NULL
      ) STRICT;
      CREATE INDEX journal_action ON journal (action_key);

      CREATE TABLE plan (
        id              TEXT PRIMARY KEY,
        spec_digest     TEXT NOT NULL,
        observed_digest TEXT NOT NULL,
        state_serial    INTEGER NOT NULL,
        created_at      TEXT NOT NULL,
        saved_at        TEXT NOT NULL,
        body            TEXT NOT NULL
      ) STRICT;

      CREATE TABLE approval (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        plan_id     TEXT NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
        approved_by TEXT NOT NULL,
        approved_at TEXT NOT NULL,
        action_keys TEXT
      ) STRICT;

      CREATE TABLE lease (
        name        TEXT PRIMARY KEY,
        owner       TEXT NOT NULL,
        acquired_at TEXT NOT NULL,
        expires_at  TEXT NOT NULL
      ) STRICT;
    `);
  },
};
