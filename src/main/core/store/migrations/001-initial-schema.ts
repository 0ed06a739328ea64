import type { Migration } from './migration.js';

/**
 * The first schema: the replica (customers, threads, messages + FTS), the outbox and meta.
 * No foreign keys between replica tables: the hub sends only the newest change per entity,
 * so a message may legitimately arrive before its thread, and the outbox must outlive a
 * replica reset. `seq` is the hub change seq of the stored state, so an older change never
 * overwrites a newer one (0 = made locally, not yet acknowledged).
 */
export const migration001: Migration = {
  version: 1,
  name: 'initial schema',
  up(db) {
    db.exec(`
      CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      CREATE TABLE customers (
        id TEXT PRIMARY KEY,
        seq INTEGER NOT NULL,
        name TEXT NOT NULL,
        phone TEXT,
        email TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE threads (
        id TEXT PRIMARY KEY,
        seq INTEGER NOT NULL,
        number INTEGER NOT NULL,
        channel TEXT NOT NULL,
        status TEXT NOT NULL,
        customer_id TEXT NOT NULL,
        assignee_id TEXT,
        subject TEXT NOT NULL,
        sla_due_at INTEGER,
        last_message_at INTEGER NOT NULL,
        last_message_preview TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      -- Exactly the queue order (compareByDeadline), so a queue page is an index range scan
      -- with no sort step, whatever the number of threads.
      CREATE INDEX threads_queue ON threads (status, sla_due_at IS NULL, sla_due_at, last_message_at DESC, id);
      CREATE INDEX threads_customer ON threads (customer_id);

      CREATE TABLE messages (
        pk INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        seq INTEGER NOT NULL,
        thread_id TEXT NOT NULL,
        direction TEXT NOT NULL,
        author_kind TEXT NOT NULL,
        author_id TEXT,
        author_name TEXT NOT NULL,
        text TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
        created_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX messages_thread_time ON messages (thread_id, created_at);

      -- rowid = messages.pk (an INTEGER PRIMARY KEY alias, stable across VACUUM);
      -- terms = indexTerms(text): folded words and their stems.
      CREATE VIRTUAL TABLE message_search USING fts5(terms, tokenize = 'unicode61 remove_diacritics 2');

      -- SQLite's AUTOINCREMENT needs the integer primary key, so the mutation id is the
      -- UNIQUE key and position (never reused) gives the send order.
      CREATE TABLE outbox (
        position INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL,
        thread_id TEXT,
        payload TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'failed'))
      );
      CREATE INDEX outbox_state ON outbox (state, position);
    `);
  },
};
