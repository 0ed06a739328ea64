/**
 * Applies the visibility rule (visibility.ts) to a batch of changes for one agent: what they may
 * not see is dropped, a thread they may no longer see becomes a revocation, and a thread that comes
 * into reach brings its customer's current row (which the agent's cursor may have passed while it
 * was out of reach). Used for pull pages, push results and live frames alike.
 */
import type { Thread } from '../../shared/domain.js';
import type { Change, EntityChange } from '../../shared/sync.js';
import type { HubStore } from '../storage/hubStore.js';
import type { ReachRepo } from './reachRepo.js';
import { canSeeThread, type ThreadReach, type Viewer } from './visibility.js';

/** The hub's current state as the filter reads it, memoized for one batch (one pull page, one frame). */
export interface ReachScope {
  thread(id: string): Thread | null;
  threadsOfCustomer(customerId: string): ThreadReach[];
  customer(id: string): EntityChange | null;
}

export function createReachScope(store: HubStore, repo: ReachRepo): ReachScope {
  const threads = new Map<string, Thread | null>();
  const ofCustomer = new Map<string, ThreadReach[]>();
  return {
    thread(id) {
      if (!threads.has(id)) {
        // The change log's row carries the routing facts (groupId) with the thread.
        const change = store.changeLog.current('thread', id);
        threads.set(id, change?.entity === 'thread' ? change.data : null);
      }
      return threads.get(id) ?? null;
    },
    threadsOfCustomer(customerId) {
      let list = ofCustomer.get(customerId);
      if (!list) ofCustomer.set(customerId, (list = repo.threadsOfCustomer(customerId)));
      return list;
    },
    customer: (id) => store.changeLog.current('customer', id),
  };
}

export interface ReachOptions {
  /** Turn a thread change out of reach into a revocation (the agent may hold the thread). */
  revoke: boolean;
  /** Whether a thread in reach brings this current row of its customer along. */
  bringCustomer(customer: EntityChange): boolean;
  /** Customers kept whatever the rule says (the ones the agent's own mutation named). */
  keepCustomers?: ReadonlySet<string>;
}

export function filterForViewer(
  viewer: Viewer,
  changes: readonly Change[],
  scope: ReachScope,
  options: ReachOptions,
): Change[] {
  if (viewer.role === 'admin') return [...changes];
  const batchThreads = new Map<string, Thread>();
  const batchCustomers = new Set<string>();
  for (const change of changes) {
    if (change.entity === 'thread') batchThreads.set(change.data.id, change.data);
    if (change.entity === 'customer') batchCustomers.add(change.data.id);
  }
  const seenCustomer = new Map<string, boolean>();
  const customerInReach = (id: string): boolean => {
    let seen = seenCustomer.get(id);
    if (seen === undefined) {
      seen =
        options.keepCustomers?.has(id) === true || scope.threadsOfCustomer(id).some((t) => canSeeThread(viewer, t));
      seenCustomer.set(id, seen);
    }
    return seen;
  };
  const brought = new Set<string>();

  const out: Change[] = [];
  for (const change of changes) {
    switch (change.entity) {
      case 'agent':
      case 'revoked':
        out.push(change);
        break;
      case 'thread': {
        if (!canSeeThread(viewer, change.data)) {
          if (options.revoke) out.push({ seq: change.seq, entity: 'revoked', data: { id: change.data.id } });
          break;
        }
        const customerId = change.data.customerId;
        if (!batchCustomers.has(customerId) && !brought.has(customerId)) {
          brought.add(customerId);
          const customer = scope.customer(customerId);
          if (customer && options.bringCustomer(customer)) out.push(customer);
        }
        out.push(change);
        break;
      }
      case 'message': {
        const thread = batchThreads.get(change.data.threadId) ?? scope.thread(change.data.threadId);
        if (thread && canSeeThread(viewer, thread)) out.push(change);
        break;
      }
      case 'customer': {
        // A customer merged into one in reach stays readable: cached calls and cards may name them.
        const survivor = change.data.mergedInto ?? null;
        if (customerInReach(change.data.id) || (survivor !== null && customerInReach(survivor))) out.push(change);
        break;
      }
    }
  }
  return out;
}
