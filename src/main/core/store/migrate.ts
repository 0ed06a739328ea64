import type { Logger } from '../../../shared/log.js';
import type { Migration } from './migrations/migration.js';
import type { SqliteDatabase } from './sqlite.js';

/** The database was written by a newer Okno; opening it with this one could corrupt it. */
export class NewerSchemaError extends Error {
  constructor(
    readonly file: string,
    readonly found: number,
    readonly known: number,
  ) {
    super(
      `The local database ${file} has schema version ${found}, but this Okno knows only up to ${known}: ` +
        'it was written by a newer version of Okno. Update Okno, or move the file away to start a fresh cache.',
    );
    this.name = 'NewerSchemaError';
  }
}

export function schemaVersion(db: SqliteDatabase): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Brings the schema to the newest version, one transaction per step (PRAGMA user_version). */
export function migrate(db: SqliteDatabase, migrations: readonly Migration[], log?: Logger): number {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration "${m.name}" has version ${m.version}, expected ${i + 1}`);
  });
  const latest = migrations.length;
  const current = schemaVersion(db);
  if (current > latest) throw new NewerSchemaError(db.name, current, latest);
  for (const m of migrations.slice(current)) {
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    })();
    log?.info('migrated local database', { version: m.version, name: m.name });
  }
  return latest;
}
