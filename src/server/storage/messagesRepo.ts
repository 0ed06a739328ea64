import type { DeliveryStatus, Message, MessageAuthor, MessageDirection } from '../../shared/domain.js';
import type { Database } from './database.js';
import type { Tx } from './writer.js';

interface MessageRow {
  id: string;
  thread_id: string;
  direction: MessageDirection;
  author_kind: MessageAuthor['kind'];
  author_id: string | null;
  author_name: string;
  text: string;
  status: DeliveryStatus;
  created_at: number;
}

function toMessage(row: MessageRow): Message {
  return {
    id: row.id,
    threadId: row.thread_id,
    direction: row.direction,
    author: { kind: row.author_kind, id: row.author_id, name: row.author_name },
    text: row.text,
    status: row.status,
    createdAt: row.created_at,
  };
}

export class MessagesRepo {
  private readonly insertStmt;
  private readonly byIdStmt;
  private readonly recentStmt;
  private readonly olderStmt;
  private readonly countStmt;

  constructor(db: Database) {
    this.insertStmt = db.prepare(
      `INSERT INTO messages (id, thread_id, direction, author_kind, author_id, author_name, text, status, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.byIdStmt = db.prepare('SELECT * FROM messages WHERE id = ?');
    // The newest `limit` messages, returned oldest first.
    this.recentStmt = db.prepare(
      `SELECT * FROM (SELECT * FROM messages WHERE thread_id = ? ORDER BY created_at DESC, id DESC LIMIT ?)
       ORDER BY created_at, id`,
    );
    this.countStmt = db.prepare('SELECT count(*) AS n FROM messages');
    this.olderStmt = db.prepare(
      'SELECT * FROM messages WHERE thread_id = ? AND created_at < ? ORDER BY created_at DESC, id DESC LIMIT ?',
    );
  }

  insert(tx: Tx, message: Message): void {
    this.insertStmt.run(
      message.id,
      message.threadId,
      message.direction,
      message.author.kind,
      message.author.id,
      message.author.name,
      message.text,
      message.status,
      message.createdAt,
    );
    tx.record('message', message);
  }

  byId(id: string): Message | null {
    const row = this.byIdStmt.get(id) as MessageRow | undefined;
    return row ? toMessage(row) : null;
  }

  /** Up to `limit` messages before `before` (exclusive; all when omitted), oldest first, and whether older ones exist. */
  pageOf(threadId: string, before: number | undefined, limit: number): { messages: Message[]; hasMore: boolean } {
    const rows = (this.olderStmt.all(threadId, before ?? Number.MAX_SAFE_INTEGER, limit + 1) as MessageRow[]).map(
      toMessage,
    );
    return { messages: rows.slice(0, limit).reverse(), hasMore: rows.length > limit };
  }

  recentOf(threadId: string, limit: number): Message[] {
    return (this.recentStmt.all(threadId, limit) as MessageRow[]).map(toMessage);
  }

  count(): number {
    return (this.countStmt.get() as { n: number }).n;
  }
}
