import type { AgentStatusEvent } from '../../shared/hubApi/teamApi.js';
import type { Agent, AgentRole, AgentStatus } from '../../shared/domain.js';
import type { Database } from './database.js';
import type { Tx } from './writer.js';

interface AgentRow {
  id: string;
  login: string;
  name: string;
  role: AgentRole;
  status: AgentStatus;
  status_reason: string | null;
  status_since: number;
  acw_until: number | null;
  updated_at: number;
}

/** One status an agent was in, from `startedAt` until the next event of the same agent (its schema: teamApi). */
export type { AgentStatusEvent };

export interface AgentCredentials {
  agent: Agent;
  passwordHash: string;
  /** When an administrator disabled the account; null while it may sign in. */
  disabledAt: number | null;
}

/** What the team admin shows of an account besides the agent itself. */
export interface AccountState {
  disabledAt: number | null;
  disabledBy: string | null;
  passwordChangedAt: number | null;
}

const COLUMNS = 'id, login, name, role, status, status_reason, status_since, acw_until, updated_at';

function toAgent(row: AgentRow): Agent {
  return {
    id: row.id,
    login: row.login,
    name: row.name,
    role: row.role,
    status: row.status,
    updatedAt: row.updated_at,
    statusReason: row.status_reason,
    statusSince: row.status_since,
    acwUntil: row.acw_until,
  };
}

interface EventRow {
  seq: number;
  agent_id: string;
  status: AgentStatus;
  reason: string | null;
  started_at: number;
}

function toEvent(row: EventRow): AgentStatusEvent {
  return { seq: row.seq, agentId: row.agent_id, status: row.status, reason: row.reason, startedAt: row.started_at };
}

function statusChanged(a: Agent, b: Agent): boolean {
  return a.status !== b.status || (a.statusReason ?? null) !== (b.statusReason ?? null);
}

/**
 * The stored shape of an agent: a reason only while not ready, an end of after-call work only
 * during it, and `statusSince` kept while the status (and reason) stay the same.
 */
function normalized(
  agent: Agent,
  previous: Agent | null,
  now: number,
): Agent & { statusReason: string | null; statusSince: number; acwUntil: number | null } {
  const statusReason = agent.status === 'not_ready' ? (agent.statusReason ?? null) : null;
  const acwUntil = agent.status === 'after_call_work' ? (agent.acwUntil ?? null) : null;
  const next = { ...agent, statusReason, acwUntil };
  let statusSince: number;
  if (!previous) statusSince = agent.statusSince ?? now;
  else if (statusChanged(previous, next)) statusSince = now;
  else statusSince = previous.statusSince ?? now;
  return { ...next, statusSince };
}

export class AgentsRepo {
  private readonly insertStmt;
  private readonly updateStmt;
  private readonly byIdStmt;
  private readonly credentialsStmt;
  private readonly countStmt;
  private readonly idsStmt;
  private readonly addEventStmt;
  private readonly eventsStmt;
  private readonly lastBeforeStmt;
  private readonly acwDueStmt;
  private readonly accountStmt;
  private readonly setHashStmt;
  private readonly upgradeHashStmt;
  private readonly setDisabledStmt;
  private readonly enabledAdminsStmt;

