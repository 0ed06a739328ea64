import type { Migration } from './migration.js';

/** The first schema: agents and sessions, customers and their widget visitors, threads, messages, the change log. */
export const initial: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(`
      CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      CREATE TABLE agents (
        id TEXT PRIMARY KEY,
        login TEXT NOT NULL COLLATE NOCASE UNIQUE,
        name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('agent', 'lead', 'admin')),
        status TEXT NOT NULL CHECK (status IN ('ready', 'not_ready', 'offline')),
        password_hash TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE sessions (
        token_hash TEXT PRIMARY KEY,
        agent_id TEXT NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
        created_at INTEGER NOT NULL,
        last_seen_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX sessions_by_agent ON sessions(agent_id);

      CREATE TABLE customers (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        phone TEXT,
        email TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;

      -- A web-chat visitor is known by a secret kept in the browser; the customer appears with the first message.
      CREATE TABLE visitors (
        token_hash TEXT PRIMARY KEY,
        customer_id TEXT REFERENCES customers(id) ON DELETE CASCADE,
        created_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX visitors_by_customer ON visitors(customer_id);

      CREATE TABLE threads (
        id TEXT PRIMARY KEY,
        number INTEGER NOT NULL UNIQUE,
        channel TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
        customer_id TEXT NOT NULL REFERENCES customers(id),
        assignee_id TEXT REFERENCES agents(id),
        subject TEXT NOT NULL,
        sla_due_at INTEGER,
        last_message_at INTEGER NOT NULL,
        last_message_preview TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX threads_by_customer ON threads(customer_id, channel, created_at);

      CREATE TABLE messages (
        id TEXT PRIMARY KEY,
        thread_id TEXT NOT NULL REFERENCES threads(id),
        direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
        author_kind TEXT NOT NULL CHECK (author_kind IN ('customer', 'agent', 'system')),
        author_id TEXT,
        author_name TEXT NOT NULL,
        text TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
        created_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX messages_by_thread ON messages(thread_id, created_at);

      -- Only the newest change per entity: a change deletes the entity's old row and inserts a new seq.
      CREATE TABLE change_log (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        entity TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        data TEXT NOT NULL,
        UNIQUE (entity, entity_id)
      ) STRICT;

      CREATE TABLE applied_mutations (
        id TEXT PRIMARY KEY,
        agent_id TEXT NOT NULL REFERENCES agents(id),
        outcome TEXT NOT NULL CHECK (outcome IN ('applied', 'rejected')),
        error_json TEXT,
        -- [entity, id] pairs the mutation touched, so a repeat can answer with their current state.
        touched_json TEXT NOT NULL DEFAULT '[]',
        applied_at INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
