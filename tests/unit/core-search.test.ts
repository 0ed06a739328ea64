import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgentCore, createFileKeySecretBox, type AgentCore } from '../../src/main/core/index.js';
import { openLocalStore, type LocalStore } from '../../src/main/core/store/localStore.js';
import { dispatch } from '../../src/shared/contractWire.js';
import { MAX_PREFIX_TERMS } from '../../src/main/core/store/messageTerms.js';
import { queryTermGroups } from '../../src/shared/text/searchTerms.js';
import { message, T0, tempDir, thread } from './core-fixtures.js';

let core: AgentCore;
let remove: () => void;
const t = thread();
const texts = {
  card: message(t.id, { text: 'Карта заблокирована, помогите', createdAt: T0 + 1 }),
  tree: message(t.id, { text: 'Купили ёлка на праздник', createdAt: T0 + 2 }),
  payments: message(t.id, { text: 'All payments blocked since Monday', createdAt: T0 + 3 }),
  card2: message(t.id, { text: 'Новую карту выпустили?', createdAt: T0 + 4 }),
  long: message(t.id, {
    text: `${'Очень длинное вступление без нужного слова. '.repeat(8)}А вот и возврат денег. ${'Хвост. '.repeat(20)}`,
    createdAt: T0 + 5,
  }),
  latin: message(t.id, { text: 'Herr Müller ordered a café crème', createdAt: T0 + 6 }),
};

async function search(query: string): Promise<{ messageId: string; snippet: string }[]> {
  const result = await dispatch(core.handlers, 'search.messages', { query });
  if (!result.ok) throw new Error(result.error.message);
  return (result.output as { hits: { messageId: string; snippet: string }[] }).hits;
}

beforeAll(async () => {
  const d = tempDir();
  remove = d.remove;
  const store = openLocalStore(d.dir);
  store.applyChanges([
    { seq: 1, entity: 'thread', data: t },
    ...Object.values(texts).map((data, i) => ({ seq: i + 2, entity: 'message' as const, data })),
  ]);
  store.close();
  core = await createAgentCore({ dataDir: d.dir, host: 'browser', secretBox: createFileKeySecretBox(d.dir) });
});
afterAll(async () => {
  await core.close();
  remove();
});

describe('search.messages', () => {
  it('finds Russian words by other forms of them', async () => {
    expect((await search('карты')).map((h) => h.messageId)).toEqual([texts.card2.id, texts.card.id]);
    expect((await search('заблокировали')).map((h) => h.messageId)).toEqual([texts.card.id]);
  });

  it('treats ё and е as one letter', async () => {
    expect((await search('елка')).map((h) => h.messageId)).toEqual([texts.tree.id]);
    expect((await search('ЁЛКУ')).map((h) => h.messageId)).toEqual([texts.tree.id]);
  });

  it('finds English words by stem and prefix', async () => {
    expect((await search('payment')).map((h) => h.messageId)).toEqual([texts.payments.id]);
    expect((await search('block')).map((h) => h.messageId)).toEqual([texts.payments.id]);
  });

  it('finds Latin words typed with or without their diacritics', async () => {
    expect((await search('muller')).map((h) => h.messageId)).toEqual([texts.latin.id]);
    expect((await search('MÜLL')).map((h) => h.messageId)).toEqual([texts.latin.id]);
    expect((await search('cafe creme')).map((h) => h.messageId)).toEqual([texts.latin.id]);
  });

  it('finds every word a half-typed one starts', async () => {
    expect((await search('заблок')).map((h) => h.messageId)).toEqual([texts.card.id]);
    expect((await search('pay')).map((h) => h.messageId)).toEqual([texts.payments.id]);
    expect((await search('кар')).map((h) => h.messageId)).toEqual([texts.card2.id, texts.card.id]);
  });

  it('requires every word to match', async () => {
    expect((await search('карта помогите')).map((h) => h.messageId)).toEqual([texts.card.id]);
    expect(await search('карта payments')).toEqual([]);
  });

  it('keeps FTS syntax in the query inert', async () => {
    for (const query of ['"', 'карта OR', 'NOT payments', 'NEAR(a b)', 'a*', '-blocked', 'terms:карта', '(((', '^*"']) {
      await expect(search(query)).resolves.toBeInstanceOf(Array);
    }
    expect(await search('*** ""')).toEqual([]);
  });

  it('cuts the snippet around the match in the original text', async () => {
    const [hit] = await search('возврат');
    expect(hit?.messageId).toBe(texts.long.id);
    expect(hit?.snippet).toContain('возврат денег');
    expect(hit?.snippet.startsWith('…')).toBe(true);
    expect(hit!.snippet.length).toBeLessThanOrEqual(142);
  });
});

