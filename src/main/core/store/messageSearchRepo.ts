import { indexTerms, type TermGroup } from '../../../shared/text/searchTerms.js';
import { expandPrefixes, MAX_PREFIX_TERMS, tokenKey } from './messageTerms.js';
import type { SqliteDatabase, Statement } from './sqlite.js';

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
 * Beside it, message_terms lists every term ever indexed (decision 0049), so a typed prefix is
 * searched as the exact terms it stands for.
 */
export interface MessageSearchRepo {
  /** Indexes a message row that has never been indexed. */
  add(pk: number, text: string): void;
  /** (Re)indexes a row whose text may already be indexed. */
  index(pk: number, text: string): void;
  remove(pk: number): void;
  /**
   * Unindexes a thread's messages (`syncedOnly`: only those the hub stored, seq > 0) and drops from
   * the vocabulary every term of theirs no other indexed message holds, so a conversation that
   * leaves the cache (retention, a revocation) takes its words (names, numbers) with it at once.
   * Call before the messages rows go, inside the caller's transaction.
   */
  removeThread(threadId: string, options?: { syncedOnly?: boolean }): void;
  /** Messages matching every group (from queryTermGroups()), newest first; none for no groups. */
  search(groups: readonly TermGroup[], limit: number): SearchRow[];
  clear(): void;
  /**
   * Drops the terms no indexed message holds any more (remove() and index() leave the terms of the
   * text they unindex), so the words of removed messages do not stay on disk. Returns how many.
   */
  pruneTerms(): number;
}

/** Terms remembered as written (a set of short strings; started over when full). */
const KNOWN_MAX = 100_000;

/** Above every character a term can hold: `key >= p AND key < p || BEYOND` is "starts with p". */
const BEYOND = '\u{10FFFF}';

