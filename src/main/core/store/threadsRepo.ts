import type { QueueItem } from '../../../shared/contract.js';
import type { Channel, Thread, ThreadStatus } from '../../../shared/domain.js';
import type { SqliteDatabase } from './sqlite.js';

interface ThreadRow {
  id: string;
  number: number;
  channel: Channel;
  status: ThreadStatus;
  customer_id: string;
  assignee_id: string | null;
  subject: string;
  sla_due_at: number | null;
  last_message_at: number;
  last_message_preview: string;
  created_at: number;
  updated_at: number;
  topic: string | null;
  group_id: string | null;
}

export interface ThreadsRepo {
  /** Stores the hub's state at `seq`; false when the stored state is the same or newer. */
  upsert(thread: Thread, seq: number): boolean;
  get(id: string): Thread | null;
  /** One page of the queue in deadline order (compareByDeadline), with customer names. */
  queuePage(status: ThreadStatus, offset: number, limit: number, filter?: QueueFilter): QueueItem[];
  count(status: ThreadStatus, filter?: QueueFilter): number;
  idsOfCustomer(customerId: string): string[];
  clear(): void;
}

/** A queue view: only the threads of one agent, one channel, one topic, or the agent's groups (null: any). */
export interface QueueFilter {
  assigneeId: string | null;
  channel: Channel | null;
  topic?: string | null;
  /**
   * "My groups": threads routed to one of these groups, assigned to one of their members, or
   * waiting unassigned for no particular group (the hub's rule for the same view).
   */
  groups?: { groupIds: string[]; memberIds: string[] } | null;
}

const ANY: QueueFilter = { assigneeId: null, channel: null };

function isAny(filter: QueueFilter): boolean {
  return filter.assigneeId === null && filter.channel === null && !filter.topic && !filter.groups;
}

function filterParams(status: ThreadStatus, filter: QueueFilter) {
  const groups = filter.groups ?? null;
  return {
    status,
    assignee: filter.assigneeId,
    channel: filter.channel,
    topic: filter.topic ?? null,
    groupsOn: groups ? 1 : 0,
    anyGroup: groups && groups.groupIds.length > 0 ? 1 : 0,
    groupIds: JSON.stringify(groups?.groupIds ?? []),
    memberIds: JSON.stringify(groups?.memberIds ?? []),
  };
}

const FILTER_WHERE = `t.status = @status AND (@assignee IS NULL OR t.assignee_id = @assignee)
      AND (@channel IS NULL OR t.channel = @channel) AND (@topic IS NULL OR t.topic = @topic)
      AND (@groupsOn = 0 OR t.group_id IN (SELECT value FROM json_each(@groupIds))
           OR t.assignee_id IN (SELECT value FROM json_each(@memberIds))
           OR (@anyGroup = 1 AND t.assignee_id IS NULL AND t.group_id IS NULL))`;

function toThread(row: ThreadRow): Thread {
  return {
    id: row.id,
    number: row.number,
    channel: row.channel,
    status: row.status,
    customerId: row.customer_id,
    assigneeId: row.assignee_id,
    subject: row.subject,
    slaDueAt: row.sla_due_at,
    lastMessageAt: row.last_message_at,
    lastMessagePreview: row.last_message_preview,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    // The hub always sends both (null when unrouted), so the cache reads back what the hub holds.
    topic: row.topic,
    groupId: row.group_id,
  };
}

export function createThreadsRepo(db: SqliteDatabase): ThreadsRepo {
  const upsert = db.prepare(`
    INSERT INTO threads (id, seq, number, channel, status, customer_id, assignee_id, subject, sla_due_at,
                         last_message_at, last_message_preview, created_at, updated_at, topic, group_id)
    VALUES (@id, @seq, @number, @channel, @status, @customerId, @assigneeId, @subject, @slaDueAt,
            @lastMessageAt, @lastMessagePreview, @createdAt, @updatedAt, @topic, @groupId)
    ON CONFLICT (id) DO UPDATE SET
      seq = excluded.seq, number = excluded.number, channel = excluded.channel, status = excluded.status,
      customer_id = excluded.customer_id, assignee_id = excluded.assignee_id, subject = excluded.subject,
      sla_due_at = excluded.sla_due_at, last_message_at = excluded.last_message_at,
      last_message_preview = excluded.last_message_preview, created_at = excluded.created_at,
      updated_at = excluded.updated_at, topic = excluded.topic, group_id = excluded.group_id
    WHERE excluded.seq > threads.seq`);
  const select = db.prepare('SELECT * FROM threads WHERE id = ?');
  // The ORDER BY repeats the threads_queue index expression by expression, so SQLite walks
  // the index instead of sorting.
  const page = db.prepare(`
    SELECT t.*, coalesce(c.name, '') AS customer_name
    FROM threads t LEFT JOIN customers c ON c.id = t.customer_id
    WHERE t.status = ?
    ORDER BY t.sla_due_at IS NULL, t.sla_due_at, t.last_message_at DESC, t.id
    LIMIT ? OFFSET ?`);
  const count = db.prepare('SELECT count(*) AS n FROM threads WHERE status = ?');
  // Filtered views are smaller than the whole queue; they sort what they find.
  const filteredPage = db.prepare(`
    SELECT t.*, coalesce(c.name, '') AS customer_name
    FROM threads t LEFT JOIN customers c ON c.id = t.customer_id
    WHERE ${FILTER_WHERE}
    ORDER BY t.sla_due_at IS NULL, t.sla_due_at, t.last_message_at DESC, t.id
    LIMIT @limit OFFSET @offset`);
  const filteredCount = db.prepare(`SELECT count(*) AS n FROM threads t WHERE ${FILTER_WHERE}`);
  const byCustomer = db.prepare('SELECT id FROM threads WHERE customer_id = ?');
  const clear = db.prepare('DELETE FROM threads');

  return {
    upsert: (thread, seq) =>
      upsert.run({ ...thread, seq, topic: thread.topic ?? null, groupId: thread.groupId ?? null }).changes > 0,
    get(id) {
      const row = select.get(id) as ThreadRow | undefined;
      return row ? toThread(row) : null;
    },
    queuePage: (status, offset, limit, filter = ANY) => {
      const rows = isAny(filter)
        ? page.all(status, limit, offset)
        : filteredPage.all({ ...filterParams(status, filter), limit, offset });
      return (rows as (ThreadRow & { customer_name: string })[]).map((row) => ({
        ...toThread(row),
        customerName: row.customer_name,
      }));
    },
    count: (status, filter = ANY) =>
      (isAny(filter)
        ? (count.get(status) as { n: number })
        : (filteredCount.get(filterParams(status, filter)) as { n: number })
      ).n,
    idsOfCustomer: (customerId) => (byCustomer.all(customerId) as { id: string }[]).map((r) => r.id),
    clear: () => void clear.run(),
  };
}
