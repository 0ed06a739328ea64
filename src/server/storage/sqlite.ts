/**
 * better-sqlite3 through a small typed surface. The project has no @types/better-sqlite3, and an
 * ambient `declare module` here would clash with one the agent core may declare in the same
 * TypeScript program, so the package is loaded with createRequire and typed locally.
 */
import { createRequire } from 'node:module';

export type SqlValue = string | number | bigint | null | Buffer;

export interface RunResult {
  changes: number;
  lastInsertRowid: number | bigint;
}

export interface Statement {
  run(...params: SqlValue[]): RunResult;
  get(...params: SqlValue[]): unknown;
  all(...params: SqlValue[]): unknown[];
}

export interface Database {
  readonly name: string;
  readonly open: boolean;
  readonly inTransaction: boolean;
  prepare(sql: string): Statement;
  exec(sql: string): Database;
  pragma(source: string, options?: { simple?: boolean }): unknown;
  transaction<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R;
  /** SQLite's online backup: a consistent copy while the database is in use. */
  backup(destination: string): Promise<unknown>;
  close(): Database;
}

type DatabaseConstructor = new (
  filename: string,
  options?: { timeout?: number; readonly?: boolean; fileMustExist?: boolean },
) => Database;

const require = createRequire(import.meta.url);
const BetterSqlite = require('better-sqlite3') as DatabaseConstructor;

/** Opens the file with the pragmas every hub database runs under. */
export function openSqlite(file: string): Database {
  const db = new BetterSqlite(file, { timeout: 5000 });
  db.pragma('journal_mode = WAL');
  // FULL: a transaction the hub acknowledged survives a power loss (NORMAL may lose the last ones in WAL).
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  return db;
}

/** Opens an existing database file read-only (a backup being checked). */
export function openSqliteReadOnly(file: string): Database {
  return new BetterSqlite(file, { readonly: true, fileMustExist: true, timeout: 5000 });
}
