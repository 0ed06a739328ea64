import type { ErrorInfo } from '../../shared/errors.js';
import type { EntityRef } from './changeLog.js';
import type { Database } from './database.js';

export interface AppliedMutation {
  agentId: string;
  outcome: 'applied' | 'rejected';
  error: Pick<ErrorInfo, 'code' | 'message'> | null;
  touched: EntityRef[];
}

interface Row {
  agent_id: string;
  outcome: 'applied' | 'rejected';
  error_json: string | null;
  touched_json: string;
}

/** Every mutation id the hub has seen, so each is applied at most once. */
export class MutationsRepo {
  private readonly insertStmt;
  private readonly getStmt;

  constructor(db: Database) {
    this.insertStmt = db.prepare(
      'INSERT INTO applied_mutations (id, agent_id, outcome, error_json, touched_json, applied_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.getStmt = db.prepare('SELECT agent_id, outcome, error_json, touched_json FROM applied_mutations WHERE id = ?');
  }

  insert(id: string, entry: AppliedMutation, now: number): void {
    this.insertStmt.run(
      id,
      entry.agentId,
      entry.outcome,
      entry.error ? JSON.stringify(entry.error) : null,
      JSON.stringify(entry.touched),
      now,
    );
  }

  get(id: string): AppliedMutation | null {
    const row = this.getStmt.get(id) as Row | undefined;
    if (!row) return null;
    return {
      agentId: row.agent_id,
      outcome: row.outcome,
      error: row.error_json ? (JSON.parse(row.error_json) as AppliedMutation['error']) : null,
      touched: JSON.parse(row.touched_json) as EntityRef[],
    };
  }
}
