import type { Agent, AgentRole, AgentStatus } from '../../shared/domain.js';
import type { Database } from './sqlite.js';
import type { Tx } from './writer.js';

interface AgentRow {
  id: string;
  login: string;
  name: string;
  role: AgentRole;
  status: AgentStatus;
  updated_at: number;
}

export interface AgentCredentials {
  agent: Agent;
  passwordHash: string;
}

const COLUMNS = 'id, login, name, role, status, updated_at';

function toAgent(row: AgentRow): Agent {
  return {
    id: row.id,
    login: row.login,
    name: row.name,
    role: row.role,
    status: row.status,
    updatedAt: row.updated_at,
  };
}

export class AgentsRepo {
  private readonly insertStmt;
  private readonly updateStmt;
  private readonly byIdStmt;
  private readonly credentialsStmt;
  private readonly countStmt;

  constructor(db: Database) {
    this.insertStmt = db.prepare(
      `INSERT INTO agents (id, login, name, role, status, password_hash, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.updateStmt = db.prepare('UPDATE agents SET name = ?, role = ?, status = ?, updated_at = ? WHERE id = ?');
    this.byIdStmt = db.prepare(`SELECT ${COLUMNS} FROM agents WHERE id = ?`);
    this.credentialsStmt = db.prepare(`SELECT ${COLUMNS}, password_hash FROM agents WHERE login = ?`);
    this.countStmt = db.prepare('SELECT count(*) AS n FROM agents');
  }

  create(tx: Tx, agent: Agent, passwordHash: string): void {
    this.insertStmt.run(
      agent.id,
      agent.login,
      agent.name,
      agent.role,
      agent.status,
      passwordHash,
      agent.updatedAt,
      agent.updatedAt,
    );
    tx.record('agent', agent);
  }

  update(tx: Tx, agent: Agent): void {
    this.updateStmt.run(agent.name, agent.role, agent.status, agent.updatedAt, agent.id);
    tx.record('agent', agent);
  }

  byId(id: string): Agent | null {
    const row = this.byIdStmt.get(id) as AgentRow | undefined;
    return row ? toAgent(row) : null;
  }

  /** Logins compare case-insensitively (the column is NOCASE). */
  credentials(login: string): AgentCredentials | null {
    const row = this.credentialsStmt.get(login) as (AgentRow & { password_hash: string }) | undefined;
    return row ? { agent: toAgent(row), passwordHash: row.password_hash } : null;
  }

  count(): number {
    return (this.countStmt.get() as { n: number }).n;
  }
}
