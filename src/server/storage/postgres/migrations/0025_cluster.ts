import { CLUSTER_TABLES_SQL } from '../../migrations/clusterTables.js';
import type { PgMigration } from './pgMigration.js';

/** Leases and hub instances (SQLite's migration 25, the same tables). */
export const cluster: PgMigration = { version: 25, name: 'cluster', sql: CLUSTER_TABLES_SQL };
