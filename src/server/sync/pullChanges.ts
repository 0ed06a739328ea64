import type { Agent } from '../../shared/domain.js';
import type { Change, PullResponse } from '../../shared/sync.js';
import type { HubStore } from '../storage/hubStore.js';
import type { HubReach } from './hubReach.js';
import { filterForViewer } from './reachFilter.js';

/**
 * How many log rows one page may go through, as a multiple of `limit`, looking for changes the
 * agent may see: bounds the work of one request for an agent who sees little of a big log.
 */
const SCAN_FACTOR = 20;

/**
 * GET /sync/pull: one page of latest entity states after a cursor, filtered to the agent's reach.
 * The cursor advances over every row the page went through, seen or not, so it stays exact.
 * Rows out of reach turn into revocations on a catch-up (`after` > 0), never on a first sync.
 * Counting what remains scans the rest of the log, so a pull's first page counts it and a
 * `continued` page does not (the client carries the count on); `hasMore` is exact on every page.
 */
export function pullChanges(
  store: HubStore,
  reach: HubReach,
  agent: Agent,
  after: number,
  limit: number,
  continued = false,
): PullResponse {
  // One read transaction, so the page, its filter and the count of what remains agree.
  return store.db.transaction(() => {
    const viewer = reach.viewer(agent);
    const scope = reach.scope();
    const options = {
      revoke: after > 0,
      // A customer row the cursor passed while none of their threads was in reach.
      bringCustomer: (customer: Change) => customer.seq <= after,
    };
    const changes: Change[] = [];
    const brought = new Set<string>();
    let cursor = after;
    let scanned = 0;
    if (viewer.role === 'admin') {
      // Everything is in reach: the page as the log has it.
      changes.push(...store.changeLog.page(after, limit));
      cursor = changes.at(-1)?.seq ?? after;
      scanned = changes.length;
    }
    while (viewer.role !== 'admin' && changes.length < limit && scanned < limit * SCAN_FACTOR) {
      const rows = store.changeLog.page(cursor, limit);
      if (rows.length === 0) break;
      for (const row of rows) {
        for (const change of filterForViewer(viewer, [row], scope, options)) {
          // A customer brought by one thread is not brought again by the next.
          if (change.seq <= after && change.entity === 'customer') {
            if (brought.has(change.data.id)) continue;
            brought.add(change.data.id);
          }
          changes.push(change);
        }
        cursor = row.seq;
        scanned += 1;
        if (changes.length >= limit) break;
      }
    }
    if (continued) {
      return { hubId: store.hubId, changes, cursor, hasMore: store.changeLog.anyAfter(cursor), scanned };
    }
    const remaining = store.changeLog.countAfter(cursor);
    return { hubId: store.hubId, changes, cursor, hasMore: remaining > 0, remaining, scanned };
  })();
}
