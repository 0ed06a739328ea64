import type { Migration } from './migration.js';

/**
 * The contact-center layer: routing groups and their members, each agent's capacity and idle
 * clock, each thread's routing facts and its event history, auto-reply rules and where they fired,
 * the template library and which template agents chose for which message.
 */
export const routingRulesTemplates: Migration = {
  version: 2,
  name: 'routing_rules_templates',
  up(db) {
    db.exec(`
      CREATE TABLE groups (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        skills_json TEXT NOT NULL,
        escalation_group_id TEXT REFERENCES groups(id) ON DELETE SET NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE group_members (
        group_id TEXT NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
        agent_id TEXT NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
        PRIMARY KEY (group_id, agent_id)
      ) STRICT;
      CREATE INDEX group_members_by_agent ON group_members(agent_id);

      -- Capacity per channel and the idle clock used to pick the agent idle longest.
      CREATE TABLE agent_routing (
        agent_id TEXT PRIMARY KEY REFERENCES agents(id) ON DELETE CASCADE,
        capacity_json TEXT,
        idle_since INTEGER NOT NULL
      ) STRICT;

      -- What routing knows about a thread beyond the synced Thread: its topic, language and target group.
      CREATE TABLE thread_routing (
        thread_id TEXT PRIMARY KEY REFERENCES threads(id) ON DELETE CASCADE,
        topic TEXT,
        language TEXT NOT NULL CHECK (language IN ('en', 'ru')),
        group_id TEXT REFERENCES groups(id) ON DELETE SET NULL,
        queued_at INTEGER
      ) STRICT;

      -- Why things happened to a thread: routing decisions, hand-overs, escalations, auto-replies.
      CREATE TABLE thread_events (
        id TEXT PRIMARY KEY,
        thread_id TEXT NOT NULL REFERENCES threads(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        text TEXT NOT NULL,
        data_json TEXT NOT NULL DEFAULT '{}',
        actor_id TEXT,
        created_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX thread_events_by_thread ON thread_events(thread_id, created_at);

      CREATE TABLE auto_reply_rules (
        id TEXT PRIMARY KEY,
        position INTEGER NOT NULL,
        rule_json TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE auto_reply_fired (
        thread_id TEXT NOT NULL REFERENCES threads(id) ON DELETE CASCADE,
        rule_id TEXT NOT NULL,
        fired_at INTEGER NOT NULL,
        PRIMARY KEY (thread_id, rule_id)
      ) STRICT;

      CREATE TABLE templates (
        id TEXT PRIMARY KEY,
        scope TEXT NOT NULL CHECK (scope IN ('shared', 'personal')),
        owner_id TEXT REFERENCES agents(id) ON DELETE CASCADE,
        folder TEXT NOT NULL,
        title TEXT NOT NULL,
        template_json TEXT NOT NULL,
        updated_at INTEGER NOT NULL,
        CHECK ((scope = 'shared') = (owner_id IS NULL))
      ) STRICT;
      CREATE INDEX templates_by_owner ON templates(owner_id);

      CREATE TABLE template_choices (
        id INTEGER PRIMARY KEY,
        template_id TEXT NOT NULL REFERENCES templates(id) ON DELETE CASCADE,
        stems TEXT NOT NULL,
        created_at INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
