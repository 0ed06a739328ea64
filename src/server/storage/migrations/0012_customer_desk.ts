import type { Migration } from './migration.js';

/**
 * The customer desk's data (decision 0031): the bank's own id of a customer (re-imports update, never
 * duplicate), whether the card is a known customer, a potential one or the anonymous catch-all, the
 * personal fields identification asks about, and the bank's keys to a customer.
 *
 * `customer_documents` holds passports, cards and accounts. `lookup` is a keyed hash (HMAC-SHA256 under
 * a key derived from the hub's secret key) of the digits, so a search finds the owner without the table
 * holding what was searched for; `shown` is the masked form. `value` holds the full passport or account
 * number, shown only once the customer is identified; for a card it is always NULL — a card number (PAN)
 * is never stored, only its hash and last four digits.
 *
 * `customer_secrets` holds the code word's keyed hash; the word itself is never stored or shown.
 *
 * `desk_audit` records who did what to which customer from which contact: identification attempts,
 * every opening of commercial data, every export of customer data. Rows are only ever added.
 */
export const customerDesk: Migration = {
  version: 12,
  name: 'customer desk',
  up(db) {
    db.exec(`
      ALTER TABLE customers ADD COLUMN external_id TEXT;
      CREATE UNIQUE INDEX customers_by_external_id ON customers(external_id) WHERE external_id IS NOT NULL;
      ALTER TABLE customers ADD COLUMN kind TEXT NOT NULL DEFAULT 'customer'
        CHECK (kind IN ('customer', 'potential', 'anonymous'));
      ALTER TABLE customers ADD COLUMN birth_date TEXT CHECK (birth_date IS NULL OR birth_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]');
      ALTER TABLE customers ADD COLUMN address TEXT;

      CREATE TABLE customer_documents (
        kind TEXT NOT NULL CHECK (kind IN ('passport', 'card', 'account')),
        lookup TEXT NOT NULL,
        customer_id TEXT NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
        shown TEXT NOT NULL,
        value TEXT CHECK (value IS NULL OR kind != 'card'),
        created_at INTEGER NOT NULL,
        PRIMARY KEY (kind, lookup)
      ) STRICT;
      CREATE INDEX customer_documents_by_customer ON customer_documents(customer_id);

      CREATE TABLE customer_secrets (
        customer_id TEXT PRIMARY KEY REFERENCES customers(id) ON DELETE CASCADE,
        code_word_hash TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE desk_audit (
        id TEXT PRIMARY KEY,
        at INTEGER NOT NULL,
        agent_id TEXT NOT NULL REFERENCES agents(id),
        action TEXT NOT NULL,
        customer_id TEXT,
        thread_id TEXT,
        detail TEXT NOT NULL DEFAULT '{}'
      ) STRICT;
      CREATE INDEX desk_audit_by_time ON desk_audit(at);
      CREATE INDEX desk_audit_by_customer ON desk_audit(customer_id, at) WHERE customer_id IS NOT NULL;
    `);
  },
};
