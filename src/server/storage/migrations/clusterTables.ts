/** Migration 25's tables, in SQL both engines read the same (INTEGER is 64-bit in SQLite, BIGINT in PostgreSQL). */
export const CLUSTER_TABLES_SQL = `
  CREATE TABLE leases (
    name TEXT PRIMARY KEY,
    holder TEXT NOT NULL,
    expires_at BIGINT NOT NULL
  );
  CREATE TABLE hub_instances (
    id TEXT PRIMARY KEY,
    started_at BIGINT NOT NULL,
    seen_at BIGINT NOT NULL,
    url TEXT NOT NULL,
    settings_json TEXT NOT NULL
  );
`;
