/** One PostgreSQL schema step; versions follow the SQLite migrations' numbers (decision 0044). */
export interface PgMigration {
  version: number;
  name: string;
  sql: string;
}
