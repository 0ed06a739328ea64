import type { MessageSearchRepo } from './messageSearchRepo.js';
import type { SqliteDatabase } from './sqlite.js';

/** What one revocation did to the cache. */
export interface Revoked {
  /** The thread left the cache whole. */
  removed: boolean;
  /** The thread stays, stripped of the hub's messages, until its outbox rows settle. */
  kept: boolean;
  /** The thread's customer, to drop once the batch is applied if nothing needs them then (dropUnneededCustomers). */
  customerId: string | null;
}

/**
 * The agent's reach in the cache (decision 0031): removes a thread that left it — its messages,
 * their search rows and attachment rows, its customer when no other thread needs them — and
 * remembers threads that came into reach without their history. Call inside a transaction.
 * Nothing the agent typed goes while the outbox holds it: such a thread is only stripped.
 */
export interface ThreadReachRepo {
  /** `seq`: the thread change that took it out of reach; a newer cached state wins. */
  revoke(threadId: string, seq: number): Revoked;
  /**
   * Revoked threads whose outbox rows have settled since: removed now. Returns their ids and
   * their customers (for dropUnneededCustomers).
   */
  sweep(): { threadIds: string[]; customerIds: string[] };
  /**
   * Drops the customers no cached thread or outbox row needs; returns those dropped. Run after a
   * whole batch, so a customer whose other thread arrives later in the same batch stays.
   */
  dropUnneededCustomers(customerIds: Iterable<string>): string[];
  /** The thread is in reach without (some of) its history; also ends a 'revoked' state. */
  markPartial(threadId: string): void;
  isPartial(threadId: string): boolean;
  isRevoked(threadId: string): boolean;
  clear(): void;
}

export function createThreadReachRepo(db: SqliteDatabase, search: MessageSearchRepo): ThreadReachRepo {
  const s = {
    threadSeq: db.prepare('SELECT seq, customer_id FROM threads WHERE id = ?'),
    hasOutbox: db.prepare('SELECT 1 FROM outbox WHERE thread_id = ? LIMIT 1'),
    dropSyncedAttachments: db.prepare(
      'DELETE FROM attachments WHERE message_id IN (SELECT id FROM messages WHERE thread_id = ? AND seq > 0)',
    ),
    dropSynced: db.prepare('DELETE FROM messages WHERE thread_id = ? AND seq > 0'),
    dropAllAttachments: db.prepare(
      'DELETE FROM attachments WHERE message_id IN (SELECT id FROM messages WHERE thread_id = ?)',
    ),
    dropAll: db.prepare('DELETE FROM messages WHERE thread_id = ?'),
    dropThread: db.prepare('DELETE FROM threads WHERE id = ?'),
    dropPruned: db.prepare('DELETE FROM pruned_threads WHERE thread_id = ?'),
    setState: db.prepare(
      'INSERT INTO thread_reach (thread_id, state) VALUES (?, ?) ON CONFLICT (thread_id) DO UPDATE SET state = excluded.state',
    ),
    state: db.prepare('SELECT state FROM thread_reach WHERE thread_id = ?'),
    forget: db.prepare('DELETE FROM thread_reach WHERE thread_id = ?'),
    settled: db.prepare(`
      SELECT r.thread_id FROM thread_reach r
      WHERE r.state = 'revoked' AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.thread_id = r.thread_id)`),
    // A customer stays while a cached thread points at them or an outbox row names them.
    customerNeeded: db.prepare(`
      SELECT EXISTS (SELECT 1 FROM threads WHERE customer_id = @id)
          OR EXISTS (SELECT 1 FROM outbox WHERE json_extract(payload, '$.customerId') = @id) AS needed`),
    dropIdentities: db.prepare('DELETE FROM customer_identities WHERE customer_id = ?'),
    dropCustomer: db.prepare('DELETE FROM customers WHERE id = ?'),
    clear: db.prepare('DELETE FROM thread_reach'),
  };

  function dropCustomerIfUnneeded(customerId: string): boolean {
    if ((s.customerNeeded.get({ id: customerId }) as { needed: number }).needed) return false;
    s.dropIdentities.run(customerId);
    return s.dropCustomer.run(customerId).changes > 0;
  }

  function removeWhole(threadId: string, customerId: string): Revoked {
    search.removeThread(threadId);
    s.dropAllAttachments.run(threadId);
    s.dropAll.run(threadId);
    s.dropThread.run(threadId);
    s.dropPruned.run(threadId);
    s.forget.run(threadId);
    return { removed: true, kept: false, customerId };
  }

  const state = (threadId: string) => (s.state.get(threadId) as { state: string } | undefined)?.state ?? null;

  return {
    revoke(threadId, seq) {
      const row = s.threadSeq.get(threadId) as { seq: number; customer_id: string } | undefined;
      if (!row || row.seq > seq) return { removed: false, kept: false, customerId: null };
      if (s.hasOutbox.get(threadId) === undefined) return removeWhole(threadId, row.customer_id);
      search.removeThread(threadId, { syncedOnly: true });
      s.dropSyncedAttachments.run(threadId);
      s.dropSynced.run(threadId);
      s.setState.run(threadId, 'revoked');
      return { removed: false, kept: true, customerId: null };
    },
    sweep() {
      const threadIds = (s.settled.all() as { thread_id: string }[]).map((r) => r.thread_id);
      const customerIds: string[] = [];
      for (const id of threadIds) {
        const row = s.threadSeq.get(id) as { customer_id: string } | undefined;
        if (row) customerIds.push(removeWhole(id, row.customer_id).customerId!);
        else s.forget.run(id);
      }
      return { threadIds, customerIds };
    },
    dropUnneededCustomers: (customerIds) => [...new Set(customerIds)].filter(dropCustomerIfUnneeded),
    markPartial: (threadId) => void s.setState.run(threadId, 'partial'),
    isPartial: (threadId) => state(threadId) === 'partial',
    isRevoked: (threadId) => state(threadId) === 'revoked',
    clear: () => void s.clear.run(),
  };
}
