/** The reads the reach filter needs from the hub database (SQL stays in one place). */
import type { Database } from '../storage/database.js';
import type { ThreadReach } from './visibility.js';

export interface ReachRepo {
  /** Who each thread of the customer is assigned to and which group it is queued for. */
  threadsOfCustomer(customerId: string): ThreadReach[];
  /** Open threads queued for the group or assigned to one of the agents: whose reach a membership change moves. */
  openThreadsOf(groupId: string, agentIds: readonly string[]): string[];
}

export function createReachRepo(db: Database): ReachRepo {
  const ofCustomer = db.prepare(`
    SELECT t.assignee_id AS assigneeId, r.group_id AS groupId
    FROM threads t LEFT JOIN thread_routing r ON r.thread_id = t.id
    WHERE t.customer_id = ?`);
  const openOf = db.prepare(`
    SELECT t.id FROM threads t LEFT JOIN thread_routing r ON r.thread_id = t.id
    WHERE t.status = 'open'
      AND (r.group_id = ? OR t.assignee_id IN (SELECT value FROM json_each(?)))`);
  return {
    threadsOfCustomer: (customerId) => ofCustomer.all(customerId) as ThreadReach[],
    openThreadsOf: (groupId, agentIds) =>
      (openOf.all(groupId, JSON.stringify(agentIds)) as { id: string }[]).map((r) => r.id),
  };
}
