import type { SqliteDatabase } from '../sqlite.js';

/** One schema step. Versions only increase; a shipped migration is never edited, only followed. */
export interface Migration {
  version: number;
  name: string;
  /**
   * Rebuilds a table others reference (SQLite's 12-step ALTER): the runner turns foreign keys off
   * around the transaction, so DROP TABLE does not cascade, and checks them all before commit.
   */
  foreignKeysOff?: boolean;
  up(db: SqliteDatabase): void;
}
