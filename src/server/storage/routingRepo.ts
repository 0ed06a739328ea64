/** Routing state on the hub: groups, members, agents' capacity and idle clock, each thread's routing facts and events. */
import type { RecordingPolicy } from '../../shared/recording/recording.js';
import { Capacity, DEFAULT_CAPACITY, Skills, type Group } from '../../shared/routing/chooseAgent.js';
import type { Database } from './database.js';

export interface ThreadRouting {
  threadId: string;
  topic: string | null;
  language: 'en' | 'ru';
  groupId: string | null;
  /** When the thread last entered the queue unassigned; null while assigned or closed. */
  queuedAt: number | null;
}

export interface ThreadEvent {
  id: string;
  threadId: string;
  kind: string;
  text: string;
  data: Record<string, unknown>;
  actorId: string | null;
  createdAt: number;
}

interface GroupRow {
  id: string;
  name: string;
  skills_json: string;
  escalation_group_id: string | null;
  wrap_up_required: number;
  recording_policy: RecordingPolicy | null;
}

export class RoutingRepo {
  private readonly s;

  constructor(db: Database) {
    this.s = {
      groups: db.prepare(
        'SELECT id, name, skills_json, escalation_group_id, wrap_up_required, recording_policy FROM groups ORDER BY name',
      ),
      members: db.prepare('SELECT group_id, agent_id FROM group_members'),
      upsertGroup: db.prepare(
        `INSERT INTO groups (id, name, skills_json, escalation_group_id, wrap_up_required, recording_policy,
           created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, skills_json = excluded.skills_json,
           escalation_group_id = excluded.escalation_group_id, wrap_up_required = excluded.wrap_up_required,
           recording_policy = excluded.recording_policy, updated_at = excluded.updated_at`,
      ),
      clearMembers: db.prepare('DELETE FROM group_members WHERE group_id = ?'),
      deleteGroup: db.prepare('DELETE FROM groups WHERE id = ?'),
      addMember: db.prepare('INSERT OR IGNORE INTO group_members (group_id, agent_id) VALUES (?, ?)'),
      agentRouting: db.prepare('SELECT capacity_json, idle_since FROM agent_routing WHERE agent_id = ?'),
      allAgentRouting: db.prepare('SELECT agent_id, capacity_json, idle_since FROM agent_routing'),
      setCapacity: db.prepare(
        `INSERT INTO agent_routing (agent_id, capacity_json, idle_since) VALUES (?, ?, ?)
         ON CONFLICT (agent_id) DO UPDATE SET capacity_json = excluded.capacity_json`,
      ),
      setIdle: db.prepare(
        `INSERT INTO agent_routing (agent_id, capacity_json, idle_since) VALUES (?, NULL, ?)
         ON CONFLICT (agent_id) DO UPDATE SET idle_since = excluded.idle_since`,
      ),
      threadRouting: db.prepare('SELECT * FROM thread_routing WHERE thread_id = ?'),
      saveThreadRouting: db.prepare(
        `INSERT INTO thread_routing (thread_id, topic, language, group_id, queued_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (thread_id) DO UPDATE SET topic = excluded.topic, language = excluded.language,
           group_id = excluded.group_id, queued_at = excluded.queued_at`,
      ),
      addEvent: db.prepare(
        'INSERT INTO thread_events (id, thread_id, kind, text, data_json, actor_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      events: db.prepare('SELECT * FROM thread_events WHERE thread_id = ? ORDER BY created_at, rowid'),
      setEventData: db.prepare('UPDATE thread_events SET data_json = ? WHERE id = ?'),
      loads: db.prepare(
        `SELECT assignee_id, channel, count(*) AS n FROM threads
         WHERE status = 'open' AND assignee_id IS NOT NULL GROUP BY assignee_id, channel`,
      ),
      queued: db.prepare(
        `SELECT t.id FROM threads t JOIN thread_routing r ON r.thread_id = t.id
         WHERE t.status = 'open' AND t.assignee_id IS NULL
         ORDER BY t.sla_due_at IS NULL, t.sla_due_at, r.queued_at, t.id`,
      ),
      ready: db.prepare("SELECT id, name FROM agents WHERE status = 'ready' ORDER BY id"),
      waiting: db.prepare(
        "SELECT id FROM threads WHERE status = 'open' AND sla_due_at IS NOT NULL ORDER BY sla_due_at, id",
      ),
      waitingSince: db.prepare(
        `SELECT min(created_at) AS at FROM messages WHERE thread_id = ? AND author_kind = 'customer'
           AND rowid > coalesce((SELECT max(rowid) FROM messages WHERE thread_id = ? AND author_kind = 'agent'), 0)`,
      ),
      markOffered: db.prepare('UPDATE thread_routing SET offered_at = ? WHERE thread_id = ?'),
      offersDue: db.prepare(
        `SELECT r.thread_id, t.assignee_id FROM thread_routing r JOIN threads t ON t.id = r.thread_id
         WHERE r.offered_at IS NOT NULL AND r.offered_at <= ? AND t.status = 'open' AND t.assignee_id IS NOT NULL
         ORDER BY r.offered_at, r.thread_id`,
      ),
      openWithGroup: db.prepare(
        "SELECT t.id, r.group_id AS groupId FROM threads t LEFT JOIN thread_routing r ON r.thread_id = t.id WHERE t.status = 'open'",
      ),
      openOf: db.prepare("SELECT id FROM threads WHERE status = 'open' AND assignee_id = ? ORDER BY sla_due_at, id"),
    };
  }

  groups(): Group[] {
    const members = new Map<string, string[]>();
    for (const row of this.s.members.all() as { group_id: string; agent_id: string }[]) {
      const list = members.get(row.group_id) ?? [];
      list.push(row.agent_id);
      members.set(row.group_id, list);
    }
    return (this.s.groups.all() as GroupRow[]).map((row) => ({
      id: row.id,
      name: row.name,
      skills: Skills.parse(JSON.parse(row.skills_json)),
      escalationGroupId: row.escalation_group_id,
      memberIds: members.get(row.id) ?? [],
      wrapUpRequired: row.wrap_up_required === 1,
      recordingPolicy: row.recording_policy,
    }));
  }

  saveGroup(group: Group, now: number): void {
    this.s.upsertGroup.run(
      group.id,
      group.name,
      JSON.stringify(group.skills),
      group.escalationGroupId,
      group.wrapUpRequired ? 1 : 0,
      group.recordingPolicy ?? null,
      now,
      now,
    );
    this.s.clearMembers.run(group.id);
    for (const agentId of group.memberIds) this.s.addMember.run(group.id, agentId);
  }

  /** Members go with the group; threads queued for it and groups escalating to it keep null (ON DELETE SET NULL). */
  deleteGroup(groupId: string): boolean {
    return this.s.deleteGroup.run(groupId).changes > 0;
  }

  capacityOf(agentId: string): Capacity {
    const row = this.s.agentRouting.get(agentId) as { capacity_json: string | null } | undefined;
    return row?.capacity_json ? Capacity.parse(JSON.parse(row.capacity_json)) : DEFAULT_CAPACITY;
  }

  setCapacity(agentId: string, capacity: Capacity, now: number): void {
    this.s.setCapacity.run(agentId, JSON.stringify(capacity), now);
  }

  /** Capacity and idle clock of every agent that has either. */
  agentRouting(): Map<string, { capacity: Capacity; idleSince: number }> {
    const out = new Map<string, { capacity: Capacity; idleSince: number }>();
    for (const row of this.s.allAgentRouting.all() as {
      agent_id: string;
      capacity_json: string | null;
      idle_since: number;
    }[]) {
      out.set(row.agent_id, {
        capacity: row.capacity_json ? Capacity.parse(JSON.parse(row.capacity_json)) : DEFAULT_CAPACITY,
        idleSince: row.idle_since,
      });
    }
    return out;
  }

  setIdleSince(agentId: string, at: number): void {
    this.s.setIdle.run(agentId, at);
  }

  threadRouting(threadId: string): ThreadRouting | null {
    const row = this.s.threadRouting.get(threadId) as
      | {
          thread_id: string;
          topic: string | null;
          language: 'en' | 'ru';
          group_id: string | null;
          queued_at: number | null;
        }
      | undefined;
    return row
      ? {
          threadId: row.thread_id,
          topic: row.topic,
          language: row.language,
          groupId: row.group_id,
          queuedAt: row.queued_at,
        }
      : null;
  }

  /** The router gave the thread to its agent at `at` (null: the agent took it: it is theirs now). */
  markOffered(threadId: string, at: number | null): void {
    this.s.markOffered.run(at, threadId);
  }

  /** Threads offered at or before `before` that their agent has not taken yet. */
  offersDue(before: number): { threadId: string; agentId: string }[] {
    return (this.s.offersDue.all(before) as { thread_id: string; assignee_id: string }[]).map((r) => ({
      threadId: r.thread_id,
      agentId: r.assignee_id,
    }));
  }

  saveThreadRouting(r: ThreadRouting): void {
    this.s.saveThreadRouting.run(r.threadId, r.topic, r.language, r.groupId, r.queuedAt);
  }

  addEvent(event: ThreadEvent): void {
    this.s.addEvent.run(
      event.id,
      event.threadId,
      event.kind,
      event.text,
      JSON.stringify(event.data),
      event.actorId,
      event.createdAt,
    );
  }

  /** Replaces an event's facts (a queued call's record completed by the agent's softphone). */
  setEventData(eventId: string, data: Record<string, unknown>): void {
    this.s.setEventData.run(JSON.stringify(data), eventId);
  }

  events(threadId: string): ThreadEvent[] {
    return (
      this.s.events.all(threadId) as {
        id: string;
        thread_id: string;
        kind: string;
        text: string;
        data_json: string;
        actor_id: string | null;
        created_at: number;
      }[]
    ).map((row) => ({
      id: row.id,
      threadId: row.thread_id,
      kind: row.kind,
      text: row.text,
      data: JSON.parse(row.data_json) as Record<string, unknown>,
      actorId: row.actor_id,
      createdAt: row.created_at,
    }));
  }

  /** Open threads per agent and channel. */
  loads(): Map<string, Partial<Record<string, number>>> {
    const out = new Map<string, Partial<Record<string, number>>>();
    for (const row of this.s.loads.all() as { assignee_id: string; channel: string; n: number }[]) {
      const load = out.get(row.assignee_id) ?? {};
      load[row.channel] = row.n;
      out.set(row.assignee_id, load);
    }
    return out;
  }

  /** Unassigned open threads, most urgent first. */
  queuedThreadIds(): string[] {
    return (this.s.queued.all() as { id: string }[]).map((r) => r.id);
  }

  readyAgents(): { id: string; name: string }[] {
    return this.s.ready.all() as { id: string; name: string }[];
  }

  /** Open threads with a customer message waiting for an answer, most urgent first. */
  waitingThreadIds(): string[] {
    return (this.s.waiting.all() as { id: string }[]).map((r) => r.id);
  }

  /** When the oldest customer message after the last agent answer arrived; null when nothing waits. */
  waitingSince(threadId: string): number | null {
    return (this.s.waitingSince.get(threadId, threadId) as { at: number | null }).at;
  }

  /** Every open thread with the group it is routed to (null when none): the queue views' input. */
  openThreadsWithGroup(): { id: string; groupId: string | null }[] {
    return this.s.openWithGroup.all() as { id: string; groupId: string | null }[];
  }

  openThreadIdsOf(agentId: string): string[] {
    return (this.s.openOf.all(agentId) as { id: string }[]).map((r) => r.id);
  }
}
