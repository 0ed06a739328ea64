import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgentCore, createFileKeySecretBox, type AgentCore } from '../../src/main/core/index.js';
import { openLocalStore } from '../../src/main/core/store/localStore.js';
import { dispatch } from '../../src/shared/contractWire.js';
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
