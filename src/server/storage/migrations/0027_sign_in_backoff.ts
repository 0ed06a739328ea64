import type { Migration } from './migration.js';
import { SIGN_IN_BACKOFF_TABLE_SQL } from './signInBackoffTable.js';

/**
 * Failed sign-ins counted per login and per address in the database (decision 0053), so every
 * instance of a hub, and its next start, pause the same guesser; they were counted per process.
 * The same table on PostgreSQL.
 */
export const signInBackoff: Migration = {
  version: 27,
  name: 'sign_in_backoff',
  up(db) {
    db.exec(SIGN_IN_BACKOFF_TABLE_SQL);
  },
};
