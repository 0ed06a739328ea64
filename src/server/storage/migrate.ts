/**
 * Brings a hub database to the newest schema: each migration runs in its own transaction and
 * sets PRAGMA user_version, so a crash leaves the database at a whole version.
 */
import type { Logger } from '../../shared/log.js';
import { MIGRATIONS } from './migrations/index.js';
import type { Migration } from './migrations/migration.js';
import type { SqliteDatabase } from './sqlite.js';

export function schemaVersion(db: SqliteDatabase): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function migrate(
  db: SqliteDatabase,
  log: Logger,
  migrations: readonly Migration[] = MIGRATIONS,
  target = migrations.at(-1)?.version ?? 0,
): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration "${m.name}" has version ${m.version}; expected ${i + 1}`);
  });
  const current = schemaVersion(db);
  const newest = migrations.at(-1)?.version ?? 0;
  if (current > newest) {
    throw new Error(
      `hub database ${db.name} has schema version ${current}, newer than this hub understands (${newest}); ` +
        'run a newer hub or restore a backup',
    );
  }
  for (const migration of migrations) {
    if (migration.version <= current || migration.version > target) continue;
    // PRAGMA foreign_keys is a no-op inside a transaction, so it is switched around it.
    if (migration.foreignKeysOff) db.pragma('foreign_keys = OFF');
    try {
      db.transaction(() => {
        migration.up(db);
        if (migration.foreignKeysOff) {
          const broken = db.pragma('foreign_key_check') as unknown[];
          if (broken.length > 0) {
            throw new Error(`migration "${migration.name}" would break ${broken.length} foreign key(s)`);
          }
        }
        // The version is written in the same transaction as the schema change it stands for.
        db.pragma(`user_version = ${migration.version}`);
      })();
    } finally {
      if (migration.foreignKeysOff) db.pragma('foreign_keys = ON');
    }
    log.info('migrated hub database', { version: migration.version, name: migration.name });
  }
}
