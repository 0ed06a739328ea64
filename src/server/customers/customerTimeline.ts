/** A customer's history across every channel: their threads, and their messages newest first. */
import {
  pageOfRows,
  parseCursor,
  type TimelineItemRow,
  type TimelinePage,
  type TimelineThread,
} from '../../shared/customers/customerTimeline.js';
import type { Database } from '../storage/database.js';

const NO_CURSOR = { at: Number.MAX_SAFE_INTEGER, id: '~' };

export class CustomerTimeline {
  private readonly threadsStmt;
  private readonly itemsStmt;

  constructor(db: Database) {
    this.threadsStmt = db.prepare(
      `SELECT id, number, channel, status, subject, last_message_at AS lastMessageAt FROM threads
       WHERE customer_id = ? ORDER BY last_message_at DESC, number DESC`,
    );
    // Row-value comparison keeps pages stable when two messages share a millisecond.
    this.itemsStmt = db.prepare(
      `SELECT m.id, m.thread_id, t.number, t.channel, m.direction, m.author_kind, m.author_id, m.author_name,
              m.text, m.created_at
       FROM threads t JOIN messages m ON m.thread_id = t.id
       WHERE t.customer_id = ? AND (m.created_at, m.id) < (?, ?)
       ORDER BY m.created_at DESC, m.id DESC LIMIT ?`,
    );
  }

  page(customerId: string, before: string | undefined, limit: number): TimelinePage {
    const cursor = parseCursor(before) ?? NO_CURSOR;
    const rows = this.itemsStmt.all(customerId, cursor.at, cursor.id, limit + 1) as TimelineItemRow[];
    const { items, nextBefore } = pageOfRows(rows, limit);
    return { customerId, threads: this.threadsStmt.all(customerId) as TimelineThread[], items, nextBefore };
  }
}
