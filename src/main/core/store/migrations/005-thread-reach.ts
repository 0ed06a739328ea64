import type { Migration } from './migration.js';

/**
 * Threads whose cached state differs from "everything the hub has" because of the agent's reach
 * (decision 0031):
 * - `partial`: the thread came into reach after its earlier messages went by; reading it asks the
 *   hub for them (like a pruned thread).
 * - `revoked`: out of reach, but the outbox still holds something the agent did in it; the thread
 *   row and the agent's own messages stay until that settles, the hub's messages are gone.
 */
export const migration005: Migration = {
  version: 5,
  name: 'thread reach',
  up(db) {
    db.exec(`
      CREATE TABLE thread_reach (
        thread_id TEXT PRIMARY KEY,
        state TEXT NOT NULL CHECK (state IN ('partial', 'revoked'))
      ) STRICT;
    `);
  },
};
