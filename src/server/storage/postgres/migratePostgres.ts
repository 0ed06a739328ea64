/**
 * Brings a PostgreSQL hub database to the newest schema. Instances starting together take turns
 * on a session advisory lock, so exactly one migrates and the others find the work done; each
 * step and its version number commit together, so a failed step leaves a whole version.
 */
import type { Logger } from '../../../shared/log.js';
import { PG_MIGRATIONS } from './migrations/index.js';
import type { PgMigration } from './migrations/pgMigration.js';
import type { PostgresDatabase } from './pgDatabase.js';

/** pg_advisory_lock key for "migrating the hub schema" (any fixed number the hub owns). */
const MIGRATION_LOCK = 7_401_001;

export function pgSchemaVersion(db: PostgresDatabase): number {
  const exists = db.query("SELECT to_regclass('okno_schema') IS NOT NULL AS found", []).rows[0] as { found: number };
  if (!exists.found) return 0;
  const row = db.query('SELECT coalesce(max(version), 0) AS version FROM okno_schema', []).rows[0] as {
    version: number;
  };
  return row.version;
}

export function migratePostgres(
  db: PostgresDatabase,
  log: Logger,
  migrations: readonly PgMigration[] = PG_MIGRATIONS,
): void {
  const newest = migrations.at(-1)?.version ?? 0;
  db.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
  try {
    const current = pgSchemaVersion(db);
    if (current > newest) {
      throw new Error(
        `hub database ${db.name} has schema version ${current}, newer than this hub understands (${newest}); ` +
          'run a newer hub on it',
      );
    }
    for (const migration of migrations) {
      if (migration.version <= current) continue;
      db.transaction(() => {
        db.exec(migration.sql);
        db.exec('CREATE TABLE IF NOT EXISTS okno_schema (version BIGINT NOT NULL)');
        db.exec('DELETE FROM okno_schema');
        db.query('INSERT INTO okno_schema (version) VALUES ($1)', [migration.version]);
      })();
      log.info('migrated hub database', { version: migration.version, name: migration.name });
    }
  } finally {
    db.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    db.schemaChanged();
  }
}
