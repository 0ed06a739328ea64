import type { DeliveryStatus, Message, MessageDirection } from '../../../shared/domain.js';
import type { MessageSearchRepo } from './messageSearchRepo.js';
import type { SqliteDatabase } from './sqlite.js';

interface MessageRow {
  pk: number;
  id: string;
  seq: number;
  thread_id: string;
  direction: MessageDirection;
  author_kind: Message['author']['kind'];
  author_id: string | null;
  author_name: string;
  text: string;
  status: DeliveryStatus;
  created_at: number;
}

export interface MessagesRepo {
  /**
   * Stores the hub's state at `seq` (a server 'sent' replaces the local 'pending') and keeps
   * the search index in step. False when the stored state is the same or newer.
   */
  upsert(message: Message, seq: number): boolean;
  /** A message written here, not yet known to the hub (seq 0). */
  insertLocal(message: Message): void;
  setStatus(id: string, status: DeliveryStatus): boolean;
  /** Removes a message written here that the hub never stored (seq 0); false otherwise. */
  removeLocal(id: string): boolean;
  get(id: string): Message | null;
  /** The newest createdAt in the thread, or null when the cache has none of its messages. */
  latestCreatedAt(threadId: string): number | null;
  /** Up to `limit` messages before `before` (exclusive), oldest → newest, and whether older ones exist. */
  page(threadId: string, before: number | undefined, limit: number): { messages: Message[]; hasMore: boolean };
  clear(): void;
  /** Removes every message the hub sent (seq > 0), keeping those written here and not yet stored there. */
  clearSynced(): void;
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

function params(message: Message, seq: number) {
  return {
    id: message.id,
    seq,
    threadId: message.threadId,
    direction: message.direction,
    authorKind: message.author.kind,
    authorId: message.author.id,
    authorName: message.author.name,
    text: message.text,
    status: message.status,
    createdAt: message.createdAt,
  };
}

export function createMessagesRepo(db: SqliteDatabase, search: MessageSearchRepo): MessagesRepo {
  const select = db.prepare('SELECT * FROM messages WHERE id = ?');
  const insert = db.prepare(`
    INSERT INTO messages (id, seq, thread_id, direction, author_kind, author_id, author_name, text, status, created_at)
    VALUES (@id, @seq, @threadId, @direction, @authorKind, @authorId, @authorName, @text, @status, @createdAt)`);
  const update = db.prepare(`
    UPDATE messages SET seq = @seq, thread_id = @threadId, direction = @direction, author_kind = @authorKind,
      author_id = @authorId, author_name = @authorName, text = @text, status = @status, created_at = @createdAt
    WHERE id = @id`);
  const setStatus = db.prepare('UPDATE messages SET status = ? WHERE id = ?');
  const newest = db.prepare('SELECT * FROM messages WHERE thread_id = ? ORDER BY created_at DESC, pk DESC LIMIT ?');
  const latest = db.prepare('SELECT max(created_at) AS t FROM messages WHERE thread_id = ?');
  const older = db.prepare(
    'SELECT * FROM messages WHERE thread_id = ? AND created_at < ? ORDER BY created_at DESC, pk DESC LIMIT ?',
  );
  const clear = db.prepare('DELETE FROM messages');
  const clearSynced = db.prepare('DELETE FROM messages WHERE seq > 0 RETURNING pk');
  const removeLocal = db.prepare('DELETE FROM messages WHERE id = ? AND seq = 0 RETURNING pk');

  function insertRow(message: Message, seq: number): void {
    const { lastInsertRowid } = insert.run(params(message, seq));
    search.add(Number(lastInsertRowid), message.text);
  }

  return {
    upsert(message, seq) {
      const existing = select.get(message.id) as MessageRow | undefined;
      if (!existing) {
        insertRow(message, seq);
        return true;
      }
      if (seq <= existing.seq) return false;
      update.run(params(message, seq));
      if (existing.text !== message.text) search.index(existing.pk, message.text);
      return true;
    },
    insertLocal: (message) => insertRow(message, 0),
    setStatus: (id, status) => setStatus.run(status, id).changes > 0,
    removeLocal(id) {
      const row = removeLocal.get(id) as { pk: number } | undefined;
      if (row) search.remove(row.pk);
      return row !== undefined;
    },
    latestCreatedAt: (threadId) => (latest.get(threadId) as { t: number | null }).t,
    get(id) {
      const row = select.get(id) as MessageRow | undefined;
      return row ? toMessage(row) : null;
    },
    page(threadId, before, limit) {
      const rows = (
        before === undefined ? newest.all(threadId, limit + 1) : older.all(threadId, before, limit + 1)
      ) as MessageRow[];
      const hasMore = rows.length > limit;
      return { messages: rows.slice(0, limit).reverse().map(toMessage), hasMore };
    },
    clear() {
      clear.run();
      search.clear();
    },
    clearSynced() {
      for (const row of clearSynced.all() as { pk: number }[]) search.remove(row.pk);
    },
  };
}
