import type { Migration } from './migration.js';
import { AGENT_SOCKETS_TABLE_SQL } from './agentSocketsTable.js';

/**
 * Which hub instance holds each agent's live sockets (issue 17, decision 0052), so that when an
 * instance dies another one can take its agents offline, and an agent who moved to another
 * instance is not taken offline by the one they left. The same table on PostgreSQL.
 */
export const agentSockets: Migration = {
  version: 26,
  name: 'agent_sockets',
  up(db) {
    db.exec(AGENT_SOCKETS_TABLE_SQL);
  },
};
