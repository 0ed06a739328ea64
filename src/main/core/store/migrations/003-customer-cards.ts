import type { Migration } from './migration.js';

/**
 * Customer cards in the cache: notes, the identities the hub sends with each customer (one row per
 * identity, so a caller is found by any of their numbers), and where a merged customer went.
 */
export const migration003: Migration = {
  version: 3,
  name: 'customer cards',
  up(db) {
    db.exec(`
      ALTER TABLE customers ADD COLUMN notes TEXT NOT NULL DEFAULT '';
      ALTER TABLE customers ADD COLUMN merged_into TEXT;

      CREATE TABLE customer_identities (
        kind TEXT NOT NULL,
        value TEXT NOT NULL,
        customer_id TEXT NOT NULL,
        position INTEGER NOT NULL,
        PRIMARY KEY (customer_id, kind, value)
      ) STRICT;
      CREATE INDEX customer_identities_by_value ON customer_identities (kind, value);
    `);
  },
};
