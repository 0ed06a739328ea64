import { indexTerms } from '../../../shared/text/searchTerms.js';
import type { SqliteDatabase } from './sqlite.js';

/** A message that matched, before the snippet is cut. */
export interface SearchRow {
  id: string;
  thread_id: string;
  text: string;
  created_at: number;
}

/**
 * The FTS5 index of message text. Rows are keyed by messages.pk and hold indexTerms(text),
 * so index and query share one folding and stemming (src/shared/text/searchTerms.ts).
 */
export interface MessageSearchRepo {
  index(pk: number, text: string): void;
  remove(pk: number): void;
  /** `match` must come from ftsQuery(); newest messages first. */
  search(match: string, limit: number): SearchRow[];
  clear(): void;
}

export function createMessageSearchRepo(db: SqliteDatabase): MessageSearchRepo {
  const insert = db.prepare('INSERT INTO message_search (rowid, terms) VALUES (?, ?)');
  const remove = db.prepare('DELETE FROM message_search WHERE rowid = ?');
  const search = db.prepare(`
    SELECT m.id, m.thread_id, m.text, m.created_at
    FROM message_search s JOIN messages m ON m.pk = s.rowid
    WHERE message_search MATCH ?
    ORDER BY m.created_at DESC, m.pk DESC
    LIMIT ?`);
  const clear = db.prepare('DELETE FROM message_search');

  return {
    index(pk, text) {
      remove.run(pk);
      insert.run(pk, indexTerms(text));
    },
    remove: (pk) => void remove.run(pk),
    search: (match, limit) => search.all(match, limit) as SearchRow[],
    clear: () => void clear.run(),
  };
}
