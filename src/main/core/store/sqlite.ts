/**
 * The slice of better-sqlite3-multiple-ciphers the store uses, typed here because the package
 * ships no types. It is better-sqlite3 built with SQLite3 Multiple Ciphers, so the cache can be
 * encrypted at rest (ChaCha20-Poly1305, the library's default; decision 0031). Loading through
 * createRequire keeps the declaration local (no ambient `declare module` that could clash with the hub's).
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

/** The cache is not a database under this key (another key, or not a database at all). */
export class CacheKeyMismatchError extends Error {
  constructor(readonly file: string) {
    super(`The local cache ${file} cannot be read with this device's cache key (another key, or a damaged file).`);
    this.name = 'CacheKeyMismatchError';
  }
}

/**
 * Opens a database file; with `key` (32 bytes) it is encrypted, and a wrong key is a
 * CacheKeyMismatchError here rather than a puzzling failure at the first query.
 */
export function openSqlite(filename: string, key?: Buffer): SqliteDatabase {
  const Database = require('better-sqlite3-multiple-ciphers') as DatabaseConstructor;
  const db = new Database(filename, { timeout: 5000 });
  if (!key) return db;
  try {
    db.pragma(`hexkey='${key.toString('hex')}'`);
    // The key is checked only when a page is read.
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (error) {
    db.close();
    if ((error as { code?: string }).code === 'SQLITE_NOTADB') throw new CacheKeyMismatchError(filename);
    throw error;
  }
  return db;
}

/** Encrypts an unencrypted database in place (a cache written before encryption). Leaves it in DELETE journal mode. */
export function encryptInPlace(db: SqliteDatabase, key: Buffer): void {
  // SQLite3 Multiple Ciphers cannot rekey in WAL mode: fold the WAL back first.
  db.pragma('journal_mode = DELETE');
  db.pragma(`hexrekey='${key.toString('hex')}'`);
}
