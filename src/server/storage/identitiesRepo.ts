import type { IdentityKind } from '../gateways/gateway.js';
import type { Database } from './database.js';

export interface Identity {
  kind: IdentityKind;
  value: string;
  customerId: string;
  createdAt: number;
}

/** How each customer is known on each channel: one (kind, value) belongs to one customer. */
export class IdentitiesRepo {
  private readonly findStmt;
  private readonly ofStmt;
  private readonly linkStmt;
  private readonly unlinkStmt;

  constructor(db: Database) {
    this.findStmt = db.prepare(
      'SELECT kind, value, customer_id AS customerId, created_at AS createdAt FROM customer_identities WHERE kind = ? AND value = ?',
    );
    this.ofStmt = db.prepare(
      `SELECT kind, value, customer_id AS customerId, created_at AS createdAt FROM customer_identities
       WHERE customer_id = ? ORDER BY kind, value`,
    );
    this.linkStmt = db.prepare(
      `INSERT INTO customer_identities (kind, value, customer_id, created_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (kind, value) DO UPDATE SET customer_id = excluded.customer_id`,
    );
    this.unlinkStmt = db.prepare('DELETE FROM customer_identities WHERE kind = ? AND value = ? AND customer_id = ?');
  }

  find(kind: IdentityKind, value: string): Identity | null {
    return (this.findStmt.get(kind, value) as Identity | undefined) ?? null;
  }

  of(customerId: string): Identity[] {
    return this.ofStmt.all(customerId) as Identity[];
  }

  /** Binds the identity to the customer, moving it from whoever had it. */
  link(kind: IdentityKind, value: string, customerId: string, now: number): void {
    this.linkStmt.run(kind, value, customerId, now);
  }

  unlink(kind: IdentityKind, value: string, customerId: string): boolean {
    return this.unlinkStmt.run(kind, value, customerId).changes > 0;
  }
}
