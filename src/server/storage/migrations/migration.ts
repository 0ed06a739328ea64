import type { Database } from '../sqlite.js';

/** One schema step. Versions only increase; a shipped migration is never edited, only followed. */
export interface Migration {
  version: number;
  name: string;
  up(db: Database): void;
}
