import { baseline } from './0024_baseline.js';
import { cluster } from './0025_cluster.js';
import { agentSockets } from './0026_agent_sockets.js';
import { signInBackoff } from './0027_sign_in_backoff.js';
import type { PgMigration } from './pgMigration.js';

/**
 * PostgreSQL's schema steps. The first stands for SQLite's 1–24 at once; from 25 on, every
 * migration is written for both engines under the same version number.
 */
export const PG_MIGRATIONS: readonly PgMigration[] = [baseline, cluster, agentSockets, signInBackoff];
