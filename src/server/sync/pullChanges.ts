import type { PullResponse } from '../../shared/sync.js';
import type { HubStore } from '../storage/hubStore.js';

/** GET /sync/pull: one page of latest entity states after a cursor. */
export function pullChanges(store: HubStore, after: number, limit: number): PullResponse {
  // One read transaction, so the page and the count of what remains agree.
  return store.db.transaction(() => {
    const changes = store.changeLog.page(after, limit);
    const cursor = changes.at(-1)?.seq ?? after;
    const remaining = store.changeLog.countAfter(cursor);
    return { hubId: store.hubId, changes, cursor, hasMore: remaining > 0, remaining };
  })();
}
