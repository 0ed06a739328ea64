/**
 * Commercial data never reaches the agent's cache (decision 0031): an agent core identifies a
 * customer through the desk (passport answered, commercial data and bank products opened), then its
 * cache file is opened with its key and every row of every table is searched for the full passport,
 * account and card numbers and the products' account numbers; its schema has no table for any of it,
 * and the raw bytes hold none of it either.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSampleBankAdapter, type SampleBankAdapter } from '../../src/server/bank/sampleBankAdapter.js';
import { sampleProducts } from '../../src/server/bank/sampleProducts.js';
import type { HubStore } from '../../src/server/storage/hubStore.js';
import { STORE_FILE } from '../../src/main/core/store/localStore.js';
import { openSqlite } from '../../src/main/core/store/sqlite.js';
import { cacheKeyOf } from '../support/cacheKey.js';
import { logCall, openSeedStore, seedCustomerOf } from '../support/deskSeed.js';
import { addAgent, hubSeqOf, startAgent, waitFor, type TestAgent } from './agent-harness.js';
import { api, login, removeTempDirs, startHub, type Loose } from './hub-harness.js';

const PASSPORT = '4506123456';
const ACCOUNT = '40817810099910004312';
const PAN = '4276380012345679';
const BANK_TOKEN = 'bank-token-for-cache-test';

let hub: Awaited<ReturnType<typeof startHub>>;
let seed: HubStore;
let bank: SampleBankAdapter;
let anna: TestAgent;
let threadId: string;

/** Every value of every row of every table in the decrypted cache, as one text. */
function cacheText(agent: TestAgent): { tables: string[]; text: string } {
  const db = openSqlite(path.join(agent.dataDir, STORE_FILE), cacheKeyOf(agent.dataDir));
  try {
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map(
      (t) => t.name,
    );
    const rows = tables.flatMap((name) => db.prepare(`SELECT * FROM "${name}"`).all());
    return { tables, text: JSON.stringify(rows) };
  } finally {
    db.close();
  }
}

const digitsOnly = (text: string) => text.replace(/[^0-9]/g, ' ');

beforeAll(async () => {
  hub = await startHub({ heartbeatMs: 500 });
  const admin = await login(hub.url);
  await addAgent(hub.url, admin, 'anna', 'Anna Desk');
  anna = await startAgent(hub.url, 'anna', 'anna-password');
  seed = openSeedStore(hub.dataDir);
  bank = await startSampleBankAdapter({ token: BANK_TOKEN });
  const saved = await api(hub.url, '/api/v1/bank-adapter', {
    method: 'PUT',
    token: admin,
    json: { url: bank.url, token: BANK_TOKEN, timeoutMs: 2000 },
  });
  expect(saved.status, JSON.stringify(saved.body)).toBe(200);
  threadId = await logCall(hub.url, await login(hub.url, 'anna', 'anna-password'), '+79161239999');
  seedCustomerOf(seed, threadId, {
    name: 'Olga Petrova',
    externalId: 'C-2002',
    birthDate: '1985-04-12',
    address: 'Moscow, Tverskaya 1',
    codeWord: 'Рябина',
    passport: '45 06 123456',
    card: '4276 3800 1234 5679',
    account: ACCOUNT,
  });
});

afterAll(async () => {
  await anna?.close();
  await bank?.close();
  seed?.close();
  await hub?.close();
  removeTempDirs();
});

describe('commercial data and the cache', () => {
  it('an identified session leaves no full document, card or product in the cache', async () => {
    await waitFor(
      'the call in the cache',
      async () =>
        (await anna.call<{ items: { id: string }[] }>('queue.list', { status: 'closed', limit: 500 })).items.some(
          (t) => t.id === threadId,
        ) ||
        (await anna.call<{ items: { id: string }[] }>('queue.list', { status: 'open', limit: 500 })).items.some(
          (t) => t.id === threadId,
        ),
    );
    await anna.call('identification.answer', { threadId, questionId: 'full-name', verdict: 'pass' });
    await anna.call('identification.answer', { threadId, questionId: 'birth-date', verdict: 'pass' });
    const done = await anna.call<Loose>('identification.answer', {
      threadId,
      questionId: 'passport',
      answer: '4506 123456',
    });
    expect(done.status).toBe('identified');
    const commercial = await anna.call<Loose>('identification.commercial', { threadId });
    // The agent saw the full numbers on screen...
    expect(digitsOnly(JSON.stringify(commercial)).replace(/ /g, '')).toContain(PASSPORT);
    const products = await anna.call<Loose>('identification.products', { threadId });
    expect(products.state).toBe('ok');
    await anna.settled(hubSeqOf(hub.url));

    // ...and none of it is in the cache.
    const { tables, text } = cacheText(anna);
    // (kb_documents is the knowledge base's copy of the bank's articles' files, not a customer's documents.)
    const customerTables = tables.filter((t) => !t.startsWith('kb_'));
    expect(customerTables.filter((t) => /product|document|commercial|identif|secret|audit/i.test(t))).toEqual([]);
    const digits = digitsOnly(text).replace(/ /g, '');
    for (const secret of [PASSPORT, ACCOUNT, PAN]) expect(digits).not.toContain(secret);
    for (const product of JSON.stringify(sampleProducts('C-2002')).match(/\d{16,20}/g) ?? []) {
      expect(digits).not.toContain(product);
    }
    expect(text).toContain(threadId);

    const raw = Buffer.concat(
      readdirSync(anna.dataDir)
        .filter((name) => name.startsWith(STORE_FILE))
        .map((name) => readFileSync(path.join(anna.dataDir, name))),
    ).toString('latin1');
    for (const secret of [PASSPORT, ACCOUNT, PAN, '45 06 123456', 'Olga']) expect(raw).not.toContain(secret);
  });
});
