/**
 * The customer desk's audit (decision 0031): every identification attempt, every opening of
 * commercial data and every export of customer data — who, when, which customer, from which contact.
 * Append-only: nothing here updates or deletes a row.
 */
import { uuidv7 } from '../../shared/ids.js';
import type { Database } from './database.js';

export interface AuditEntry {
  agentId: string;
  /** What happened, e.g. `identification.attempt`, `commercial.opened`, `customers.exported`. */
  action: string;
  customerId?: string | null;
  /** The contact (thread) it happened in, when there is one. */
  threadId?: string | null;
  /** Facts that make the row readable on its own (never a card number, code word or full document). */
  detail?: Record<string, string | number | boolean | null>;
}

export interface AuditRow {
  id: string;
  at: number;
  agentId: string;
  action: string;
  customerId: string | null;
  threadId: string | null;
  detail: Record<string, string | number | boolean | null>;
}

export interface AuditQuery {
  from: number;
  to: number;
  customerId?: string;
  agentId?: string;
  limit: number;
}

interface StoredRow {
  id: string;
  at: number;
  agent_id: string;
  action: string;
  customer_id: string | null;
  thread_id: string | null;
  detail: string;
}

export class DeskAuditRepo {
  private readonly insertStmt;
  private readonly rangeStmt;

  constructor(db: Database) {
    this.insertStmt = db.prepare(
      'INSERT INTO desk_audit (id, at, agent_id, action, customer_id, thread_id, detail) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.rangeStmt = db.prepare(
      `SELECT * FROM desk_audit WHERE at >= ? AND at < ? AND (? IS NULL OR customer_id = ?) AND (? IS NULL OR agent_id = ?)
       ORDER BY at DESC, id DESC LIMIT ?`,
    );
  }

  record(entry: AuditEntry, at: number): AuditRow {
    const row: AuditRow = {
      id: uuidv7(at),
      at,
      agentId: entry.agentId,
      action: entry.action,
      customerId: entry.customerId ?? null,
      threadId: entry.threadId ?? null,
      detail: entry.detail ?? {},
    };
    this.insertStmt.run(row.id, at, row.agentId, row.action, row.customerId, row.threadId, JSON.stringify(row.detail));
    return row;
  }

  /** Newest first. */
  list(query: AuditQuery): AuditRow[] {
    const customer = query.customerId ?? null;
    const agent = query.agentId ?? null;
    return (this.rangeStmt.all(query.from, query.to, customer, customer, agent, agent, query.limit) as StoredRow[]).map(
      (row) => ({
        id: row.id,
        at: row.at,
        agentId: row.agent_id,
        action: row.action,
        customerId: row.customer_id,
        threadId: row.thread_id,
        detail: JSON.parse(row.detail) as AuditRow['detail'],
      }),
    );
  }
}
