import type { Database } from './database.js';

export interface SessionRow {
  agentId: string;
  createdAt: number;
  lastSeenAt: number;
}

/** Sessions are keyed by the sha256 of the bearer token; the token itself is never stored. */
export class SessionsRepo {
  private readonly insertStmt;
  private readonly getStmt;
  private readonly touchStmt;
  private readonly deleteStmt;
  private readonly deleteAgentStmt;
  private readonly deleteCreatedBeforeStmt;
  private readonly existingStmt;

  constructor(db: Database) {
    this.insertStmt = db.prepare(
      'INSERT INTO sessions (token_hash, agent_id, created_at, last_seen_at) VALUES (?, ?, ?, ?)',
    );
    this.getStmt = db.prepare(
      'SELECT agent_id AS agentId, created_at AS createdAt, last_seen_at AS lastSeenAt FROM sessions WHERE token_hash = ?',
    );
    this.touchStmt = db.prepare('UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?');
    this.deleteStmt = db.prepare('DELETE FROM sessions WHERE token_hash = ?');
    this.deleteAgentStmt = db.prepare('DELETE FROM sessions WHERE agent_id = ? AND token_hash IS NOT ?');
    this.deleteCreatedBeforeStmt = db.prepare('DELETE FROM sessions WHERE created_at < ?');
    this.existingStmt = db.prepare(
      'SELECT token_hash AS tokenHash FROM sessions WHERE token_hash IN (SELECT value FROM json_each(?))',
    );
  }

  insert(tokenHash: string, agentId: string, now: number): void {
    this.insertStmt.run(tokenHash, agentId, now, now);
  }

  get(tokenHash: string): SessionRow | null {
    return (this.getStmt.get(tokenHash) as SessionRow | undefined) ?? null;
  }

  touch(tokenHash: string, now: number): void {
    this.touchStmt.run(now, tokenHash);
  }

  /** True when there was such a session. */
  delete(tokenHash: string): boolean {
    return this.deleteStmt.run(tokenHash).changes === 1;
  }

  /** Ends every session of the agent but `keep` (the one that asked); returns how many ended. */
  deleteForAgent(agentId: string, keep: string | null = null): number {
    return this.deleteAgentStmt.run(agentId, keep).changes;
  }

  /** Drops sessions past their lifetime (made before `createdBefore`); returns how many. */
  deleteCreatedBefore(createdBefore: number): number {
    return this.deleteCreatedBeforeStmt.run(createdBefore).changes;
  }

  /** Which of these sessions still exist (one query for all of them). */
  existing(tokenHashes: readonly string[]): Set<string> {
    const rows = this.existingStmt.all(JSON.stringify(tokenHashes)) as { tokenHash: string }[];
    return new Set(rows.map((row) => row.tokenHash));
  }
}
