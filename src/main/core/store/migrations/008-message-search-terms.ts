import { tokenKey } from '../messageTerms.js';
import type { Migration } from './migration.js';

/**
 * The vocabulary of the message index (decision 0049): every term message_search holds, keyed by
 * tokenKey(term), so a typed prefix is searched as the exact terms it stands for. `term` is what goes
 * into the MATCH expression, '' where it equals the key. A cache indexed before this step is read from
 * FTS5's own vocabulary (its terms are the tokenizer's output, which match themselves).
 */
export const migration008: Migration = {
  version: 8,
  name: 'message search terms',
  up(db) {
    db.exec(`
      CREATE TABLE message_terms (
        key TEXT NOT NULL,
        term TEXT NOT NULL,
        PRIMARY KEY (key, term)
      ) WITHOUT ROWID;
      CREATE VIRTUAL TABLE temp.message_search_vocab USING fts5vocab(main, message_search, 'row');
    `);
    const add = db.prepare('INSERT OR IGNORE INTO message_terms (key, term) VALUES (?, ?)');
    for (const { term } of db.prepare('SELECT term FROM temp.message_search_vocab').all() as { term: string }[]) {
      const key = tokenKey(term);
      add.run(key, key === term ? '' : term);
    }
    db.exec('DROP TABLE temp.message_search_vocab');
  },
};
