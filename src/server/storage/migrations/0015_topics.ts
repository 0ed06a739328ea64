import type { Migration } from './migration.js';

/**
 * The topic tree (issue 15, decision 0032). Topic ids stay the strings routing, SLA rules, voice menus
 * and the widget already use; a topic is never deleted, only retired, so history and stats keep it.
 * `topic_changes` is the tree's own history (added, renamed, moved, retired, restored). `thread_topics`
 * holds the topics an agent set at wrap-up: one contact (thread) may have several. Each group says
 * whether its contacts need a topic before they close (`groups.wrap_up_required`).
 *
 * Topics already in use (the flat keyword list, the widget menu, threads' routing rows) become roots of
 * the tree, so nothing that routed or was counted before loses its topic.
 */
export const topics: Migration = {
  version: 15,
  name: 'topics',
  up(db) {
    db.exec(`
      CREATE TABLE topics (
        id TEXT PRIMARY KEY,
        parent_id TEXT REFERENCES topics(id),
        name_en TEXT NOT NULL,
        name_ru TEXT NOT NULL,
        keywords TEXT NOT NULL DEFAULT '[]',
        position INTEGER NOT NULL DEFAULT 0,
        retired_at INTEGER,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX topics_by_parent ON topics(parent_id, position);

      CREATE TABLE topic_changes (
        id TEXT PRIMARY KEY,
        topic_id TEXT NOT NULL REFERENCES topics(id),
        kind TEXT NOT NULL CHECK (kind IN ('added', 'renamed', 'moved', 'retired', 'restored', 'keywords')),
        data TEXT NOT NULL DEFAULT '{}',
        actor_id TEXT,
        at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX topic_changes_by_topic ON topic_changes(topic_id, at);

      CREATE TABLE thread_topics (
        thread_id TEXT NOT NULL REFERENCES threads(id) ON DELETE CASCADE,
        topic_id TEXT NOT NULL REFERENCES topics(id),
        set_by TEXT,
        set_at INTEGER NOT NULL,
        PRIMARY KEY (thread_id, topic_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX thread_topics_by_topic ON thread_topics(topic_id, set_at);

      ALTER TABLE groups ADD COLUMN wrap_up_required INTEGER NOT NULL DEFAULT 0;
    `);

    const now = Date.now();
    const insert = db.prepare(
      `INSERT OR IGNORE INTO topics (id, parent_id, name_en, name_ru, keywords, position, created_at, updated_at)
       VALUES (?, NULL, ?, ?, ?, ?, ?, ?)`,
    );
    let position = 0;
    const add = (id: string, en: string, ru: string, keywords: readonly string[]): void => {
      insert.run(id, en, ru, JSON.stringify(keywords), position++, now, now);
    };
    const metaValue = (key: string): unknown => {
      const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
      if (!row) return null;
      try {
        return JSON.parse(row.value) as unknown;
      } catch {
        return null;
      }
    };
    const routing = metaValue('routing_config') as { topics?: { id?: unknown; keywords?: unknown }[] } | null;
    for (const topic of routing?.topics ?? []) {
      if (typeof topic.id !== 'string') continue;
      const keywords = Array.isArray(topic.keywords) ? topic.keywords.filter((k) => typeof k === 'string') : [];
      add(topic.id, topic.id, topic.id, keywords);
    }
    // The widget's titles are the only real names there were: they name a topic the flat list knew only by id.
    const named = db.prepare(
      'UPDATE topics SET name_en = ?, name_ru = ? WHERE id = ? AND name_en = id AND name_ru = id',
    );
    const widget = metaValue('widget_topics') as { id?: unknown; title?: { en?: unknown; ru?: unknown } }[] | null;
    for (const topic of Array.isArray(widget) ? widget : []) {
      if (typeof topic.id !== 'string') continue;
      const en = typeof topic.title?.en === 'string' ? topic.title.en : topic.id;
      const ru = typeof topic.title?.ru === 'string' ? topic.title.ru : en;
      add(topic.id, en, ru, []);
      named.run(en, ru, topic.id);
    }
    const used = db.prepare('SELECT DISTINCT topic FROM thread_routing WHERE topic IS NOT NULL').all() as {
      topic: string;
    }[];
    for (const { topic } of used) add(topic, topic, topic, []);
  },
};
