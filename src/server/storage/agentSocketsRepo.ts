/**
 * How many live sockets each agent has on each hub instance, and since when it last changed. A row
 * with no sockets left says when the agent went; rows of an instance that stopped being seen are
 * closed by whoever sweeps, so an agent whose instance died is gone from then on (decision 0052).
 */
import type { Database } from './database.js';

export class AgentSocketsRepo {
  private readonly openedStmt;
  private readonly closedStmt;
  private readonly closeInstanceStmt;
  private readonly closeDeadStmt;
  private readonly connectedStmt;
  private readonly goneStmt;
  private readonly forgetStmt;

  constructor(db: Database) {
    this.openedStmt = db.prepare(
      `INSERT INTO agent_sockets (agent_id, instance_id, sockets, changed_at) VALUES (?, ?, 1, ?)
       ON CONFLICT (agent_id, instance_id) DO UPDATE
         SET sockets = agent_sockets.sockets + 1, changed_at = excluded.changed_at`,
    );
    this.closedStmt = db.prepare(
      `UPDATE agent_sockets SET sockets = CASE WHEN sockets > 1 THEN sockets - 1 ELSE 0 END, changed_at = ?
        WHERE agent_id = ? AND instance_id = ?`,
    );
    this.closeInstanceStmt = db.prepare(
      'UPDATE agent_sockets SET sockets = 0, changed_at = ? WHERE instance_id = ? AND sockets > 0',
    );
    // An instance not seen since `aliveSince` is dead; this one is alive even when it runs alone
    // (a hub alone is not in hub_instances).
    this.closeDeadStmt = db.prepare(
      `UPDATE agent_sockets SET sockets = 0, changed_at = ?
        WHERE sockets > 0 AND instance_id <> ?
          AND instance_id NOT IN (SELECT id FROM hub_instances WHERE seen_at >= ?)`,
    );
    this.connectedStmt = db.prepare('SELECT 1 AS yes FROM agent_sockets WHERE agent_id = ? AND sockets > 0 LIMIT 1');
    this.goneStmt = db.prepare(
      `SELECT s.agent_id AS agentId FROM agent_sockets s JOIN agents a ON a.id = s.agent_id
        WHERE a.status <> 'offline'
        GROUP BY s.agent_id
       HAVING max(s.sockets) = 0 AND max(s.changed_at) < ?
        ORDER BY s.agent_id`,
    );
    this.forgetStmt = db.prepare(
      `DELETE FROM agent_sockets WHERE sockets = 0 AND changed_at < ?
          AND (agent_id IN (SELECT id FROM agents WHERE status = 'offline')
               OR agent_id IN (SELECT agent_id FROM agent_sockets WHERE sockets > 0))`,
    );
  }

  opened(agentId: string, instanceId: string, at: number): void {
    this.openedStmt.run(agentId, instanceId, at);
  }

  closed(agentId: string, instanceId: string, at: number): void {
    this.closedStmt.run(at, agentId, instanceId);
  }

  /** Every socket this instance had is gone: it just started, so none of them survived its last run. */
  closeInstance(instanceId: string, at: number): void {
    this.closeInstanceStmt.run(at, instanceId);
  }

  /** Closes the sockets of instances not seen since `aliveSince` (other than `self`); the agents went at `at`. */
  closeDead(self: string, aliveSince: number, at: number): number {
    return this.closeDeadStmt.run(at, self, aliveSince).changes;
  }

  /** Whether the agent has a live socket on any instance. */
  connected(agentId: string): boolean {
    return this.connectedStmt.get(agentId) !== undefined;
  }

  /** Agents not offline whose every socket closed before `before`. */
  goneBefore(before: number): string[] {
    return (this.goneStmt.all(before) as { agentId: string }[]).map((row) => row.agentId);
  }

  /** Drops closed rows older than `before` that say nothing any more: the agent is offline or connected elsewhere. */
  forget(before: number): void {
    this.forgetStmt.run(before);
  }
}
