import type { Migration } from './migration.js';

/**
 * Agent statuses widen to ready / not_ready (with a reason) / after_call_work / away / offline.
 * SQLite cannot alter a CHECK, so the agents table is rebuilt (the runner turns foreign keys off
 * for this migration and checks them before commit). Every status change becomes a row of
 * agent_status_events, which the stats panel reads for time in status.
 */
export const agentStatuses: Migration = {
  version: 6,
  name: 'agent statuses',
  foreignKeysOff: true,
  up(db) {
    db.exec(`
      CREATE TABLE agents_new (
        id TEXT PRIMARY KEY,
        login TEXT NOT NULL COLLATE NOCASE UNIQUE,
        name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('agent', 'lead', 'admin')),
        status TEXT NOT NULL CHECK (status IN ('ready', 'not_ready', 'after_call_work', 'away', 'offline')),
        status_reason TEXT,
        status_since INTEGER NOT NULL,
        acw_until INTEGER,
        password_hash TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      INSERT INTO agents_new (id, login, name, role, status, status_reason, status_since, acw_until,
                              password_hash, created_at, updated_at)
        SELECT id, login, name, role, status, NULL, updated_at, NULL, password_hash, created_at, updated_at FROM agents;
      DROP TABLE agents;
      ALTER TABLE agents_new RENAME TO agents;
      CREATE INDEX agents_by_status ON agents(status);

      CREATE TABLE agent_status_events (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        agent_id TEXT NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
        status TEXT NOT NULL,
        reason TEXT,
        started_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX agent_status_events_by_time ON agent_status_events(started_at);
      CREATE INDEX agent_status_events_by_agent ON agent_status_events(agent_id, started_at);
      INSERT INTO agent_status_events (agent_id, status, reason, started_at)
        SELECT id, status, NULL, updated_at FROM agents;
    `);
  },
};
