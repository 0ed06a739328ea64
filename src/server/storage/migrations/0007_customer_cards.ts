import type { Migration } from './migration.js';

/**
 * Customer cards (docs/customer-cards.md): free-text notes, a merged customer pointing at the one
 * that absorbed it, the card's history (edits, links, merges, and values that lost a conflict, so
 * nothing an agent wrote disappears), and every stored phone / email also known as an identity.
 */
export const customerCards: Migration = {
  version: 7,
  name: 'customer cards',
  up(db) {
    db.exec(`
      ALTER TABLE customers ADD COLUMN notes TEXT NOT NULL DEFAULT '';
      ALTER TABLE customers ADD COLUMN merged_into TEXT REFERENCES customers(id);

      CREATE TABLE customer_history (
        id TEXT PRIMARY KEY,
        customer_id TEXT NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('created', 'edited', 'kept', 'linked', 'unlinked', 'merged')),
        field TEXT,
        old_value TEXT,
        new_value TEXT,
        agent_id TEXT REFERENCES agents(id),
        created_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX customer_history_by_customer ON customer_history(customer_id, created_at);

      INSERT OR IGNORE INTO customer_identities (kind, value, customer_id, created_at)
        SELECT 'email', lower(trim(email)), id, created_at FROM customers WHERE email IS NOT NULL AND trim(email) != '';
      INSERT OR IGNORE INTO customer_identities (kind, value, customer_id, created_at)
        SELECT 'phone', phone, id, created_at FROM customers WHERE phone GLOB '+[1-9]*';
    `);
  },
};
