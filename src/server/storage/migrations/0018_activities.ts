import type { Migration } from './migration.js';

/**
 * Planned activities (issue 15, decision 0036): a callback, meeting or reminder for a customer, due at
 * a time, for an agent or a group. `state` moves planned → queued → done, or to cancelled; the
 * `(state, due_at)` index is what the hub's clock reads to find the ones that became due (also those
 * due while the hub was down). `queued_thread_id` is the thread opened for it in the queue.
 */
export const activities: Migration = {
  version: 18,
  name: 'activities',
  up(db) {
    db.exec(`
      CREATE TABLE activities (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('callback', 'meeting', 'reminder')),
        state TEXT NOT NULL CHECK (state IN ('planned', 'queued', 'done', 'cancelled')),
        due_at INTEGER NOT NULL,
        customer_id TEXT NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
        origin_thread_id TEXT REFERENCES threads(id) ON DELETE SET NULL,
        queued_thread_id TEXT REFERENCES threads(id) ON DELETE SET NULL,
        agent_id TEXT REFERENCES agents(id) ON DELETE SET NULL,
        group_id TEXT,
        note TEXT NOT NULL DEFAULT '',
        created_by TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        queued_at INTEGER,
        closed_at INTEGER,
        closed_by TEXT
      ) STRICT;
      CREATE INDEX activities_due ON activities (state, due_at);
      CREATE INDEX activities_customer ON activities (customer_id, due_at);
      CREATE INDEX activities_queued_thread ON activities (queued_thread_id);
    `);
  },
};
