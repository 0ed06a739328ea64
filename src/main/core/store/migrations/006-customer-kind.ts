import type { Migration } from './migration.js';

/** A customer's kind as the hub sends it (potential, anonymous; NULL for a known customer), so the card can say it. */
export const migration006: Migration = {
  version: 6,
  name: 'customer kind',
  up(db) {
    db.exec('ALTER TABLE customers ADD COLUMN kind TEXT');
  },
};
