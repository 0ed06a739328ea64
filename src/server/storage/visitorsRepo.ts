import type { Database } from './database.js';

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
  private readonly uploadedStmt;
  private readonly expiredStmt;
  private readonly removeStmt;
  private readonly countStmt;

  constructor(private readonly db: Database) {
    this.insertStmt = db.prepare('INSERT INTO visitors (token_hash, customer_id, created_at) VALUES (?, NULL, ?)');
    this.getStmt = db.prepare(
      'SELECT token_hash AS tokenHash, customer_id AS customerId FROM visitors WHERE token_hash = ?',
    );
    this.linkStmt = db.prepare('UPDATE visitors SET customer_id = ? WHERE token_hash = ?');
    this.byCustomerStmt = db.prepare('SELECT token_hash AS tokenHash FROM visitors WHERE customer_id = ?');
    // The files a customer sent from the widget since a time: their web-chat messages' attachments.
    this.uploadedStmt = db.prepare(`
      SELECT COALESCE(SUM(a.size), 0) AS bytes
      FROM threads t
      JOIN messages m ON m.thread_id = t.id AND m.created_at >= ? AND m.direction = 'in'
      JOIN attachments a ON a.message_id = m.id
      WHERE t.customer_id = ? AND t.channel = 'webchat'`);
    // Never wrote and made before `silentBefore`; or wrote, has no open web chat, and nothing was said since `idleBefore`.
    this.expiredStmt = db.prepare(`
      SELECT v.token_hash AS tokenHash FROM visitors v
      WHERE (v.customer_id IS NULL AND v.created_at < ?)
         OR (v.customer_id IS NOT NULL AND v.created_at < ? AND NOT EXISTS (
              SELECT 1 FROM threads t
              WHERE t.customer_id = v.customer_id AND t.channel = 'webchat'
                AND (t.status = 'open' OR t.last_message_at >= ?)))
      LIMIT ?`);
    this.removeStmt = db.prepare('DELETE FROM visitors WHERE token_hash = ?');
    this.countStmt = db.prepare('SELECT count(*) AS n FROM visitors');
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

  /** Bytes of files the customer sent from the widget since `since` (their daily upload quota). */
  uploadedBytesSince(customerId: string, since: number): number {
    return (this.uploadedStmt.get(since, customerId) as { bytes: number }).bytes;
  }

  /** Up to `limit` visitors past their time (see VisitorSweeper). */
  expired(silentBefore: number, idleBefore: number, limit: number): string[] {
    return (this.expiredStmt.all(silentBefore, idleBefore, idleBefore, limit) as { tokenHash: string }[]).map(
      (r) => r.tokenHash,
    );
  }

  /** Removes visitors in one transaction; the customers and their conversations stay. */
  remove(tokenHashes: readonly string[]): void {
    this.db.transaction(() => {
      for (const tokenHash of tokenHashes) this.removeStmt.run(tokenHash);
    })();
  }

  count(): number {
    return (this.countStmt.get() as { n: number }).n;
  }
}
