import type { Database } from './sqlite.js';

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

  constructor(db: Database) {
    this.insertStmt = db.prepare(
      'INSERT INTO sessions (token_hash, agent_id, created_at, last_seen_at) VALUES (?, ?, ?, ?)',
    );
    this.getStmt = db.prepare(
      'SELECT agent_id AS agentId, created_at AS createdAt, last_seen_at AS lastSeenAt FROM sessions WHERE token_hash = ?',
    );
    this.touchStmt = db.prepare('UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?');
    this.deleteStmt = db.prepare('DELETE FROM sessions WHERE token_hash = ?');
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

  delete(tokenHash: string): void {
    this.deleteStmt.run(tokenHash);
  }
}
