import { AGENT_SOCKETS_TABLE_SQL } from '../../migrations/agentSocketsTable.js';
import type { PgMigration } from './pgMigration.js';

/** Agents' live sockets per instance (SQLite's migration 26, the same table). */
export const agentSockets: PgMigration = { version: 26, name: 'agent_sockets', sql: AGENT_SOCKETS_TABLE_SQL };