  constructor(db: Database) {
    this.insertStmt = db.prepare(
      `INSERT INTO agents (id, login, name, role, status, status_reason, status_since, acw_until, password_hash,
                           created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.updateStmt = db.prepare(
      `UPDATE agents SET name = ?, role = ?, status = ?, status_reason = ?, status_since = ?, acw_until = ?,
         updated_at = ? WHERE id = ?`,
    );
    this.addEventStmt = db.prepare(
      'INSERT INTO agent_status_events (agent_id, status, reason, started_at) VALUES (?, ?, ?, ?)',
    );
    this.eventsStmt = db.prepare(
      `SELECT seq, agent_id, status, reason, started_at FROM agent_status_events
       WHERE started_at >= ? AND started_at < ? ORDER BY started_at, seq`,
    );
    this.lastBeforeStmt = db.prepare(
      `SELECT e.seq, e.agent_id, e.status, e.reason, e.started_at FROM agent_status_events e
       WHERE e.seq = (SELECT seq FROM agent_status_events WHERE agent_id = e.agent_id AND started_at < ?
                      ORDER BY started_at DESC, seq DESC LIMIT 1)`,
    );
    this.byIdStmt = db.prepare(`SELECT ${COLUMNS} FROM agents WHERE id = ?`);
    this.credentialsStmt = db.prepare(`SELECT ${COLUMNS}, password_hash, disabled_at FROM agents WHERE login = ?`);
    this.accountStmt = db.prepare(
      `SELECT disabled_at AS disabledAt, disabled_by AS disabledBy, password_changed_at AS passwordChangedAt
       FROM agents WHERE id = ?`,
    );
    this.setHashStmt = db.prepare('UPDATE agents SET password_hash = ?, password_changed_at = ? WHERE id = ?');
    // Only if nobody changed the password meanwhile: a rehash never undoes a new password.
    this.upgradeHashStmt = db.prepare('UPDATE agents SET password_hash = ? WHERE id = ? AND password_hash = ?');
    this.setDisabledStmt = db.prepare('UPDATE agents SET disabled_at = ?, disabled_by = ? WHERE id = ?');
    this.enabledAdminsStmt = db.prepare(
      "SELECT count(*) AS n FROM agents WHERE role = 'admin' AND disabled_at IS NULL",
    );
    this.countStmt = db.prepare('SELECT count(*) AS n FROM agents');
    this.idsStmt = db.prepare('SELECT id FROM agents ORDER BY created_at, id');
    this.acwDueStmt = db.prepare(
      `SELECT ${COLUMNS} FROM agents WHERE status = 'after_call_work' AND acw_until IS NOT NULL AND acw_until <= ?`,
    );
  }

  create(tx: Tx, agent: Agent, passwordHash: string): void {
    const stored = normalized(agent, null, agent.updatedAt);
    this.insertStmt.run(
      stored.id,
      stored.login,
      stored.name,
      stored.role,
      stored.status,
      stored.statusReason,
      stored.statusSince,
      stored.acwUntil,
      passwordHash,
      stored.updatedAt,
      stored.updatedAt,
    );
    this.addEventStmt.run(stored.id, stored.status, stored.statusReason, stored.statusSince);
    tx.record('agent', stored);
  }

  /**
   * Saves the agent; a new status or reason starts a new `statusSince` and is logged as a status
   * event (one place, so no caller can change a status without it being recorded).
   */
  update(tx: Tx, agent: Agent): Agent {
    const previous = this.byId(agent.id);
    const stored = normalized(agent, previous, tx.now);
    this.updateStmt.run(
      stored.name,
      stored.role,
      stored.status,
      stored.statusReason,
      stored.statusSince,
      stored.acwUntil,
      stored.updatedAt,
      stored.id,
    );
    if (!previous || statusChanged(previous, stored)) {
      this.addEventStmt.run(stored.id, stored.status, stored.statusReason, stored.statusSince);
    }
    tx.record('agent', stored);
    return stored;
  }

  /** Agents whose after-call work has run out by `now`. */
  afterCallWorkDue(now: number): Agent[] {
    return (this.acwDueStmt.all(now) as AgentRow[]).map(toAgent);
  }

  /** Status events that started in [from, to), oldest first (for time in status). */
  statusEvents(from: number, to: number): AgentStatusEvent[] {
    return (this.eventsStmt.all(from, to) as EventRow[]).map(toEvent);
  }

  /** Each agent's status at `at` (its last event before it): the state a period starts in. */
  statusesAt(at: number): AgentStatusEvent[] {
    return (this.lastBeforeStmt.all(at) as EventRow[]).map(toEvent);
  }

  byId(id: string): Agent | null {
    const row = this.byIdStmt.get(id) as AgentRow | undefined;
    return row ? toAgent(row) : null;
  }

  /** Logins compare case-insensitively (the column is NOCASE). */
  credentials(login: string): AgentCredentials | null {
    const row = this.credentialsStmt.get(login) as
      (AgentRow & { password_hash: string; disabled_at: number | null }) | undefined;
    return row ? { agent: toAgent(row), passwordHash: row.password_hash, disabledAt: row.disabled_at } : null;
  }

  account(id: string): AccountState | null {
    return (this.accountStmt.get(id) as AccountState | undefined) ?? null;
  }

  /** A new password (changed by its agent or set by an administrator). */
  setPasswordHash(id: string, passwordHash: string, at: number): void {
    this.setHashStmt.run(passwordHash, at, id);
  }

  /** The same password hashed at today's cost, unless the stored hash changed meanwhile; true when saved. */
  upgradePasswordHash(id: string, previousHash: string, passwordHash: string): boolean {
    return this.upgradeHashStmt.run(passwordHash, id, previousHash).changes === 1;
  }

  /** Disables (`at` set) or re-enables (`at` null) the account. */
  setDisabled(id: string, at: number | null, by: string | null): void {
    this.setDisabledStmt.run(at, by, id);
  }

  /** Administrators who can still sign in (the last one may not be disabled). */
  enabledAdmins(): number {
    return (this.enabledAdminsStmt.get() as { n: number }).n;
  }

  /** Every agent's id, oldest first. */
  ids(): string[] {
    return (this.idsStmt.all() as { id: string }[]).map((row) => row.id);
  }

  count(): number {
    return (this.countStmt.get() as { n: number }).n;
  }
}
