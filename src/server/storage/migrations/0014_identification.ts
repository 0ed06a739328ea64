import type { Migration } from './migration.js';

/**
 * Identification of customers for one contact, and the bank adapter's settings (decision 0031).
 *
 * `identification_settings` holds the one set of questions leads chose (JSON, validated by the shared
 * schema on the way in and out). `identification_rounds` holds, per contact (thread) and customer, the
 * answers of the round under way and, once enough passed, when and by whom the customer was identified:
 * identification is for that thread and that customer only. `identification_locks` counts failed rounds
 * per customer across every contact and holds the lock's end. `bank_adapter` holds the adapter's
 * address, its bearer token sealed like a channel secret, and its timeout.
 */
export const identification: Migration = {
  version: 14,
  name: 'identification',
  up(db) {
    db.exec(`
      CREATE TABLE identification_settings (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        settings TEXT NOT NULL,
        updated_at INTEGER NOT NULL,
        updated_by TEXT
      ) STRICT;

      CREATE TABLE identification_rounds (
        thread_id TEXT NOT NULL REFERENCES threads(id) ON DELETE CASCADE,
        customer_id TEXT NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
        answers TEXT NOT NULL DEFAULT '{}',
        started_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        identified_at INTEGER,
        identified_by TEXT,
        PRIMARY KEY (thread_id, customer_id)
      ) STRICT;

      CREATE TABLE identification_locks (
        customer_id TEXT PRIMARY KEY REFERENCES customers(id) ON DELETE CASCADE,
        failed_attempts INTEGER NOT NULL DEFAULT 0,
        locked_until INTEGER,
        updated_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE bank_adapter (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        url TEXT NOT NULL,
        sealed_token TEXT,
        timeout_ms INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
