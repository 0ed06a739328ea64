/**
 * Hub migration 15 (topics): the topics a hub already used — the flat keyword list, the widget menu and
 * the topics threads were routed by — become roots of the tree with their keywords and the widget's
 * names; groups do not require wrap-up until a lead says so; the new tables keep their rules.
 */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/shared/log.js';
import { migrate, schemaVersion } from '../../src/server/storage/migrate.js';
import { MIGRATIONS } from '../../src/server/storage/migrations/index.js';
import { openSqlite } from '../../src/server/storage/sqlite.js';
import { TopicsRepo } from '../../src/server/storage/topicsRepo.js';
import { removeTempDirs, tempDir } from './hub-harness.js';

const log = createLogger('test');
afterAll(() => removeTempDirs());

describe('hub migration 15: topics', () => {
  it('turns the topics in use into roots of the tree, keeping keywords and widget names', () => {
    const db = openSqlite(path.join(tempDir(), 'hub.sqlite'));
    migrate(db, log, MIGRATIONS, 14);
    const meta = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)');
    meta.run(
      'routing_config',
      JSON.stringify({
        topics: [
          { id: 'cards', keywords: ['card', 'карта'] },
          { id: 'loans', keywords: ['loan'] },
        ],
      }),
    );
    meta.run(
      'widget_topics',
      JSON.stringify([
        { id: 'cards', title: { en: 'My card', ru: 'Моя карта' }, answer: null },
        { id: 'other', title: { en: 'Something else', ru: 'Другой вопрос' }, answer: null },
      ]),
    );
    db.prepare("INSERT INTO customers (id, name, created_at, updated_at) VALUES ('c1', 'Olga', 1, 1)").run();
    db.prepare(
      `INSERT INTO threads (id, number, channel, status, customer_id, subject, last_message_at, last_message_preview, created_at, updated_at)
       VALUES ('t1', 1, 'webchat', 'closed', 'c1', 'Hi', 1, 'Hi', 1, 1)`,
    ).run();
    db.prepare("INSERT INTO thread_routing (thread_id, topic, language) VALUES ('t1', 'legacy-ivr', 'ru')").run();
    db.prepare(
      "INSERT INTO groups (id, name, skills_json, created_at, updated_at) VALUES ('g1', 'Cards', '{\"topics\":[\"cards\"]}', 1, 1)",
    ).run();

    migrate(db, log, MIGRATIONS, 15);
    expect(schemaVersion(db)).toBe(15);
    const topics = new TopicsRepo(db);
    expect(topics.all()).toEqual([
      {
        id: 'cards',
        parentId: null,
        name: { en: 'My card', ru: 'Моя карта' },
        keywords: ['card', 'карта'],
        position: 0,
        retired: false,
      },
      {
        id: 'loans',
        parentId: null,
        name: { en: 'loans', ru: 'loans' },
        keywords: ['loan'],
        position: 1,
        retired: false,
      },
      {
        id: 'other',
        parentId: null,
        name: { en: 'Something else', ru: 'Другой вопрос' },
        keywords: [],
        position: 3,
        retired: false,
      },
      {
        id: 'legacy-ivr',
        parentId: null,
        name: { en: 'legacy-ivr', ru: 'legacy-ivr' },
        keywords: [],
        position: 4,
        retired: false,
      },
    ]);
    expect(topics.wrapUpRequiredGroupIds()).toEqual(new Set());
    expect(topics.ofThread('t1')).toEqual([]);

    // The rules: a contact's topic is a topic of the tree; a change is one of the known kinds.
    topics.setOfThread('t1', ['legacy-ivr'], null, 5);
    expect(topics.ofThread('t1')).toEqual(['legacy-ivr']);
    expect(() => topics.setOfThread('t1', ['nowhere'], null, 6)).toThrow(/FOREIGN KEY/);
    expect(topics.ofThread('t1')).toEqual(['legacy-ivr']);
    expect(() =>
      db
        .prepare("INSERT INTO topic_changes (id, topic_id, kind, data, at) VALUES ('x', 'cards', 'deleted', '{}', 1)")
        .run(),
    ).toThrow(/CHECK/);
    topics.setWrapUpRequired('g1', true);
    expect(topics.wrapUpRequiredGroupIds()).toEqual(new Set(['g1']));
    db.close();
  });

  it('leaves a new hub with an empty tree (the shipped tree is seeded at start)', () => {
    const db = openSqlite(path.join(tempDir(), 'hub.sqlite'));
    migrate(db, log, MIGRATIONS, 15);
    expect(new TopicsRepo(db).all()).toEqual([]);
    db.close();
  });
});
