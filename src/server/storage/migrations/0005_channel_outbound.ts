import type { Migration } from './migration.js';

/**
 * What agents send out beyond text: each group's email signature, and the files an agent uploaded
 * for a reply that has not been sent yet (claimed into `attachments` when the reply is committed).
 */
export const channelOutbound: Migration = {
  version: 5,
  name: 'channel outbound',
  up(db) {
    db.exec(`
      CREATE TABLE group_signatures (
        group_id TEXT PRIMARY KEY REFERENCES groups(id) ON DELETE CASCADE,
        text TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE outbound_uploads (
        id TEXT PRIMARY KEY,
        agent_id TEXT NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        mime TEXT NOT NULL,
        size INTEGER NOT NULL,
        data BLOB NOT NULL,
        created_at INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
