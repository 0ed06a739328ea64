import type { Migration } from './migration.js';

/**
 * One precomputed row per thread for the stats: the thread's contact (docs/stats-formulas.md) as
 * JSON, or NULL when the thread is not an offered contact (an outbound call). Kept up to date after
 * every committed change of the thread; threads without a row (older databases) are filled in when
 * the hub starts. A period's figures then read these rows instead of re-deriving every thread.
 */
export const statsContacts: Migration = {
  version: 8,
  name: 'stats contacts',
  up(db) {
    db.exec(`
      CREATE TABLE stats_contacts (
        thread_id TEXT PRIMARY KEY REFERENCES threads(id) ON DELETE CASCADE,
        created_at INTEGER NOT NULL,
        contact_json TEXT
      ) STRICT;
      CREATE INDEX stats_contacts_by_created ON stats_contacts(created_at);
    `);
  },
};
