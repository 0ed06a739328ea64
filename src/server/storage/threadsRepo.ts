import type { Channel, Thread, ThreadStatus } from '../../shared/domain.js';
import type { Database } from './database.js';
import type { Tx } from './writer.js';

interface ThreadRow {
  id: string;
  number: number;
  channel: Channel;
  status: ThreadStatus;
  customer_id: string;
  assignee_id: string | null;
  subject: string;
  sla_due_at: number | null;
  last_message_at: number;
  last_message_preview: string;
  created_at: number;
  updated_at: number;
}

function toThread(row: ThreadRow): Thread {
  return {
    id: row.id,
    number: row.number,
    channel: row.channel,
    status: row.status,
    customerId: row.customer_id,
    assigneeId: row.assignee_id,
    subject: row.subject,
    slaDueAt: row.sla_due_at,
    lastMessageAt: row.last_message_at,
    lastMessagePreview: row.last_message_preview,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export class ThreadsRepo {
  private readonly upsertStmt;
  private readonly byIdStmt;
  private readonly latestStmt;
  private readonly nextNumberStmt;
  private readonly routingFactsStmt;

  constructor(db: Database) {
    this.routingFactsStmt = db.prepare('SELECT topic, group_id FROM thread_routing WHERE thread_id = ?');
    this.upsertStmt = db.prepare(
      `INSERT INTO threads (id, number, channel, status, customer_id, assignee_id, subject, sla_due_at,
         last_message_at, last_message_preview, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET status = excluded.status, assignee_id = excluded.assignee_id,
         subject = excluded.subject, sla_due_at = excluded.sla_due_at, last_message_at = excluded.last_message_at,
         last_message_preview = excluded.last_message_preview, updated_at = excluded.updated_at`,
    );
    this.byIdStmt = db.prepare('SELECT * FROM threads WHERE id = ?');
    this.latestStmt = db.prepare(
      'SELECT * FROM threads WHERE customer_id = ? AND channel = ? ORDER BY created_at DESC, number DESC LIMIT 1',
    );
    this.nextNumberStmt = db.prepare('SELECT coalesce(max(number), 0) + 1 AS n FROM threads');
  }

  save(tx: Tx, thread: Thread): void {
    this.upsertStmt.run(
      thread.id,
      thread.number,
      thread.channel,
      thread.status,
      thread.customerId,
      thread.assigneeId,
      thread.subject,
      thread.slaDueAt,
      thread.lastMessageAt,
      thread.lastMessagePreview,
      thread.createdAt,
      thread.updatedAt,
    );
    // The synced thread carries its routing facts (topic, group) for the app's queue views;
    // callers save a thread's routing before the thread, so the change has the current ones.
    const facts = this.routingFactsStmt.get(thread.id) as { topic: string | null; group_id: string | null } | undefined;
    tx.record('thread', { ...thread, topic: facts?.topic ?? null, groupId: facts?.group_id ?? null });
  }

  byId(id: string): Thread | null {
    const row = this.byIdStmt.get(id) as ThreadRow | undefined;
    return row ? toThread(row) : null;
  }

  /** The customer's most recent thread on a channel, open or closed. */
  latestOf(customerId: string, channel: Channel): Thread | null {
    const row = this.latestStmt.get(customerId, channel) as ThreadRow | undefined;
    return row ? toThread(row) : null;
  }

  /** Call inside the transaction that saves the thread, so two threads cannot take one number. */
  nextNumber(): number {
    return (this.nextNumberStmt.get() as { n: number }).n;
  }
}
