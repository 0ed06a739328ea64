/**
 * The contacts of the hub's threads. Derived by SQLite from messages and thread events (the few
 * facts contactFromHistory needs, one pass), and kept precomputed in `stats_contacts` (one row per
 * thread, refreshed after each committed change of the thread), so a period reads rows instead of
 * re-deriving every thread.
 */
import type { Channel } from '../../shared/domain.js';
import type { ContactRecord } from '../../shared/stats/contact.js';
import type { Database } from '../storage/database.js';
import { contactFromHistory, parseCallFacts } from './contactFromHistory.js';

interface Row {
  id: string;
  created_at: number;
  channel: Channel;
  assignee_id: string | null;
  group_id: string | null;
  first_in: number | null;
  closed_at: number | null;
  transfers: number;
  call_json: string | null;
  missed_by: string | null;
  reply_at: number | null;
  reply_by: string | null;
  csat: unknown;
}

const contactsSql = (where: string) =>
  `WITH base AS (
         SELECT t.id, t.created_at, t.channel, t.assignee_id, r.group_id,
           (SELECT min(created_at) FROM messages WHERE thread_id = t.id AND author_kind = 'customer') AS first_in,
           (SELECT min(created_at) FROM thread_events WHERE thread_id = t.id AND kind = 'closed') AS closed_at,
           (SELECT count(*) FROM thread_events WHERE thread_id = t.id
              AND kind IN ('handed_over', 'escalated', 'transferred')) AS transfers,
           (SELECT data_json FROM thread_events WHERE thread_id = t.id AND kind = 'call'
              ORDER BY created_at, rowid LIMIT 1) AS call_json,
           (SELECT json_group_array(json_extract(data_json, '$.agentId')) FROM thread_events
              WHERE thread_id = t.id AND kind = 'offer_missed') AS missed_by,
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

/** Threads per refresh statement (json_each keeps it one query). */
const BATCH = 2000;
const DAY_MS = 86_400_000;

export class ContactLoader {
  private readonly threadsStmt;
  private readonly byIdsStmt;
  private readonly precomputedStmt;
  private readonly upsertStmt;
  private readonly missingStmt;
  private readonly ofAgentStmt;
  private readonly missedByAgentStmt;
  private readonly clearMissedStmt;
  private readonly addMissedStmt;

  constructor(private readonly db: Database) {
    this.threadsStmt = db.prepare(contactsSql('t.created_at >= ? AND t.created_at < ?'));
    this.byIdsStmt = db.prepare(contactsSql('t.id IN (SELECT value FROM json_each(?))'));
    this.precomputedStmt = db.prepare(
      `SELECT contact_json AS json FROM stats_contacts
       WHERE created_at >= ? AND created_at < ? AND contact_json IS NOT NULL`,
    );
    this.upsertStmt = db.prepare(
      `INSERT INTO stats_contacts (thread_id, created_at, contact_json, agent_id) VALUES (?, ?, ?, ?)
       ON CONFLICT (thread_id) DO UPDATE SET created_at = excluded.created_at, contact_json = excluded.contact_json,
         agent_id = excluded.agent_id`,
    );
    this.ofAgentStmt = db.prepare(
      `SELECT contact_json AS json FROM stats_contacts
       WHERE agent_id = ? AND created_at >= ? AND created_at < ? AND contact_json IS NOT NULL`,
    );
    this.missedByAgentStmt = db.prepare(
      `SELECT s.contact_json AS json FROM stats_missed_offers m JOIN stats_contacts s ON s.thread_id = m.thread_id
       WHERE m.agent_id = ? AND m.created_at >= ? AND m.created_at < ? AND s.agent_id IS NOT m.agent_id
         AND s.contact_json IS NOT NULL`,
    );
    this.clearMissedStmt = db.prepare('DELETE FROM stats_missed_offers WHERE thread_id = ?');
    this.addMissedStmt = db.prepare(
      'INSERT OR IGNORE INTO stats_missed_offers (thread_id, agent_id, created_at) VALUES (?, ?, ?)',
    );
    this.missingStmt = db.prepare(
      `SELECT t.id FROM threads t LEFT JOIN stats_contacts s ON s.thread_id = t.id
       WHERE s.thread_id IS NULL LIMIT ${BATCH}`,
    );
  }

  /** Contacts of the threads created in [from, to), from the precomputed rows. */
  contacts(from: number, to: number): ContactRecord[] {
    return (this.precomputedStmt.all(from, to) as { json: string }[]).map((r) => JSON.parse(r.json) as ContactRecord);
  }

  /**
   * One agent's share of the threads created in [from, to), read by agent in SQL: `own`, the
   * contacts whose agent they are, and `missedElsewhere`, contacts of others (or of no one) where
   * an offer rang out at them. Nobody else's rows are read.
   */
  contactsOfAgent(
    agentId: string,
    from: number,
    to: number,
  ): { own: ContactRecord[]; missedElsewhere: ContactRecord[] } {
    const parse = (rows: unknown[]) => (rows as { json: string }[]).map((r) => JSON.parse(r.json) as ContactRecord);
    return {
      own: parse(this.ofAgentStmt.all(agentId, from, to)),
      missedElsewhere: parse(this.missedByAgentStmt.all(agentId, from, to)),
    };
  }

  /** Contacts of the threads created in [from, to), derived afresh (what the rows must equal). */
  derivedContacts(from: number, to: number): ContactRecord[] {
    return this.toContacts(this.threadsStmt.all(from, to) as Row[]).flatMap(([, c]) => (c ? [c] : []));
  }

  /** The contacts of these threads, derived afresh (fewer where a thread is gone or not an offered contact). */
  contactsOf(threadIds: readonly string[]): ContactRecord[] {
    return this.rowsOf(threadIds).flatMap(([, c]) => (c ? [c] : []));
  }

  /** Derives these threads again and stores their rows (ids that are not threads are ignored). */
  refresh(threadIds: readonly string[]): void {
    for (let i = 0; i < threadIds.length; i += BATCH) {
      const rows = this.rowsOf(threadIds.slice(i, i + BATCH));
      this.db.transaction(() => this.store(rows))();
    }
  }

  /** Fills in the rows of threads that have none (a database from before migration 0008); returns how many. */
  catchUp(): number {
    let total = 0;
    const empty = this.db.prepare('SELECT NOT EXISTS (SELECT 1 FROM stats_contacts) AS empty').get() as {
      empty: number;
    };
    if (empty.empty) {
      // A database from before migration 0008: derive day by day in one pass (faster than by ids).
      const span = this.db.prepare('SELECT min(created_at) AS lo, max(created_at) AS hi FROM threads').get() as {
        lo: number | null;
        hi: number | null;
      };
      for (let from = span.lo ?? 0; span.hi !== null && from <= span.hi; from += DAY_MS) {
        const rows = this.toContacts(this.threadsStmt.all(from, from + DAY_MS) as Row[]);
        this.db.transaction(() => this.store(rows))();
        total += rows.length;
      }
    }
    for (;;) {
      const ids = (this.missingStmt.all() as { id: string }[]).map((r) => r.id);
      if (ids.length === 0) return total;
      this.refresh(ids);
      total += ids.length;
    }
  }

  /** Writes these threads' rows: the contact, its agent, and the agents its offers rang out at. */
  private store(rows: readonly [Row, ContactRecord | null][]): void {
    for (const [row, contact] of rows) {
      this.upsertStmt.run(row.id, row.created_at, contact ? JSON.stringify(contact) : null, contact?.agentId ?? null);
      this.clearMissedStmt.run(row.id);
      for (const agentId of new Set(contact?.queue?.missedBy ?? [])) {
        this.addMissedStmt.run(row.id, agentId, row.created_at);
      }
    }
  }

  private rowsOf(threadIds: readonly string[]): [Row, ContactRecord | null][] {
    return threadIds.length === 0 ? [] : this.toContacts(this.byIdsStmt.all(JSON.stringify(threadIds)) as Row[]);
  }

  private toContacts(rows: Row[]): [Row, ContactRecord | null][] {
    return rows.map((row) => [
      row,
      contactFromHistory({
        id: row.id,
        channel: row.channel,
        assigneeId: row.assignee_id,
        groupId: row.group_id,
        firstCustomerAt: row.first_in,
        firstAgentReplyAt: row.reply_at,
        firstAgentReplyBy: row.reply_by,
        closedAt: row.closed_at,
        transfers: row.transfers,
        call: parseCallFacts(row.call_json, row.missed_by),
        csat: typeof row.csat === 'number' ? row.csat : null,
      }),
    ]);
  }
}
