import type { Agent } from '../../../shared/domain.js';
import type { Change } from '../../../shared/sync.js';
import type { CustomersRepo } from './customersRepo.js';
import type { MessagesRepo } from './messagesRepo.js';
import type { MetaRepo } from './metaRepo.js';
import type { OutboxRepo } from './outboxRepo.js';
import type { ThreadReachRepo } from './reachRepo.js';
import type { SqliteDatabase } from './sqlite.js';
import type { ThreadsRepo } from './threadsRepo.js';

/** What a batch of changes touched, so the core can tell the renderer exactly that. */
export interface AppliedChanges {
  /** Threads whose queue row changed (the thread itself or its customer's name). */
  queueThreadIds: string[];
  /** Threads whose messages changed. */
  messageThreadIds: string[];
  /** The signed-in agent's new state, when a change touched it. */
  agent: Agent | null;
  /** Customers whose card changed (absent where nothing tracks them). */
  customerIds?: string[];
  /** Threads that left the cache whole because they left the agent's reach (their files may go too). */
  revokedThreadIds?: string[];
}

export interface ApplyOptions {
  /** The hub cursor these changes bring the replica to; omit for changes that skip ahead (push results). */
  cursor?: number;
}

export type ApplyChanges = (changes: readonly Change[], options?: ApplyOptions) => AppliedChanges;

function assertNever(value: never): never {
  throw new Error(`unexpected change ${JSON.stringify(value)}`);
}

/**
 * Upserts a batch of hub changes in ONE transaction: either the whole page lands with its
 * cursor, or nothing does. Re-applying a change is a no-op (every row remembers its seq).
 */
export function createApplyChanges(
  db: SqliteDatabase,
  repos: {
    meta: MetaRepo;
    customers: CustomersRepo;
    threads: ThreadsRepo;
    messages: MessagesRepo;
    outbox: OutboxRepo;
    reach: ThreadReachRepo;
  },
): ApplyChanges {
  const { meta, customers, threads, messages, outbox, reach } = repos;

  /**
   * A thread that was not here whole (new to the cache on a catch-up, or kept only for the outbox)
   * may have messages this cache never got: reading it asks the hub (threadHistory).
   */
  function applyThread(change: Extract<Change, { entity: 'thread' }>, catchingUp: boolean): boolean {
    const id = change.data.id;
    const wasWhole = threads.get(id) !== null && !reach.isRevoked(id);
    if (!threads.upsert(change.data, change.seq)) return false;
    if (!wasWhole && (catchingUp || reach.isRevoked(id))) reach.markPartial(id);
    return true;
  }

  function applyAgent(agent: Agent, seq: number): Agent | null {
    const me = meta.agent();
    if (!me || me.id !== agent.id) return null;
    if (seq <= Number(meta.get('agent_seq') ?? 0)) return null;
    // An optimistic status change is still on its way: the hub's older state must not undo it.
    if (outbox.hasPending('agent.setStatus')) return null;
    meta.setAgent(agent);
    meta.set('agent_seq', String(seq));
    return agent;
  }

  return db.transaction((changes: readonly Change[], options: ApplyOptions = {}): AppliedChanges => {
    const queue = new Set<string>();
    const messageThreads = new Set<string>();
    const customerIds = new Set<string>();
    const revoked = new Set<string>();
    const leaving = new Set<string>();
    let agent: Agent | null = null;
    // A replica already past its first sync: a thread new to it may have come into reach late.
    const catchingUp = meta.cursor() > 0;
    for (const change of changes) {
      switch (change.entity) {
        case 'thread':
          if (applyThread(change, catchingUp)) queue.add(change.data.id);
          break;
        case 'revoked': {
          const gone = reach.revoke(change.data.id, change.seq);
          if (gone.removed) revoked.add(change.data.id);
          if (gone.removed || gone.kept) {
            queue.add(change.data.id);
            messageThreads.add(change.data.id);
          }
          if (gone.customerId) leaving.add(gone.customerId);
          break;
        }
        case 'message':
          if (messages.upsert(change.data, change.seq)) messageThreads.add(change.data.threadId);
          break;
        case 'customer':
          if (customers.upsert(change.data, change.seq)) {
            customerIds.add(change.data.id);
            for (const id of threads.idsOfCustomer(change.data.id)) queue.add(id);
          }
          break;
        case 'agent':
          agent = applyAgent(change.data, change.seq) ?? agent;
          break;
        default:
          assertNever(change);
      }
    }
    // Threads kept only for an outbox row that has settled since (sent, or discarded) go now.
    const swept = reach.sweep();
    for (const id of swept.threadIds) {
      revoked.add(id);
      queue.add(id);
      messageThreads.add(id);
    }
    // Customers go last: one whose other thread came later in this batch stays.
    for (const id of reach.dropUnneededCustomers([...leaving, ...swept.customerIds])) customerIds.add(id);
    if (options.cursor !== undefined && options.cursor > meta.cursor()) meta.setCursor(options.cursor);
    return {
      queueThreadIds: [...queue],
      messageThreadIds: [...messageThreads],
      agent,
      customerIds: [...customerIds],
      // Only when something left: most batches revoke nothing.
      ...(revoked.size > 0 ? { revokedThreadIds: [...revoked] } : {}),
    };
  });
}
