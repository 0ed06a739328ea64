import { deletions, nameWords } from '../../../shared/customers/nameFolding.js';
import { toE164 } from '../../../shared/softphone/phoneNumber.js';
import type { Migration } from './migration.js';

/**
 * The customer search index (decision 0031, ## Search).
 *
 * `customer_search_terms` holds, per customer, every folded word of the name (src/shared/customers/
 * nameFolding.ts: Russian and English as one Latin skeleton) and the card's own phone (E.164) and
 * email. Phones live here as well as in customer_identities because an identity belongs to one
 * customer, while a family may share one number: every customer with that number is found.
 *
 * `customer_search_vocab` is the set of distinct name words; `customer_search_deletes` maps each
 * word's deletion variants (up to its typo bound) back to it, so a mistyped word is found by exact
 * lookups (symmetric delete) rather than by scanning a million names.
 *
 * Existing customers are indexed here, in the migration's transaction.
 */
export const customerSearch: Migration = {
  version: 13,
  name: 'customer search',
  up(db) {
    db.exec(`
      CREATE TABLE customer_search_terms (
        kind TEXT NOT NULL CHECK (kind IN ('word', 'phone', 'email')),
        term TEXT NOT NULL,
        customer_id TEXT NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
        PRIMARY KEY (kind, term, customer_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX customer_search_terms_by_customer ON customer_search_terms(customer_id);

      CREATE TABLE customer_search_vocab (word TEXT PRIMARY KEY) STRICT, WITHOUT ROWID;

      CREATE TABLE customer_search_deletes (
        variant TEXT NOT NULL,
        word TEXT NOT NULL,
        PRIMARY KEY (variant, word)
      ) STRICT, WITHOUT ROWID;
    `);
    const term = db.prepare('INSERT OR IGNORE INTO customer_search_terms (kind, term, customer_id) VALUES (?, ?, ?)');
    const vocab = db.prepare('INSERT OR IGNORE INTO customer_search_vocab (word) VALUES (?)');
    const variant = db.prepare('INSERT OR IGNORE INTO customer_search_deletes (variant, word) VALUES (?, ?)');
    // Pages by rowid: a statement still being read cannot share the connection with writes.
    const page = db.prepare(
      'SELECT rowid AS at, id, name, phone, email FROM customers WHERE rowid > ? AND merged_into IS NULL ORDER BY rowid LIMIT 2000',
    );
    type Row = { at: number; id: string; name: string; phone: string | null; email: string | null };
    for (let rows = page.all(0) as Row[]; rows.length > 0; rows = page.all(rows.at(-1)!.at) as Row[])
      for (const row of rows) index(row);
    function index(row: Row): void {
      for (const word of nameWords(row.name)) {
        term.run('word', word, row.id);
        if (vocab.run(word).changes > 0) for (const v of deletions(word)) variant.run(v, word);
      }
      const phone = row.phone ? toE164(row.phone) : null;
      if (phone) term.run('phone', phone, row.id);
      const email = row.email?.trim().toLowerCase();
      if (email) term.run('email', email, row.id);
    }
  },
};
