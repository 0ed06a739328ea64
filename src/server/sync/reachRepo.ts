/** The reads the reach filter needs from the hub database (SQL stays in one place). */
import type { Database } from '../storage/sqlite.js';
import type { ThreadReach } from './visibility.js';

export interface ReachRepo {
  /** Who each thread of the customer is assigned to and which group it is queued for. */
  threadsOfCustomer(customerId: string): ThreadReach[];
}

export function createReachRepo(db: Database): ReachRepo {
  const ofCustomer = db.prepare(`
    SELECT t.assignee_id AS assigneeId, r.group_id AS groupId
    FROM threads t LEFT JOIN thread_routing r ON r.thread_id = t.id
    WHERE t.customer_id = ?`);
  return {
    threadsOfCustomer: (customerId) => ofCustomer.all(customerId) as ThreadReach[],
  };
}
