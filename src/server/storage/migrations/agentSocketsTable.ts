/** Migration 26's table, in SQL both engines read the same. */
export const AGENT_SOCKETS_TABLE_SQL = `
  CREATE TABLE agent_sockets (
    agent_id TEXT NOT NULL,
    instance_id TEXT NOT NULL,
    sockets INTEGER NOT NULL,
    changed_at BIGINT NOT NULL,
    PRIMARY KEY (agent_id, instance_id)
  );
  CREATE INDEX agent_sockets_by_instance ON agent_sockets (instance_id, sockets);
`;
