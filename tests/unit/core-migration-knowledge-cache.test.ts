/**
 * Core migration 7 (knowledge cache): an existing cache keeps its data and gains the knowledge tables;
 * the copy stores, searches (another Russian word form), drops a retired article's text, keeps
 * openings made offline until removed, and starts over for another hub.
 */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../src/main/core/store/migrate.js';
import { MIGRATIONS } from '../../src/main/core/store/migrations/index.js';
import { openLocalStore, STORE_FILE } from '../../src/main/core/store/localStore.js';
import { openSqlite } from '../../src/main/core/store/sqlite.js';
import { createKnowledgeCache } from '../../src/main/core/knowledge/knowledgeCache.js';
import { articleQuery } from '../../src/shared/knowledge/knowledgeSearch.js';
import type { Article } from '../../src/shared/knowledge/knowledgeContract.js';
import { tempDir } from './core-fixtures.js';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((f) => f()));

const A = '0190a000-0000-7000-8000-0000000000a1';

function article(over: Partial<Article> = {}): Article {
  return {
    id: A,
    parentId: null,
    title: 'Блокировка карты',
    language: 'ru',
    position: 0,
    version: 1,
    updatedAt: 10,
    retired: false,
    updatedBy: 'Lena',
    doc: {
      type: 'doc',
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Карта заблокирована банком' }] }],
    },
    links: [{ title: 'Тарифы', url: 'https://bank.example/t' }],
    documents: [],
    ...over,
  };
}

describe('core migration 7: knowledge cache', () => {
  it('adds the knowledge tables to an existing cache and keeps what it held', () => {
    const t = tempDir();
    cleanups.push(t.remove);
    const db = openSqlite(path.join(t.dir, STORE_FILE));
    migrate(db, MIGRATIONS.slice(0, 6));
    db.prepare(
      "INSERT INTO customers (id, seq, name, phone, email, notes, created_at, updated_at) VALUES ('c-1', 1, 'Olga', NULL, NULL, '', 1, 1)",
    ).run();
    db.close();

    const store = openLocalStore(t.dir);
    cleanups.push(() => store.close());
    expect(schemaVersion(store.db)).toBe(MIGRATIONS.length);
    expect(store.customers.get('c-1')?.name).toBe('Olga');

    const cache = createKnowledgeCache(store.db);
    expect(cache.cursor()).toBe(0);
    cache.reset('https://hub.example');
    cache.apply([article()], 5);
    expect(cache.cursor()).toBe(5);
    expect(cache.article(A)).toEqual(article());
    expect(cache.search(articleQuery('заблокировали карту')!, 5).map((r) => r.article.id)).toEqual([A]);

    // A new version replaces the old one in the index; retiring drops the text but keeps the place.
    cache.apply(
      [
        article({
          version: 2,
          title: 'Перевыпуск',
          doc: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Новая карта' }] }] },
        }),
      ],
      6,
    );
    expect(cache.search(articleQuery('заблокировали')!, 5)).toEqual([]);
    expect(cache.search(articleQuery('новую')!, 5).map((r) => r.article.version)).toEqual([2]);
    cache.apply([article({ version: 2, retired: true })], 7);
    expect(cache.article(A)).toBeNull();
    expect(cache.tree()).toEqual([expect.objectContaining({ id: A, retired: true })]);
    expect(cache.search(articleQuery('карта')!, 5)).toEqual([]);

    const open = {
      id: 'o1',
      hubUrl: 'https://hub.example',
      agentId: 'ag',
      articleId: A,
      threadId: 't',
      version: 2,
      openedAt: 9,
    };
    cache.addOpen(open);
    cache.addOpen(open);
    expect(cache.pendingOpens()).toEqual([open]);

    // Another hub: the copy starts over, the openings wait for their own hub.
    cache.reset('https://other.example');
    expect(cache.tree()).toEqual([]);
    expect(cache.cursor()).toBe(0);
    expect(cache.countOpens()).toBe(1);
    cache.removeOpen('o1');
    expect(cache.countOpens()).toBe(0);
  });
});
