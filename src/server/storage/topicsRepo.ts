/**
 * The topic tree, its history of edits, the topics set on contacts at wrap-up and the groups that
 * require one (decision 0032). Topics are never deleted: retiring stamps `retired_at`.
 */
import type { Topic, TopicChange } from '../../shared/topics/topicTree.js';
import type { Database } from './database.js';

interface TopicRow {
  id: string;
  parent_id: string | null;
  name_en: string;
  name_ru: string;
  keywords: string;
  position: number;
  retired_at: number | null;
}

interface ChangeRow {
  id: string;
  topic_id: string;
  kind: TopicChange['kind'];
  data: string;
  actor_id: string | null;
  actor_name: string | null;
  at: number;
}

function parseList(text: string): string[] {
  try {
    const value = JSON.parse(text) as unknown;
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

function toTopic(row: TopicRow): Topic {
  return {
    id: row.id,
    parentId: row.parent_id,
    name: { en: row.name_en, ru: row.name_ru },
    keywords: parseList(row.keywords),
    position: row.position,
    retired: row.retired_at !== null,
  };
}

export class TopicsRepo {
  private readonly s;

  constructor(private readonly db: Database) {
    this.s = {
      all: db.prepare('SELECT * FROM topics ORDER BY parent_id IS NOT NULL, parent_id, position, id'),
      byId: db.prepare('SELECT * FROM topics WHERE id = ?'),
      insert: db.prepare(
        `INSERT INTO topics (id, parent_id, name_en, name_ru, keywords, position, retired_at, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?)`,
      ),
      update: db.prepare('UPDATE topics SET name_en = ?, name_ru = ?, keywords = ?, updated_at = ? WHERE id = ?'),
      place: db.prepare('UPDATE topics SET parent_id = ?, position = ?, updated_at = ? WHERE id = ?'),
      retire: db.prepare('UPDATE topics SET retired_at = ?, updated_at = ? WHERE id = ?'),
      nextPosition: db.prepare('SELECT coalesce(max(position) + 1, 0) AS n FROM topics WHERE parent_id IS ? '),
      addChange: db.prepare(
        'INSERT INTO topic_changes (id, topic_id, kind, data, actor_id, at) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      changes: db.prepare(
        `SELECT c.*, a.name AS actor_name FROM topic_changes c LEFT JOIN agents a ON a.id = c.actor_id
         ORDER BY c.at DESC, c.rowid DESC LIMIT ?`,
      ),
      changesOf: db.prepare(
        `SELECT c.*, a.name AS actor_name FROM topic_changes c LEFT JOIN agents a ON a.id = c.actor_id
         WHERE c.topic_id = ? ORDER BY c.at DESC, c.rowid DESC LIMIT ?`,
      ),
      ofThread: db.prepare('SELECT topic_id FROM thread_topics WHERE thread_id = ? ORDER BY set_at, topic_id'),
      clearThread: db.prepare('DELETE FROM thread_topics WHERE thread_id = ?'),
      addThread: db.prepare('INSERT INTO thread_topics (thread_id, topic_id, set_by, set_at) VALUES (?, ?, ?, ?)'),
      wrapUpGroups: db.prepare('SELECT id FROM groups WHERE wrap_up_required = 1'),
      setWrapUp: db.prepare('UPDATE groups SET wrap_up_required = ? WHERE id = ?'),
      endedWithoutTopic: db.prepare(
        `SELECT t.id FROM threads t
         WHERE t.assignee_id = ? AND t.updated_at >= ?
           AND (t.status = 'closed' OR EXISTS (SELECT 1 FROM thread_events e WHERE e.thread_id = t.id AND e.kind = 'call'))
           AND NOT EXISTS (SELECT 1 FROM thread_topics tt WHERE tt.thread_id = t.id)
         ORDER BY t.updated_at, t.id`,
      ),
    };
  }

  all(): Topic[] {
    return (this.s.all.all() as TopicRow[]).map(toTopic);
  }

  byId(id: string): Topic | null {
    const row = this.s.byId.get(id) as TopicRow | undefined;
    return row ? toTopic(row) : null;
  }

  /** The position after the last sibling under `parentId`. */
  nextPosition(parentId: string | null): number {
    return (this.s.nextPosition.get(parentId) as { n: number }).n;
  }

  insert(topic: Omit<Topic, 'retired'>, now: number): void {
    this.s.insert.run(
      topic.id,
      topic.parentId,
      topic.name.en,
      topic.name.ru,
      JSON.stringify(topic.keywords),
      topic.position,
      now,
      now,
    );
  }

  update(topic: Pick<Topic, 'id' | 'name' | 'keywords'>, now: number): void {
    this.s.update.run(topic.name.en, topic.name.ru, JSON.stringify(topic.keywords), now, topic.id);
  }

  place(id: string, parentId: string | null, position: number, now: number): void {
    this.s.place.run(parentId, position, now, id);
  }

  setRetired(id: string, retired: boolean, now: number): void {
    this.s.retire.run(retired ? now : null, now, id);
  }

  addChange(change: Omit<TopicChange, 'actorName'>): void {
    this.s.addChange.run(
      change.id,
      change.topicId,
      change.kind,
      JSON.stringify(change.data),
      change.actorId,
      change.at,
    );
  }

  changes(limit: number, topicId?: string): TopicChange[] {
    const rows = (topicId ? this.s.changesOf.all(topicId, limit) : this.s.changes.all(limit)) as ChangeRow[];
    return rows.map((row) => ({
      id: row.id,
      topicId: row.topic_id,
      kind: row.kind,
      data: JSON.parse(row.data) as Record<string, unknown>,
      actorId: row.actor_id,
      actorName: row.actor_name,
      at: row.at,
    }));
  }

  ofThread(threadId: string): string[] {
    return (this.s.ofThread.all(threadId) as { topic_id: string }[]).map((r) => r.topic_id);
  }

  /** Replaces the contact's topics, in one transaction. */
  setOfThread(threadId: string, topicIds: readonly string[], agentId: string | null, now: number): void {
    this.db.transaction(() => {
      this.s.clearThread.run(threadId);
      for (const topicId of new Set(topicIds)) this.s.addThread.run(threadId, topicId, agentId, now);
    })();
  }

  wrapUpRequiredGroupIds(): Set<string> {
    return new Set((this.s.wrapUpGroups.all() as { id: string }[]).map((r) => r.id));
  }

  setWrapUpRequired(groupId: string, required: boolean): void {
    this.s.setWrapUp.run(required ? 1 : 0, groupId);
  }

  /** Contacts of the agent that ended (closed, or a call that ended) since `since` and carry no topic, oldest first. */
  endedWithoutTopic(agentId: string, since: number): string[] {
    return (this.s.endedWithoutTopic.all(agentId, since) as { id: string }[]).map((r) => r.id);
  }
}
