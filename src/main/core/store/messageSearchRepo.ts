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
  /** Indexes a message row that has never been indexed. */
  add(pk: number, text: string): void;
  /** (Re)indexes a row whose text may already be indexed. */
  index(pk: number, text: string): void;
  remove(pk: number): void;
  /** `match` must come from ftsQuery(); newest messages first. */
  search(match: string, limit: number): SearchRow[];
  clear(): void;
}

export function createMessageSearchRepo(db: SqliteDatabase): MessageSearchRepo {
  const insert = db.prepare('INSERT INTO message_search (rowid, terms) VALUES (?, ?)');
  const remove = db.prepare('DELETE FROM message_search WHERE rowid = ?');
  // Newest first by arrival in the cache (rowid = messages.pk): FTS5 walks the doclist backwards
  // and stops at the limit, where ordering by created_at would sort every match of a common word.
  const search = db.prepare(`
    SELECT m.id, m.thread_id, m.text, m.created_at
    FROM message_search s JOIN messages m ON m.pk = s.rowid
    WHERE message_search MATCH ?
    ORDER BY s.rowid DESC
    LIMIT ?`);
  const clear = db.prepare('DELETE FROM message_search');

  return {
    add: (pk, text) => void insert.run(pk, indexTerms(text)),
    index(pk, text) {
      remove.run(pk);
      insert.run(pk, indexTerms(text));
    },
    remove: (pk) => void remove.run(pk),
    search: (match, limit) => search.all(match, limit) as SearchRow[],
    clear: () => void clear.run(),
  };
}
