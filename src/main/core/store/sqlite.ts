/**
 * The slice of better-sqlite3 the store uses, typed here because the package ships no types
 * and @types/better-sqlite3 is not installed. Loading through createRequire keeps the
 * declaration local (no ambient `declare module` that could clash with the hub's).
 */
import { createRequire } from 'node:module';

export interface RunResult {
  changes: number;
  lastInsertRowid: number | bigint;
}

export interface Statement {
  run(...params: unknown[]): RunResult;
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
}

export interface SqliteDatabase {
  readonly name: string;
  readonly open: boolean;
  readonly inTransaction: boolean;
  prepare(sql: string): Statement;
  exec(sql: string): void;
  pragma(source: string, options?: { simple?: boolean }): unknown;
  transaction<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R;
  close(): void;
}

type DatabaseConstructor = new (filename: string, options?: { timeout?: number }) => SqliteDatabase;

const require = createRequire(import.meta.url);

export function openSqlite(filename: string): SqliteDatabase {
  const Database = require('better-sqlite3') as DatabaseConstructor;
  return new Database(filename, { timeout: 5000 });
}