export function createMessageSearchRepo(db: SqliteDatabase): MessageSearchRepo {
  const insert = db.prepare('INSERT INTO message_search (rowid, terms) VALUES (?, ?)');
  const remove = db.prepare('DELETE FROM message_search WHERE rowid = ?');
  const addTerm = db.prepare('INSERT OR IGNORE INTO message_terms (key, term) VALUES (?, ?)');
  // term is '' where it equals its key (decision 0049); one more row than may be used says "too many".
  const termsFrom = db.prepare(
    `SELECT iif(term = '', key, term) AS term FROM message_terms WHERE key >= ? AND key < ? LIMIT ${MAX_PREFIX_TERMS + 1}`,
  );
  // Newest first by arrival in the cache (rowid = messages.pk): FTS5 walks the doclists of exact
  // terms backwards and stops at the limit, where ordering by created_at would sort every match.
  const search = db.prepare(`
    SELECT m.id, m.thread_id, m.text, m.created_at
    FROM message_search s JOIN messages m ON m.pk = s.rowid
    WHERE message_search MATCH ?
    ORDER BY s.rowid DESC
    LIMIT ?`);
  const threadTerms = db.prepare(
    'SELECT terms FROM message_search WHERE rowid IN (SELECT pk FROM messages WHERE thread_id = ?)',
  );
  const syncedThreadTerms = db.prepare(
    'SELECT terms FROM message_search WHERE rowid IN (SELECT pk FROM messages WHERE thread_id = ? AND seq > 0)',
  );
  const unindexThread = db.prepare(
    'DELETE FROM message_search WHERE rowid IN (SELECT pk FROM messages WHERE thread_id = ?)',
  );
  const unindexSyncedThread = db.prepare(
    'DELETE FROM message_search WHERE rowid IN (SELECT pk FROM messages WHERE thread_id = ? AND seq > 0)',
  );
  // The tokenizer folds the quoted term as it folded the text, so a term spelt otherwise than its
  // token (café) stays while any message holds that token, as in pruneTerms().
  const dropTermIfUnused = db.prepare(`
    DELETE FROM message_terms WHERE key = @key AND term = @stored
      AND NOT EXISTS (SELECT 1 FROM message_search WHERE message_search MATCH @match)`);
  const clear = db.prepare('DELETE FROM message_search');
  const clearTerms = db.prepare('DELETE FROM message_terms');

  // Terms known to be in message_terms, so that a message of known words writes nothing more. A
  // rollback takes back rows this set remembers, so each write of new terms also bumps a counter in
  // a temp table, which rolls back with them; a counter other than the one left means "forget".
  db.exec(`
    CREATE TEMP TABLE IF NOT EXISTS message_terms_writes (n INTEGER NOT NULL);
    INSERT INTO message_terms_writes (n) SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM message_terms_writes);`);
  const writes = db.prepare('SELECT n FROM message_terms_writes');
  const bumpWrites = db.prepare('UPDATE message_terms_writes SET n = n + 1 RETURNING n');
  const known = new Set<string>();
  let knownAt = -1;

  function write(pk: number, text: string): void {
    const terms = indexTerms(text);
    insert.run(pk, terms);
    if (terms === '') return;
    const { n } = writes.get() as { n: number };
    if (n !== knownAt || known.size >= KNOWN_MAX) known.clear();
    let added = false;
    for (const term of terms.split(' ')) {
      if (known.has(term)) continue;
      const key = tokenKey(term);
      addTerm.run(key, key === term ? '' : term);
      known.add(term);
      added = true;
    }
    knownAt = added ? (bumpWrites.get() as { n: number }).n : n;
  }

  // A term FTS5's own vocabulary lists is alive (the common case, one pass over the index); any other
  // row is asked of the index itself, so a term spelt otherwise than its token (café) is kept.
  let pruneStatement: Statement | null = null;
  function prune(): number {
    if (!pruneStatement) {
      db.exec(
        `CREATE VIRTUAL TABLE IF NOT EXISTS temp.message_search_vocab USING fts5vocab(main, message_search, 'row')`,
      );
      pruneStatement = db.prepare(`
        DELETE FROM message_terms
        WHERE key NOT IN (SELECT term FROM temp.message_search_vocab)
          AND NOT EXISTS (
            SELECT 1 FROM message_search
            WHERE message_search MATCH '"' || replace(iif(term = '', key, term), '"', '""') || '"')`);
    }
    const { changes } = pruneStatement.run();
    if (changes > 0) {
      bumpWrites.get();
      known.clear();
    }
    return changes;
  }

  function removeThread(threadId: string, syncedOnly: boolean): void {
    const rows = (syncedOnly ? syncedThreadTerms : threadTerms).all(threadId) as { terms: string }[];
    (syncedOnly ? unindexSyncedThread : unindexThread).run(threadId);
    const terms = new Set<string>();
    for (const { terms: text } of rows) if (text !== '') for (const term of text.split(' ')) terms.add(term);
    for (const term of terms) {
      const key = tokenKey(term);
      const match = `"${term.replaceAll('"', '""')}"`;
      // A rollback brings the row back while the set has forgotten it: only a needless insert later.
      if (dropTermIfUnused.run({ key, stored: key === term ? '' : term, match }).changes > 0) known.delete(term);
    }
  }

  function termsStartingWith(key: string): string[] | null {
    const rows = termsFrom.all(key, key + BEYOND) as { term: string }[];
    return rows.length > MAX_PREFIX_TERMS ? null : rows.map((row) => row.term);
  }

  return {
    add: write,
    index(pk, text) {
      remove.run(pk);
      write(pk, text);
    },
    remove: (pk) => void remove.run(pk),
    removeThread: (threadId, options) => removeThread(threadId, options?.syncedOnly ?? false),
    search: (groups, limit) =>
      groups.length === 0 ? [] : (search.all(expandPrefixes(groups, termsStartingWith), limit) as SearchRow[]),
    clear() {
      clear.run();
      clearTerms.run();
      known.clear();
    },
    pruneTerms: prune,
  };
}
