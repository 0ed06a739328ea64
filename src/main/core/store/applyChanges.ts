import type { Agent } from '../../../shared/domain.js';
import type { Change } from '../../../shared/sync.js';
import type { CustomersRepo } from './customersRepo.js';
import type { MessagesRepo } from './messagesRepo.js';
import type { MetaRepo } from './metaRepo.js';
import type { OutboxRepo } from './outboxRepo.js';
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
  repos: { meta: MetaRepo; customers: CustomersRepo; threads: ThreadsRepo; messages: MessagesRepo; outbox: OutboxRepo },
): ApplyChanges {
  const { meta, customers, threads, messages, outbox } = repos;

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
    let agent: Agent | null = null;
    for (const change of changes) {
      switch (change.entity) {
        case 'thread':
          if (threads.upsert(change.data, change.seq)) queue.add(change.data.id);
          break;
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
    if (options.cursor !== undefined && options.cursor > meta.cursor()) meta.setCursor(options.cursor);
    return { queueThreadIds: [...queue], messageThreadIds: [...messageThreads], agent, customerIds: [...customerIds] };
  });
}
