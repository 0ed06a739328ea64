import type { Migration } from './migration.js';

/**
 * Retention and attachments (decision 0012).
 * - `pruned_threads`: closed threads whose messages retention removed from this cache; the hub
 *   still has them, so reading such a thread asks the hub for what is no longer here.
 * - `attachments`: metadata only; the bytes live in content-addressed files under
 *   `<dataDir>/attachments/` named by their SHA-256, so the database stays small and two
 *   messages carrying the same file share one copy.
 */
export const migration002: Migration = {
  version: 2,
  name: 'retention and attachments',
  up(db) {
    db.exec(`
      CREATE TABLE pruned_threads (
        thread_id TEXT PRIMARY KEY,
        pruned_at INTEGER NOT NULL,
        messages INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE attachments (
        id TEXT PRIMARY KEY,
        message_id TEXT NOT NULL,
        name TEXT NOT NULL,
        mime TEXT NOT NULL,
        size INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        created_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX attachments_message ON attachments (message_id);
      CREATE INDEX attachments_sha256 ON attachments (sha256);
    `);
  },
};
