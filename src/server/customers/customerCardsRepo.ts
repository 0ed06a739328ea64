/** The SQL behind customer cards: identities, history, and what a merge moves. */
import type { CustomerIdentity } from '../../shared/domain.js';
import type { HistoryEntry } from '../../shared/customers/customerCard.js';
import type { Database } from '../storage/database.js';

interface HistoryRow {
  id: string;
  customer_id: string;
  kind: HistoryEntry['kind'];
  field: string | null;
  old_value: string | null;
  new_value: string | null;
  agent_name: string | null;
  created_at: number;
}

export type NewHistoryEntry = Omit<HistoryEntry, 'agentName'> & { agentId: string | null };

export class CustomerCardsRepo {
  private readonly ownerStmt;
  private readonly linkStmt;
  private readonly unlinkStmt;
  private readonly moveIdentitiesStmt;
  private readonly moveVisitorsStmt;
  private readonly moveHistoryStmt;
  private readonly repointMergedStmt;
  private readonly threadIdsStmt;
  private readonly setThreadCustomerStmt;
  private readonly addHistoryStmt;
  private readonly historyStmt;
  private readonly lastEditorStmt;

  constructor(db: Database) {
    this.ownerStmt = db.prepare('SELECT customer_id AS id FROM customer_identities WHERE kind = ? AND value = ?');
    this.linkStmt = db.prepare(
      `INSERT INTO customer_identities (kind, value, customer_id, created_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (kind, value) DO UPDATE SET customer_id = excluded.customer_id`,
    );
    this.unlinkStmt = db.prepare('DELETE FROM customer_identities WHERE kind = ? AND value = ? AND customer_id = ?');
    this.moveIdentitiesStmt = db.prepare('UPDATE customer_identities SET customer_id = ? WHERE customer_id = ?');
    this.moveVisitorsStmt = db.prepare('UPDATE visitors SET customer_id = ? WHERE customer_id = ?');
    this.moveHistoryStmt = db.prepare('UPDATE customer_history SET customer_id = ? WHERE customer_id = ?');
    this.repointMergedStmt = db.prepare('UPDATE customers SET merged_into = ? WHERE merged_into = ?');
    this.threadIdsStmt = db.prepare('SELECT id FROM threads WHERE customer_id = ?');
    this.setThreadCustomerStmt = db.prepare('UPDATE threads SET customer_id = ?, updated_at = ? WHERE id = ?');
    this.addHistoryStmt = db.prepare(
      `INSERT INTO customer_history (id, customer_id, kind, field, old_value, new_value, agent_id, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.historyStmt = db.prepare(
      `SELECT h.*, a.name AS agent_name FROM customer_history h LEFT JOIN agents a ON a.id = h.agent_id
       WHERE h.customer_id = ? ORDER BY h.created_at DESC, h.id DESC LIMIT ?`,
    );
    this.lastEditorStmt = db.prepare(
      `SELECT a.name AS name FROM customer_history h JOIN agents a ON a.id = h.agent_id
       WHERE h.customer_id = ? AND h.kind = 'edited' AND h.field = ? ORDER BY h.created_at DESC, h.id DESC LIMIT 1`,
    );
  }

  ownerOf(identity: CustomerIdentity): string | null {
    return (this.ownerStmt.get(identity.kind, identity.value) as { id: string } | undefined)?.id ?? null;
  }

  link(identity: CustomerIdentity, customerId: string, now: number): void {
    this.linkStmt.run(identity.kind, identity.value, customerId, now);
  }

  unlink(identity: CustomerIdentity, customerId: string): boolean {
    return this.unlinkStmt.run(identity.kind, identity.value, customerId).changes > 0;
  }

  /** Moves identities, web-chat visitors, history and earlier merges from one customer to another. */
  moveAll(fromId: string, toId: string): void {
    this.moveIdentitiesStmt.run(toId, fromId);
    this.moveVisitorsStmt.run(toId, fromId);
    this.moveHistoryStmt.run(toId, fromId);
    this.repointMergedStmt.run(toId, fromId);
  }

  threadIdsOf(customerId: string): string[] {
    return (this.threadIdsStmt.all(customerId) as { id: string }[]).map((r) => r.id);
  }

  setThreadCustomer(threadId: string, customerId: string, now: number): void {
    this.setThreadCustomerStmt.run(customerId, now, threadId);
  }

  addHistory(entry: NewHistoryEntry): void {
    const e = entry;
    this.addHistoryStmt.run(e.id, e.customerId, e.kind, e.field, e.oldValue, e.newValue, e.agentId, e.createdAt);
  }

  history(customerId: string, limit: number): HistoryEntry[] {
    return (this.historyStmt.all(customerId, limit) as HistoryRow[]).map((r) => ({
      id: r.id,
      customerId: r.customer_id,
      kind: r.kind,
      field: r.field,
      oldValue: r.old_value,
      newValue: r.new_value,
      agentName: r.agent_name,
      createdAt: r.created_at,
    }));
  }

  /** Who last edited the field, for telling a losing agent whose value stands. */
  lastEditor(customerId: string, field: string): string | null {
    return (this.lastEditorStmt.get(customerId, field) as { name: string } | undefined)?.name ?? null;
  }
}
