/**
 * A thread's older messages from the hub, for threads whose messages retention removed from the
 * cache (decision 0012) or that came into the agent's reach late (decision 0031). Not stored back:
 * the cache keeps what the agent chose to keep.
 */
import type { RequestOutput } from '../../../shared/contract.js';
import { OknoError } from '../../../shared/errors.js';
import { SYNC_API, ThreadMessagesResponse } from '../../../shared/sync.js';
import type { LocalStore } from '../store/localStore.js';
import { createHubCall, type HubCallDeps } from './hubCall.js';

type Page = RequestOutput<'thread.messages'>;

export interface ThreadHistory {
  /** The cached page, completed from the hub when retention pruned the thread and the hub is reachable. */
  page(threadId: string, before: number | undefined, limit: number): Promise<Page>;
}

export function createThreadHistory(deps: HubCallDeps & { store: LocalStore }): ThreadHistory {
  const { store } = deps;
  const call = createHubCall(deps, 'thread history');

  return {
    async page(threadId, before, limit) {
      const local = store.messages.page(threadId, before, limit);
      // Pruned by retention, or in reach only since after its first messages (decision 0031).
      const elsewhere = store.retention.isPruned(threadId) || store.reach.isPartial(threadId);
      if (local.hasMore || !elsewhere) return local;
      const query = `?limit=${limit}${before === undefined ? '' : `&before=${before}`}`;
      let remote: Page;
      try {
        remote = await call(
          ThreadMessagesResponse,
          `${SYNC_API.threadMessages.replace(':id', encodeURIComponent(threadId))}${query}`,
        );
      } catch (error) {
        // Offline or signed out: what the cache still has (the rest comes back with the link).
        if (error instanceof OknoError && ['hub_unreachable', 'not_signed_in', 'hub_error'].includes(error.code)) {
          return { ...local, olderOnHub: true };
        }
        // Out of the agent's reach now (taken by someone else): what the cache still has, their own
        // unsent replies; the revocation on its way removes the rest.
        if (error instanceof OknoError && error.code === 'forbidden') return local;
        throw error;
      }
      // The hub's copy, plus what only this cache has (replies not yet sent), newest `limit`.
      const byId = new Map(remote.messages.map((m) => [m.id, m]));
      for (const m of local.messages) if (!byId.has(m.id)) byId.set(m.id, m);
      const merged = [...byId.values()].sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
      return {
        messages: merged.slice(-limit),
        hasMore: remote.hasMore || merged.length > limit,
      };
    },
  };
}
