/**
 * better-sqlite3 through a small typed surface. The project has no @types/better-sqlite3, and an
 * ambient `declare module` here would clash with one the agent core may declare in the same
 * TypeScript program, so the package is loaded with createRequire and typed locally.
 */
import { createRequire } from 'node:module';
import type { Database } from './database.js';

export interface SqliteDatabase extends Database {
  readonly engine: 'sqlite';
  pragma(source: string, options?: { simple?: boolean }): unknown;
  /** SQLite's online backup: a consistent copy while the database is in use. */
  backup(destination: string): Promise<unknown>;
}

type BetterSqliteDatabase = Omit<SqliteDatabase, 'engine'>;

type DatabaseConstructor = new (
  filename: string,
  options?: { timeout?: number; readonly?: boolean; fileMustExist?: boolean },
) => BetterSqliteDatabase;

const require = createRequire(import.meta.url);
const BetterSqlite = require('better-sqlite3') as DatabaseConstructor;

export function isSqlite(db: Database): db is SqliteDatabase {
  return db.engine === 'sqlite';
}

function withEngine(db: BetterSqliteDatabase): SqliteDatabase {
  // better-sqlite3's Database is a class instance: the engine tag is added to it, not copied.
  return Object.assign(db, { engine: 'sqlite' as const });
}

/** Opens the file with the pragmas every hub database runs under. */
export function openSqlite(file: string): SqliteDatabase {
  const db = withEngine(new BetterSqlite(file, { timeout: 5000 }));
  db.pragma('journal_mode = WAL');
  // FULL: a transaction the hub acknowledged survives a power loss (NORMAL may lose the last ones in WAL).
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  return db;
}

/** Opens an existing database file read-only (a backup being checked). */
export function openSqliteReadOnly(file: string): SqliteDatabase {
  return withEngine(new BetterSqlite(file, { readonly: true, fileMustExist: true, timeout: 5000 }));
}
