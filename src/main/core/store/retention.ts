import type { MessageSearchRepo } from './messageSearchRepo.js';
import type { SqliteDatabase } from './sqlite.js';

export const DAY_MS = 86_400_000;

/** Threads handled per transaction, so a big first prune never holds the event loop for long. */
const BATCH = 200;

export interface PruneResult {
  threads: number;
  messages: number;
}

export interface Retention {
  /**
   * Removes from the cache the messages of closed threads that have not changed for `keepDays`
   * (the hub keeps them; reading such a thread asks the hub). Never touches an open thread, a
   * thread with anything in the outbox (pending or failed), or a message the hub has not stored.
   * Age is measured against the newest hub time the replica has seen when the local clock is
   * ahead of it, so a clock jumped years forward does not empty the cache.
   */
  prune(now: number, keepDays: number): PruneResult;
  isPruned(threadId: string): boolean;
  prunedCount(): number;
  /** The replica was rebuilt: every thread will come back whole. */
  clear(): void;
}

export function createRetention(db: SqliteDatabase, search: MessageSearchRepo): Retention {
  const newestHubTime = db.prepare('SELECT max(updated_at) AS t FROM threads');
  const candidates = db.prepare(`
    SELECT t.id FROM threads t
    WHERE t.status = 'closed' AND t.updated_at < @cutoff AND t.last_message_at < @cutoff
      AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.thread_id = t.id)
      AND EXISTS (SELECT 1 FROM messages m WHERE m.thread_id = t.id AND m.seq > 0)
    LIMIT @limit`);
  const dropAttachments = db.prepare(
    'DELETE FROM attachments WHERE message_id IN (SELECT id FROM messages WHERE thread_id = ? AND seq > 0)',
  );
  const dropMessages = db.prepare('DELETE FROM messages WHERE thread_id = ? AND seq > 0');
  const mark = db.prepare(`
    INSERT INTO pruned_threads (thread_id, pruned_at, messages) VALUES (?, ?, ?)
    ON CONFLICT (thread_id) DO UPDATE SET pruned_at = excluded.pruned_at, messages = pruned_threads.messages + excluded.messages`);
  const isPruned = db.prepare('SELECT 1 FROM pruned_threads WHERE thread_id = ?');
  const count = db.prepare('SELECT count(*) AS n FROM pruned_threads');
  const clear = db.prepare('DELETE FROM pruned_threads');

  const pruneBatch = db.transaction((cutoff: number, at: number): PruneResult => {
    const ids = (candidates.all({ cutoff, limit: BATCH }) as { id: string }[]).map((r) => r.id);
    let messages = 0;
    for (const id of ids) {
      search.removeThread(id, { syncedOnly: true });
      dropAttachments.run(id);
      const removed = dropMessages.run(id).changes;
      mark.run(id, at, removed);
      messages += removed;
    }
    return { threads: ids.length, messages };
  });

  return {
    prune(now, keepDays) {
      const total: PruneResult = { threads: 0, messages: 0 };
      if (keepDays <= 0) return total; // 0 = keep everything
      const newest = (newestHubTime.get() as { t: number | null }).t;
      if (newest === null) return total;
      const cutoff = Math.min(now, newest) - keepDays * DAY_MS;
      for (;;) {
        const batch = pruneBatch(cutoff, now);
        total.threads += batch.threads;
        total.messages += batch.messages;
        if (batch.threads < BATCH) return total;
      }
    },
    isPruned: (threadId) => isPruned.get(threadId) !== undefined,
    prunedCount: () => (count.get() as { n: number }).n,
    clear: () => void clear.run(),
  };
}
