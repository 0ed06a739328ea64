/**
 * Reads the contacts offered in [from, to) from the hub's database in one pass: a row per thread
 * with the few facts contactFromHistory needs, computed by SQLite from messages and thread events.
 */
import type { Channel } from '../../shared/domain.js';
import type { ContactRecord } from '../../shared/stats/contact.js';
import type { Database } from '../storage/sqlite.js';
import { contactFromHistory, parseCallFacts } from './contactFromHistory.js';

interface Row {
  id: string;
  channel: Channel;
  assignee_id: string | null;
  group_id: string | null;
  first_in: number | null;
  closed_at: number | null;
  transfers: number;
  call_json: string | null;
  reply_at: number | null;
  reply_by: string | null;
  csat: unknown;
}

const contactsSql = (where: string) =>
  `WITH base AS (
         SELECT t.id, t.channel, t.assignee_id, r.group_id,
           (SELECT min(created_at) FROM messages WHERE thread_id = t.id AND author_kind = 'customer') AS first_in,
           (SELECT min(created_at) FROM thread_events WHERE thread_id = t.id AND kind = 'closed') AS closed_at,
           (SELECT count(*) FROM thread_events WHERE thread_id = t.id AND kind IN ('handed_over', 'escalated')) AS transfers,
           (SELECT data_json FROM thread_events WHERE thread_id = t.id AND kind = 'call' LIMIT 1) AS call_json,
           (SELECT json_extract(data_json, '$.score') FROM thread_events WHERE thread_id = t.id AND kind = 'csat'
              ORDER BY created_at DESC, rowid DESC LIMIT 1) AS csat
         FROM threads t LEFT JOIN thread_routing r ON r.thread_id = t.id
         WHERE ${where})
       SELECT base.*,
         (SELECT created_at FROM messages WHERE thread_id = base.id AND author_kind = 'agent'
            AND created_at >= base.first_in ORDER BY created_at, rowid LIMIT 1) AS reply_at,
         (SELECT author_id FROM messages WHERE thread_id = base.id AND author_kind = 'agent'
            AND created_at >= base.first_in ORDER BY created_at, rowid LIMIT 1) AS reply_by
       FROM base`;

export class ContactLoader {
  private readonly threadsStmt;
  private readonly byIdsStmt;

  constructor(db: Database) {
    this.threadsStmt = db.prepare(contactsSql('t.created_at >= ? AND t.created_at < ?'));
    this.byIdsStmt = db.prepare(contactsSql('t.id IN (SELECT value FROM json_each(?))'));
  }

  contacts(from: number, to: number): ContactRecord[] {
    return this.toContacts(this.threadsStmt.all(from, to) as Row[]);
  }

  /** The contacts of these threads (fewer where a thread is gone or not an offered contact). */
  contactsOf(threadIds: readonly string[]): ContactRecord[] {
    return threadIds.length === 0 ? [] : this.toContacts(this.byIdsStmt.all(JSON.stringify(threadIds)) as Row[]);
  }

  private toContacts(rows: Row[]): ContactRecord[] {
    const out: ContactRecord[] = [];
    for (const row of rows) {
      const contact = contactFromHistory({
        id: row.id,
        channel: row.channel,
        assigneeId: row.assignee_id,
        groupId: row.group_id,
        firstCustomerAt: row.first_in,
        firstAgentReplyAt: row.reply_at,
        firstAgentReplyBy: row.reply_by,
        closedAt: row.closed_at,
        transfers: row.transfers,
        call: parseCallFacts(row.call_json),
        csat: typeof row.csat === 'number' ? row.csat : null,
      });
      if (contact) out.push(contact);
    }
    return out;
  }
}
