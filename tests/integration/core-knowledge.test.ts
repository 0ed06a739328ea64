/**
 * The knowledge base through a real agent core and a real hub (decision 0034): with the hub away the
 * core answers tree, search, suggestions and articles from its local copy (source 'cache'), and an
 * article opened for a contact offline reaches that contact's history once the link is back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import type { Hub } from '../../src/server/hub.js';
import { STORE_FILE } from '../../src/main/core/store/localStore.js';
import { openSqlite } from '../../src/main/core/store/sqlite.js';
import { cacheKeyOf } from '../support/cacheKey.js';
import { PNG_1X1 } from '../support/knowledgeFiles.js';
import {
  ADMIN_PASSWORD,
  api,
  customerSays,
  login,
  openWidget,
  removeTempDirs,
  startHub,
  type Loose,
} from './hub-harness.js';
import { queuedThread, startAgent, waitFor, type TestAgent } from './agent-harness.js';

let hub: Hub;
let admin: string;
let anna: TestAgent;

const doc = (...texts: string[]) => ({
  type: 'doc',
  content: [
    { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: texts[0] }] },
    {
      type: 'bulletList',
      content: texts
        .slice(1)
        .map((text) => ({ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] })),
    },
  ],
});

beforeAll(async () => {
  // Signing in must fit the harness's 3 s request timeout on a busy machine (test cost only).
  process.env.OKNO_TEST_FAST_PASSWORDS = '1';
  hub = await startHub({ clockMs: 0 });
  admin = await login(hub.url);
  anna = await startAgent(hub.url, 'admin', ADMIN_PASSWORD);
});

afterAll(async () => {
  await anna?.close();
  await hub.close();
  removeTempDirs();
});

async function openingsOf(threadId: string): Promise<Loose[]> {
  const events = (await api(hub.url, `/api/v1/threads/${threadId}/events`, { token: admin })).body.events as Loose[];
  return events.filter((e) => e.kind === 'article_opened');
}

describe('knowledge base in the agent core', () => {
  it('reads and searches from the local copy offline and sends an offline opening when back online', async () => {
    const saved = await anna.call<Loose>('knowledge.save', {
      parentId: null,
      title: 'Утеря карты',
      language: 'ru',
      doc: doc('Клиент потерял карту', 'Заблокируйте карту сразу', 'Предложите перевыпуск'),
      links: [{ title: 'Тарифы', url: 'https://bank.example/tariffs' }],
    });
    expect(saved).toMatchObject({ version: 1, title: 'Утеря карты' });
    const other = await anna.call<Loose>('knowledge.save', {
      parentId: saved.id,
      title: 'Limits',
      language: 'en',
      doc: doc('Daily limits', 'Cash withdrawal limits'),
    });

    const online = await anna.call<Loose>('knowledge.search', { query: 'потеряла карту' });
    expect(online.source).toBe('hub');
    expect(online.results.map((r: Loose) => r.article.id)).toEqual([saved.id]);

    // A conflict comes back as the hub said it (nothing of the stale save is kept).
    await anna.call('knowledge.save', { ...saved, id: saved.id, baseVersion: 1, doc: doc('Утеря карты', 'Версия 2') });
    await expect(
      anna.call('knowledge.save', { ...saved, id: saved.id, baseVersion: 1, doc: doc('Утеря карты', 'Опоздавшая') }),
    ).rejects.toMatchObject({ code: 'conflict' });

    // A small document is fetched once from the hub and then read from the copy, offline too.
    const picture = await anna.call<Loose>('knowledge.uploadDocument', {
      articleId: other.id,
      name: 'limits.png',
      mime: 'image/png',
      dataBase64: PNG_1X1.toString('base64'),
    });
    expect((await anna.call<Loose>('knowledge.document', { documentId: picture.id })).dataBase64).toBe(
      PNG_1X1.toString('base64'),
    );

    const { widget } = await openWidget(hub.url, { name: 'Ольга' });
    await customerSays(widget, 'Я потеряла карту, что делать?');
    const thread = await queuedThread(anna, 'потеряла карту');

    // The copy follows the hub: both articles, the current version.
    await waitFor('the local copy holds version 2', async () => {
      const events = anna.events.filter(([name]) => name === 'knowledge.changed').length;
      return events > 0 && cachedVersion(saved.id) === 2;
    });

    anna.offline();
    await waitFor('anna offline', async () => (await anna.connection()).status !== 'online');

    const tree = await anna.call<Loose>('knowledge.tree');
    expect(tree.source).toBe('cache');
    expect(tree.articles.map((a: Loose) => [a.title, a.parentId])).toEqual([
      ['Утеря карты', null],
      ['Limits', saved.id],
    ]);
    const search = await anna.call<Loose>('knowledge.search', { query: 'утерянную карту' });
    expect(search).toMatchObject({ source: 'cache', results: [{ article: { id: saved.id, version: 2 } }] });
    expect((await anna.call<Loose>('knowledge.search', { query: 'limits' })).results[0].article.id).toBe(other.id);
    const suggested = await anna.call<Loose>('knowledge.suggest', { threadId: thread.id });
    expect(suggested).toMatchObject({ source: 'cache', articles: [{ id: saved.id }] });

    const opened = await anna.call<Loose>('knowledge.open', { articleId: saved.id, threadId: thread.id });
    expect(opened.source).toBe('cache');
    expect(opened.article.doc.content[1].content[0].content[0].content[0].text).toBe('Версия 2');
    expect(opened.article.links).toEqual([{ title: 'Тарифы', url: 'https://bank.example/tariffs' }]);
    await expect(anna.call('knowledge.open', { articleId: saved.id, version: 1 })).rejects.toMatchObject({
      code: 'hub_unreachable',
    });
    await expect(anna.call('knowledge.versions', { articleId: saved.id })).rejects.toMatchObject({
      code: 'hub_unreachable',
    });
    await expect(
      anna.call('knowledge.save', { ...saved, id: saved.id, baseVersion: 2, doc: doc('Утеря карты', 'Офлайн') }),
    ).rejects.toMatchObject({ code: 'hub_unreachable' });
    expect(await anna.call<Loose>('knowledge.document', { documentId: picture.id })).toEqual({
      name: 'limits.png',
      mime: 'image/png',
      dataBase64: PNG_1X1.toString('base64'),
    });
    expect(await openingsOf(thread.id)).toEqual([]);

    anna.online();
    const recorded = await waitFor('the offline opening in the contact history', async () => {
      const list = await openingsOf(thread.id);
      return list.length > 0 ? list : undefined;
    });
    expect(recorded).toHaveLength(1);
    expect(recorded[0].data).toMatchObject({ articleId: saved.id, version: 2, title: 'Утеря карты' });

    // Online, an opening is recorded at once; an old version opens from the hub.
    await waitFor('anna online', async () => (await anna.connection()).status === 'online');
    const old = await anna.call<Loose>('knowledge.open', { articleId: saved.id, version: 1, threadId: thread.id });
    expect(old).toMatchObject({ source: 'hub', latestVersion: 2, article: { version: 1 } });
    expect((await openingsOf(thread.id)).map((e) => e.data.version)).toEqual([2, 1]);
    widget.socket.close();
  });
});

/** The version the core's copy holds (read from its cache file, as the harness reads the cursor). */
function cachedVersion(articleId: string): number | null {
  const db = openSqlite(path.join(anna.dataDir, STORE_FILE), cacheKeyOf(anna.dataDir));
  try {
    const row = db.prepare('SELECT version FROM kb_articles WHERE id = ?').get(articleId) as
      { version: number } | undefined;
    return row?.version ?? null;
  } finally {
    db.close();
  }
}
