import type { Migration } from './migration.js';

/**
 * An agent's period reads only the agent's rows: each precomputed contact row names its agent
 * (`agent_id`, the contact's agentId), and the agents an offer of it rang out at get a row each in
 * `stats_missed_offers` (an agent sees their missed offers, which sit on calls others answered).
 * Both are indexed by agent and time and filled here from the rows already computed; the stats
 * refresh keeps them up to date from then on.
 */
export const statsAgent: Migration = {
  version: 11,
  name: 'stats agent',
  up(db) {
    db.exec(`
      ALTER TABLE stats_contacts ADD COLUMN agent_id TEXT;
      UPDATE stats_contacts SET agent_id = json_extract(contact_json, '$.agentId') WHERE contact_json IS NOT NULL;
      CREATE INDEX stats_contacts_by_agent ON stats_contacts(agent_id, created_at) WHERE agent_id IS NOT NULL;
      CREATE TABLE stats_missed_offers (
        thread_id TEXT NOT NULL REFERENCES stats_contacts(thread_id) ON DELETE CASCADE,
        agent_id TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (thread_id, agent_id)
      ) STRICT;
      CREATE INDEX stats_missed_offers_by_agent ON stats_missed_offers(agent_id, created_at);
      INSERT OR IGNORE INTO stats_missed_offers (thread_id, agent_id, created_at)
        SELECT s.thread_id, m.value, s.created_at
        FROM stats_contacts s, json_each(s.contact_json, '$.queue.missedBy') m
        WHERE s.contact_json IS NOT NULL AND json_type(s.contact_json, '$.queue.missedBy') = 'array'
          AND m.type = 'text';
    `);
  },
};
