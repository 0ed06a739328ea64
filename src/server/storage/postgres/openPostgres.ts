/** Opens the hub's PostgreSQL database from its URL and brings it to the newest schema. */
import type { Logger } from '../../../shared/log.js';
import { unfinishedImport } from './copyFromSqlite.js';
import { migratePostgres } from './migratePostgres.js';
import { PostgresDatabase } from './pgDatabase.js';

/** Connects and checks the server answers; the error names the server (without the password). */
export function connectPostgres(url: string): PostgresDatabase {
  if (!/^postgres(ql)?:\/\//.test(url)) {
    throw new Error(`the hub database URL must start with postgres:// or postgresql://, got "${url.split(':')[0]}:…"`);
  }
  const db = new PostgresDatabase(url);
  try {
    db.query('SELECT 1', []);
  } catch (error) {
    db.close();
    throw new Error(`cannot reach the hub database at ${db.name}: ${(error as Error).message}`);
  }
  return db;
}

export function openPostgres(url: string, log: Logger): PostgresDatabase {
  const db = connectPostgres(url);
  try {
    migratePostgres(db, log);
    const unfinished = unfinishedImport(db);
    if (unfinished) throw new Error(unfinished);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}
