import type { Migration } from './migration.js';

/**
 * Accounts (decision 0025): an administrator can disable an agent (who then cannot sign in, and
 * whose sessions all end) and re-enable them; when the password last changed is kept for audits.
 */
export const accounts: Migration = {
  version: 10,
  name: 'accounts',
  up(db) {
    db.exec(`
      ALTER TABLE agents ADD COLUMN disabled_at INTEGER;
      ALTER TABLE agents ADD COLUMN disabled_by TEXT;
      ALTER TABLE agents ADD COLUMN password_changed_at INTEGER;
      CREATE INDEX sessions_by_created ON sessions(created_at);
    `);
  },
};