describe('prefixes searched as the terms they stand for', () => {
  let store: LocalStore;
  let removeStore: () => void;
  const local = thread();
  const hits = (query: string) => store.search.search(queryTermGroups(query), 200).map((row) => row.text);

  beforeAll(() => {
    const d = tempDir();
    removeStore = d.remove;
    store = openLocalStore(d.dir);
  });
  afterAll(() => {
    store.close();
    removeStore();
  });

  it('still finds every message when more words start with a prefix than are named one by one', () => {
    const count = MAX_PREFIX_TERMS + 10;
    store.transaction(() => {
      for (let i = 0; i < count; i++)
        store.messages.insertLocal(message(local.id, { text: `code qz${i}`, createdAt: T0 + i }));
    });
    expect(hits('qz')).toHaveLength(count);
    expect(hits('qz1').sort()).toEqual(['code qz1', ...Array.from({ length: 10 }, (_, i) => `code qz1${i}`)].sort());
  });

  it('finds a word first written in a transaction that was rolled back', () => {
    store.messages.insertLocal(message(local.id, { text: 'kiwi1' }));
    expect(() =>
      store.transaction(() => {
        store.messages.insertLocal(message(local.id, { text: 'kiwi2' }));
        throw new Error('disk full');
      }),
    ).toThrow('disk full');
    expect(hits('kiwi')).toEqual(['kiwi1']);
    store.messages.insertLocal(message(local.id, { text: 'kiwi2 again' }));
    expect(hits('kiwi').sort()).toEqual(['kiwi1', 'kiwi2 again']);
  });

  it('forgets the words of messages removed without it, and keeps those still indexed', () => {
    const terms = () =>
      (
        store.db.prepare("SELECT key FROM message_terms WHERE key LIKE 'zanz%' OR key LIKE 'caf%'").all() as {
          key: string;
        }[]
      )
        .map((row) => row.key)
        .sort();
    const gone = message(local.id, { text: 'zanzibar 79161234567' });
    store.messages.insertLocal(gone);
    store.messages.insertLocal(message(local.id, { text: 'zanzibari café' }));
    // Keyed 'azzi', while FTS5's token keeps the letter: alive, though its key is no token.
    store.messages.insertLocal(message(local.id, { text: 'ǡzzi' }));
    // Index rows that go without the repository dropping their terms (as remove() and index() leave them).
    store.db.prepare('DELETE FROM message_search WHERE rowid = (SELECT pk FROM messages WHERE id = ?)').run(gone.id);
    store.db.prepare('DELETE FROM messages WHERE id = ?').run(gone.id);
    expect(terms()).toEqual(['cafe', 'zanzibar', 'zanzibari']);

    expect(store.search.pruneTerms()).toBe(2); // zanzibar and 79161234567
    expect(terms()).toEqual(['cafe', 'zanzibari']);
    expect(store.db.prepare("SELECT count(*) AS n FROM message_terms WHERE key = '79161234567'").get()).toEqual({
      n: 0,
    });
    expect(hits('zanz')).toEqual(['zanzibari café']);
    expect(hits('cafe')).toEqual(['zanzibari café']);
    expect(hits('azz')).toEqual(['ǡzzi']);
    expect(store.search.pruneTerms()).toBe(0);

    // Written again, a pruned word is listed again.
    store.messages.insertLocal(message(local.id, { text: 'zanzibar again' }));
    expect(hits('zanz').sort()).toEqual(['zanzibar again', 'zanzibari café']);
  });
});
