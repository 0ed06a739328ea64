import type { Migration } from './migration.js';

/**
 * The complaints and requests register (issue 15, decision 0035). Types are leads' settings (fields,
 * messages and the letter kept as JSON); one business calendar (row id 1). A complaint keeps its number,
 * status, deadline and `version` (optimistic concurrency); `search_text` is its subject and customer's
 * name folded to lower case in JS (SQLite's lower() folds ASCII only). Its contacts, history and files
 * are rows of their own; nothing is ever deleted.
 */
export const register: Migration = {
  version: 17,
  name: 'register',
  up(db) {
    db.exec(`
      CREATE TABLE complaint_types (
        id TEXT PRIMARY KEY,
        name_en TEXT NOT NULL,
        name_ru TEXT NOT NULL,
        fields TEXT NOT NULL DEFAULT '[]',
        deadline_days INTEGER NOT NULL CHECK (deadline_days > 0),
        owner_group_id TEXT REFERENCES groups(id) ON DELETE SET NULL,
        customer_messages TEXT NOT NULL DEFAULT '{}',
        letter_template TEXT NOT NULL DEFAULT '{}',
        retired INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE register_calendar (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        working_days TEXT NOT NULL,
        holidays TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      INSERT INTO register_calendar (id, working_days, holidays, updated_at) VALUES (1, '[1,2,3,4,5]', '[]', 0);

      CREATE TABLE complaints (
        id TEXT PRIMARY KEY,
        number INTEGER NOT NULL UNIQUE,
        type_id TEXT NOT NULL REFERENCES complaint_types(id),
        subject TEXT NOT NULL,
        fields TEXT NOT NULL DEFAULT '{}',
        status TEXT NOT NULL CHECK (status IN ('new', 'in_progress', 'waiting_customer', 'resolved', 'closed')),
        customer_id TEXT REFERENCES customers(id),
        origin_thread_id TEXT REFERENCES threads(id),
        origin_channel TEXT,
        assignee_agent_id TEXT REFERENCES agents(id),
        assignee_group_id TEXT REFERENCES groups(id) ON DELETE SET NULL,
        created_at INTEGER NOT NULL,
        created_by TEXT,
        updated_at INTEGER NOT NULL,
        updated_by TEXT,
        version INTEGER NOT NULL DEFAULT 1,
        deadline_at INTEGER NOT NULL,
        resolved_at INTEGER,
        first_resolved_at INTEGER,
        closed_at INTEGER,
        search_text TEXT NOT NULL DEFAULT ''
      ) STRICT;
      -- Covering for the report's received/overdue counts and the register's newest-first pages.
      CREATE INDEX complaints_by_created ON complaints(created_at, type_id, first_resolved_at, deadline_at);
      CREATE INDEX complaints_by_type ON complaints(type_id, created_at);
      CREATE INDEX complaints_by_status ON complaints(status, deadline_at);
      CREATE INDEX complaints_by_customer ON complaints(customer_id, created_at);
      CREATE INDEX complaints_by_agent ON complaints(assignee_agent_id, status);
      CREATE INDEX complaints_by_group ON complaints(assignee_group_id, status);
      CREATE INDEX complaints_by_resolved ON complaints(first_resolved_at, type_id);

      CREATE TABLE complaint_threads (
        complaint_id TEXT NOT NULL REFERENCES complaints(id),
        thread_id TEXT NOT NULL REFERENCES threads(id),
        linked_at INTEGER NOT NULL,
        PRIMARY KEY (complaint_id, thread_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX complaint_threads_by_thread ON complaint_threads(thread_id);

      CREATE TABLE complaint_events (
        id TEXT PRIMARY KEY,
        complaint_id TEXT NOT NULL REFERENCES complaints(id),
        at INTEGER NOT NULL,
        agent_id TEXT,
        -- The complaint's version this change made (a 409 names the changes after the caller's version).
        version INTEGER NOT NULL,
        kind TEXT NOT NULL,
        field TEXT,
        from_value TEXT,
        to_value TEXT,
        text TEXT
      ) STRICT;
      CREATE INDEX complaint_events_by_complaint ON complaint_events(complaint_id, at);

      CREATE TABLE complaint_files (
        id TEXT PRIMARY KEY,
        complaint_id TEXT NOT NULL REFERENCES complaints(id),
        name TEXT NOT NULL,
        mime TEXT NOT NULL,
        size INTEGER NOT NULL,
        data BLOB NOT NULL,
        added_at INTEGER NOT NULL,
        added_by TEXT
      ) STRICT;
      CREATE INDEX complaint_files_by_complaint ON complaint_files(complaint_id, added_at);
    `);
  },
};
