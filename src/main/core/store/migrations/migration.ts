import type { SqliteDatabase } from '../sqlite.js';

/** One schema step. Versions only increase; each runs in its own transaction. */
export interface Migration {
  version: number;
  name: string;
  up(db: SqliteDatabase): void;
}
