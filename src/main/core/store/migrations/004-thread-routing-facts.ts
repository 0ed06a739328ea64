import type { Migration } from './migration.js';

/**
 * The routing facts the queue views filter on: a thread's topic and the group it was routed to
 * (synced with the thread since hub schema 6). The indexes serve the "my groups" view and the
 * per-view counts without a scan.
 */
export const migration004: Migration = {
  version: 4,
  name: 'thread topic and group',
  up(db) {
    db.exec(`
      ALTER TABLE threads ADD COLUMN topic TEXT;
      ALTER TABLE threads ADD COLUMN group_id TEXT;
      CREATE INDEX threads_by_assignee ON threads (status, assignee_id);
      CREATE INDEX threads_by_group ON threads (status, group_id);
    `);
  },
};
