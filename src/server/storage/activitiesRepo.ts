/** Planned activities (decision 0036): what is planned, for whom, and where it stands. */
import type { Activity, ActivityKind, ActivityState } from '../../shared/activities/activity.js';
import type { Database } from './database.js';

interface ActivityRow {
  id: string;
  kind: ActivityKind;
  state: ActivityState;
  due_at: number;
  customer_id: string;
  customer_name: string | null;
  origin_thread_id: string | null;
  queued_thread_id: string | null;
  queued_thread_number: number | null;
  agent_id: string | null;
  agent_name: string | null;
  group_id: string | null;
  group_name: string | null;
  note: string;
  created_by: string;
  created_by_name: string | null;
  created_at: number;
  queued_at: number | null;
  closed_at: number | null;
  closed_by: string | null;
}

const SELECT = `SELECT a.*, c.name AS customer_name, t.number AS queued_thread_number, ag.name AS agent_name,
    g.name AS group_name, cb.name AS created_by_name
  FROM activities a
  LEFT JOIN customers c ON c.id = a.customer_id
  LEFT JOIN threads t ON t.id = a.queued_thread_id
  LEFT JOIN agents ag ON ag.id = a.agent_id
  LEFT JOIN groups g ON g.id = a.group_id
  LEFT JOIN agents cb ON cb.id = a.created_by`;

function toActivity(row: ActivityRow): Activity {
  return {
    id: row.id,
    kind: row.kind,
    state: row.state,
    dueAt: row.due_at,
    customerId: row.customer_id,
    customerName: row.customer_name ?? '',
    originThreadId: row.origin_thread_id,
    queuedThreadId: row.queued_thread_id,
    queuedThreadNumber: row.queued_thread_number,
    agentId: row.agent_id,
    agentName: row.agent_name,
    groupId: row.group_id,
    groupName: row.group_name,
    note: row.note,
    createdBy: row.created_by,
    createdByName: row.created_by_name ?? '',
    createdAt: row.created_at,
    queuedAt: row.queued_at,
    closedAt: row.closed_at,
    closedBy: row.closed_by,
  };
}

export type NewActivity = Pick<
  Activity,
  'id' | 'kind' | 'dueAt' | 'customerId' | 'originThreadId' | 'agentId' | 'groupId' | 'note' | 'createdBy' | 'createdAt'
>;

export class ActivitiesRepo {
  private readonly s;

  constructor(db: Database) {
    this.s = {
      insert: db.prepare(
        `INSERT INTO activities (id, kind, state, due_at, customer_id, origin_thread_id, agent_id, group_id, note,
           created_by, created_at) VALUES (?, ?, 'planned', ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      byId: db.prepare(`${SELECT} WHERE a.id = ?`),
      byQueuedThread: db.prepare(`${SELECT} WHERE a.queued_thread_id = ?`),
      due: db.prepare(`SELECT id FROM activities WHERE state = 'planned' AND due_at <= ? ORDER BY due_at, id LIMIT ?`),
      ofCustomer: db.prepare(
        `${SELECT} WHERE a.customer_id = ?
           ORDER BY CASE WHEN a.state IN ('planned', 'queued') THEN 0 ELSE 1 END, a.due_at DESC, a.id LIMIT ?`,
      ),
      queued: db.prepare(`${SELECT} WHERE a.state = 'queued' AND t.status = 'open' ORDER BY a.due_at, a.id`),
      queuedClosed: db.prepare(`${SELECT} WHERE a.state = 'queued' AND t.status = 'closed'`),
      ofOrigin: db.prepare(`${SELECT} WHERE a.origin_thread_id = ? ORDER BY a.due_at DESC, a.id LIMIT 50`),
      queue: db.prepare(
        `UPDATE activities SET state = 'queued', queued_thread_id = ?, queued_at = ? WHERE id = ? AND state = 'planned'`,
      ),
      close: db.prepare(
        `UPDATE activities SET state = ?, closed_at = ?, closed_by = ? WHERE id = ? AND state IN ('planned', 'queued')`,
      ),
    };
  }

  add(activity: NewActivity): void {
    this.s.insert.run(
      activity.id,
      activity.kind,
      activity.dueAt,
      activity.customerId,
      activity.originThreadId,
      activity.agentId,
      activity.groupId,
      activity.note,
      activity.createdBy,
      activity.createdAt,
    );
  }

  byId(id: string): Activity | null {
    const row = this.s.byId.get(id) as ActivityRow | undefined;
    return row ? toActivity(row) : null;
  }

  /** The activity a queued thread was opened for. */
  byQueuedThread(threadId: string): Activity | null {
    const row = this.s.byQueuedThread.get(threadId) as ActivityRow | undefined;
    return row ? toActivity(row) : null;
  }

  /** Planned activities due at `at` or earlier, the oldest first. */
  dueIds(at: number, limit: number): string[] {
    return (this.s.due.all(at, limit) as { id: string }[]).map((r) => r.id);
  }

  /** The customer's activities: open ones first, then the latest done or cancelled. */
  ofCustomer(customerId: string, limit: number): Activity[] {
    return (this.s.ofCustomer.all(customerId, limit) as ActivityRow[]).map(toActivity);
  }

  /** Activities planned from this conversation, the latest due first. */
  ofOriginThread(threadId: string): Activity[] {
    return (this.s.ofOrigin.all(threadId) as ActivityRow[]).map(toActivity);
  }

  /** Queued activities whose thread has been closed (by its agent): they are done. */
  queuedWithClosedThread(): Activity[] {
    return (this.s.queuedClosed.all() as ActivityRow[]).map(toActivity);
  }

  /** Every activity whose thread is open in the queue now. */
  queued(): Activity[] {
    return (this.s.queued.all() as ActivityRow[]).map(toActivity);
  }

  /** planned → queued with the thread opened for it; false when it was no longer planned. */
  markQueued(id: string, threadId: string, at: number): boolean {
    return this.s.queue.run(threadId, at, id).changes === 1;
  }

  /** planned or queued → done or cancelled; false when it was already closed. */
  close(id: string, state: 'done' | 'cancelled', at: number, by: string): boolean {
    return this.s.close.run(state, at, by, id).changes === 1;
  }
}
