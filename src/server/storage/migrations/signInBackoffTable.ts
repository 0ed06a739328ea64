/** Migration 27's table, in SQL both engines read the same. */
export const SIGN_IN_BACKOFF_TABLE_SQL = `
  CREATE TABLE sign_in_backoff (
    subject TEXT PRIMARY KEY,
    failures INTEGER NOT NULL,
    last_failure_at BIGINT NOT NULL
  );
  CREATE INDEX sign_in_backoff_by_last_failure ON sign_in_backoff (last_failure_at);
`;
