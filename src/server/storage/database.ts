/**
 * The storage surface every repository is written against, whichever engine is underneath:
 * better-sqlite3 (the embedded default) or PostgreSQL through a synchronous connection
 * (postgres/pgDatabase.ts). Statements are synchronous on both, so a transaction is a plain
 * function call and nothing interleaves inside it on this instance (decision 0044).
 */
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

export type Engine = 'sqlite' | 'postgres';

export interface Database {
  readonly engine: Engine;
  /** Where the data lives, for messages: a file path or a URL without its password. */
  readonly name: string;
  readonly open: boolean;
  readonly inTransaction: boolean;
  prepare(sql: string): Statement;
  /** Runs statements without parameters (schema changes). */
  exec(sql: string): Database;
  transaction<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R;
  close(): Database;
}
