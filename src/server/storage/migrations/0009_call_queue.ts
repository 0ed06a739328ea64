import type { Migration } from './migration.js';

/**
 * Calls in the queue (decision 0020): service lines with their menus, the blocklist, each queued
 * call's journey (arrival, menu, offers, answer or abandon), callback tasks, and the SIP user each
 * agent's softphone answers as; the voice prompts leads upload (files beside the database); and when a text thread was offered to its agent (re-offered when not
 * taken in time).
 */
export const callQueue: Migration = {
  version: 9,
  name: 'call queue',
  up(db) {
    db.exec(`
      CREATE TABLE service_lines (
        id TEXT PRIMARY KEY,
        number TEXT NOT NULL UNIQUE,
        line_json TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE blocklist (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        value TEXT NOT NULL,
        reason TEXT NOT NULL,
        added_by TEXT NOT NULL,
        added_at INTEGER NOT NULL,
        expires_at INTEGER
      ) STRICT;
      CREATE INDEX blocklist_by_value ON blocklist(kind, value);
      CREATE TABLE queue_calls (
        call_id TEXT PRIMARY KEY,
        thread_id TEXT NOT NULL REFERENCES threads(id) ON DELETE CASCADE,
        line_id TEXT,
        caller TEXT NOT NULL,
        from_tag TEXT NOT NULL,
        tindex INTEGER NOT NULL,
        tlabel INTEGER NOT NULL,
        state TEXT NOT NULL,
        entered_at INTEGER NOT NULL,
        offered_agent_id TEXT,
        offers INTEGER NOT NULL DEFAULT 0,
        answered_at INTEGER,
        answered_by TEXT,
        ended_at INTEGER
      ) STRICT;
      CREATE INDEX queue_calls_by_thread ON queue_calls(thread_id);
      CREATE INDEX queue_calls_live ON queue_calls(state) WHERE ended_at IS NULL;
      CREATE TABLE callbacks (
        thread_id TEXT PRIMARY KEY REFERENCES threads(id) ON DELETE CASCADE,
        customer_id TEXT NOT NULL,
        number TEXT NOT NULL,
        line_id TEXT,
        requested_at INTEGER NOT NULL,
        waited_ms INTEGER NOT NULL,
        due_at INTEGER NOT NULL,
        state TEXT NOT NULL,
        result TEXT,
        done_by TEXT,
        done_at INTEGER
      ) STRICT;
      CREATE INDEX callbacks_open_by_customer ON callbacks(customer_id) WHERE state = 'open';
      CREATE TABLE agent_phones (
        agent_id TEXT PRIMARY KEY REFERENCES agents(id) ON DELETE CASCADE,
        sip_user TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX agent_phones_by_user ON agent_phones(sip_user);
      CREATE TABLE voice_prompts (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        duration_ms INTEGER NOT NULL,
        uploaded_by TEXT NOT NULL,
        uploaded_at INTEGER NOT NULL
      ) STRICT;
      ALTER TABLE thread_routing ADD COLUMN offered_at INTEGER;
      CREATE INDEX thread_routing_offers ON thread_routing(offered_at) WHERE offered_at IS NOT NULL;
    `);
  },
};
