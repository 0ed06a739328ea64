import { SIGN_IN_BACKOFF_TABLE_SQL } from '../../migrations/signInBackoffTable.js';
import type { PgMigration } from './pgMigration.js';

/** Failed sign-ins per login and per address (SQLite's migration 27, the same table). */
export const signInBackoff: PgMigration = { version: 27, name: 'sign_in_backoff', sql: SIGN_IN_BACKOFF_TABLE_SQL };
