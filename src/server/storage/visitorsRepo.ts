import type { Database } from './sqlite.js';

export interface Visitor {
  tokenHash: string;
  customerId: string | null;
}

/** Web-chat visitors, keyed by the sha256 of the secret their browser keeps. */
export class VisitorsRepo {
  private readonly insertStmt;
  private readonly getStmt;
  private readonly linkStmt;
  private readonly byCustomerStmt;

  constructor(db: Database) {
    this.insertStmt = db.prepare('INSERT INTO visitors (token_hash, customer_id, created_at) VALUES (?, NULL, ?)');
    this.getStmt = db.prepare(
      'SELECT token_hash AS tokenHash, customer_id AS customerId FROM visitors WHERE token_hash = ?',
    );
    this.linkStmt = db.prepare('UPDATE visitors SET customer_id = ? WHERE token_hash = ?');
    this.byCustomerStmt = db.prepare('SELECT token_hash AS tokenHash FROM visitors WHERE customer_id = ?');
  }

  insert(tokenHash: string, now: number): void {
    this.insertStmt.run(tokenHash, now);
  }

  get(tokenHash: string): Visitor | null {
    return (this.getStmt.get(tokenHash) as Visitor | undefined) ?? null;
  }

  link(tokenHash: string, customerId: string): void {
    this.linkStmt.run(customerId, tokenHash);
  }

  tokenHashesOf(customerId: string): string[] {
    return (this.byCustomerStmt.all(customerId) as { tokenHash: string }[]).map((r) => r.tokenHash);
  }
}
