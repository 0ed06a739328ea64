import type { Migration } from './migration.js';
import { CLUSTER_TABLES_SQL } from './clusterTables.js';

/**
 * Several hub instances on one database (issue 17): leases for the work that must run on exactly one
 * of them, and the instances themselves with their settings. The same tables on PostgreSQL
 * (postgres/migrations/0025_cluster.ts).
 */
export const cluster: Migration = {
  version: 25,
  name: 'cluster',
  up(db) {
    db.exec(CLUSTER_TABLES_SQL);
  },
};
