/**
 * The seasonality counts are made in SQL (topicStatsRepo.seasonCounts); "complete" there must be
 * isComplete (src/shared/stats/kpi.ts). Checked on a real hub database with edge-case contacts: no
 * offer, an answer or an abandon before the offer, waiting, answered, abandoned; and day bounds.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openHubStore } from '../../src/server/storage/hubStore.js';
import { TopicStatsRepo } from '../../src/server/storage/topicStatsRepo.js';
import { createLogger } from '../../src/shared/log.js';
import type { ContactRecord } from '../../src/shared/stats/contact.js';
import { isComplete } from '../../src/shared/stats/kpi.js';
import { isSqlite } from '../../src/server/storage/sqlite.js';
import { testDatabase } from '../support/testDatabase.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const T = Date.UTC(2026, 10, 25, 12);
const contact = (id: string, over: Partial<ContactRecord>): ContactRecord => ({
  id,
  channel: 'phone',
  agentId: null,
  groupId: null,
  offeredAt: T,
  answeredAt: null,
  abandonedAt: null,
  talkMs: 0,
  holdMs: 0,
  afterCallWorkMs: 0,
  transfers: 0,
  csat: null,
  ...over,
});

describe('topic stats repository', () => {
  it('counts in SQL exactly the contacts isComplete keeps, per day and set of topics', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'okno-topic-stats-'));
    dirs.push(dir);
    const store = openHubStore(dir, () => T, createLogger('test'), testDatabase(dir));
    try {
      const db = store.db;
      // Rows of stats_contacts and thread_topics alone (their threads are not what is tested here).
      if (isSqlite(db)) db.pragma('foreign_keys = OFF');
      else db.exec('SET session_replication_role = replica');
      const contacts = [
        contact('no-offer', { offeredAt: null }),
        contact('answer-before', { answeredAt: T - 1 }),
        contact('abandon-before', { abandonedAt: T - 1 }),
        contact('answer-before-abandon-after', { answeredAt: T - 1, abandonedAt: T + 5 }),
        contact('waiting', {}),
        contact('answered', { answeredAt: T + 5000 }),
        contact('answered-at-offer', { answeredAt: T }),
        contact('abandoned', { abandonedAt: T + 9000 }),
      ];
      const insert = db.prepare('INSERT INTO stats_contacts (thread_id, created_at, contact_json) VALUES (?, ?, ?)');
      for (const c of contacts) insert.run(c.id, T, JSON.stringify(c));
      // One contact the next day, one with a null row (not an offered contact), both outside or ignored.
      insert.run('next-day', T + 86_400_000, JSON.stringify(contact('next-day', { offeredAt: T + 86_400_000 })));
      insert.run('not-a-contact', T, null);
      db.prepare(
        `INSERT INTO topics (id, name_en, name_ru, created_at, updated_at) VALUES ('q', 'Q', 'Q', 0, 0)`,
      ).run();
      db.prepare(`INSERT INTO thread_topics (thread_id, topic_id, set_at) VALUES ('answered', 'q', 0)`).run();

      const repo = new TopicStatsRepo(db);
      const day = { from: Date.UTC(2026, 10, 25), to: Date.UTC(2026, 10, 26) };
      const rows = repo.seasonCounts([day, { from: day.to, to: day.to + 86_400_000 }]);
      const expected = contacts.filter(isComplete);
      expect(expected.map((c) => c.id)).toEqual(['waiting', 'answered', 'answered-at-offer', 'abandoned']);
      const firstDay = rows.filter((r) => r.day === 0);
      expect(firstDay.reduce((n, r) => n + r.count, 0)).toBe(expected.length);
      expect(firstDay.find((r) => r.topicIds.includes('q'))?.count).toBe(1);
      expect(rows.filter((r) => r.day === 1)).toEqual([{ day: 1, topicIds: [], count: 1 }]);
      // The period read gives the same contacts (the figures then drop incomplete ones as `incomplete`).
      expect(repo.contacts(day.from, day.to)).toHaveLength(contacts.length);
    } finally {
      store.close();
    }
  });
});
