/**
 * Customer search on a real hub (decision 0031, ## Search): customers are written into the hub's
 * SQLite file the way an import writes them (store.customers.save, documents by keyed hash), then
 * the hub is started on that file and searched over HTTP by every key — typos, Russian and English
 * names, ё/е, word order, 8-prefixed phones — and every reply is checked byte by byte for full
 * card, passport and account numbers.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STORE_FILE } from '../../src/main/core/store/localStore.js';
import { openSqlite } from '../../src/main/core/store/sqlite.js';
import { cacheKeyOf } from '../support/cacheKey.js';
import { parseDocument, type DocumentKind } from '../../src/shared/customers/bankKeys.js';
import type { Customer, Thread } from '../../src/shared/domain.js';
import { uuidv7 } from '../../src/shared/ids.js';
import { createLogger } from '../../src/shared/log.js';
import { customerCardsOf } from '../../src/server/customers/applyCustomerMutation.js';
import { openHubStore, type HubStore } from '../../src/server/storage/hubStore.js';
import type { Tx } from '../../src/server/storage/writer.js';
import { addAgent, startAgent, waitFor, type TestAgent } from './agent-harness.js';
import { api, login, removeTempDirs, startHub, tempDir, type Loose } from './hub-harness.js';
import { testDatabase } from '../support/testDatabase.js';

const SEARCH = '/api/v1/customer-search';
const KEYS = '/api/v1/customer-search/keys';
const CREATE = '/api/v1/customer-search/customers';

/** A card number with a valid Luhn digit. */
function luhnCard(prefix15: string): string {
  for (let d = 0; d <= 9; d++) if (parseDocument('card', prefix15 + d).ok) return prefix15 + d;
  throw new Error('no check digit');
}

const CARD = luhnCard('427638001234567');
const PASSPORT = '4506123456';
const ACCOUNT = '40817810099910004312';
const SECRETS = [CARD, PASSPORT, ACCOUNT, '123456', '100043'];

const ids = {
  ivanov: uuidv7(1),
  ivanova: uuidv7(2),
  smith: uuidv7(3),
  elkina: uuidv7(4),
  visitor: uuidv7(5),
  telegramOnly: uuidv7(6),
};
const chatThread = uuidv7(10);
const familyThread = uuidv7(11);

function customer(id: string, name: string, phone: string | null, email: string | null, at = 1000): Customer {
  return { id, name, phone, email, createdAt: at, updatedAt: at };
}

function put(store: HubStore, tx: Tx, id: string, kind: DocumentKind, digits: string): void {
  const parsed = parseDocument(kind, digits);
  if (!parsed.ok) throw new Error(parsed.message);
  store.documents.put(id, parsed, tx.now);
}

function thread(id: string, number: number, customerId: string, at: number): Thread {
  return {
    id,
    number,
    channel: 'webchat',
    status: 'open',
    customerId,
    assigneeId: null,
    subject: 'hello',
    slaDueAt: null,
    lastMessageAt: at,
    lastMessagePreview: 'hello',
    createdAt: at,
    updatedAt: at,
  };
}

function seed(dataDir: string): void {
  const store = openHubStore(dataDir, () => 5000, createLogger('seed'), testDatabase(dataDir));
  store.write((tx) => {
    store.customers.save(
      tx,
      customer(ids.ivanov, 'Иванов Пётр Сергеевич', '8 (916) 123-45-67', 'p.ivanov@example.com'),
    );
    store.profiles.patch(ids.ivanov, { externalId: 'bank-1' });
    put(store, tx, ids.ivanov, 'passport', PASSPORT);
    put(store, tx, ids.ivanov, 'account', ACCOUNT);
    put(store, tx, ids.ivanov, 'card', CARD);
    // Same number, another person of the family: the phone identity stays with Пётр, the card holds it too.
    store.customers.save(tx, customer(ids.ivanova, 'Иванова Мария Петровна', '+7 916 123 45 67', null));
    store.customers.save(tx, customer(ids.smith, 'John Smith', '+44 20 7946 0958', 'john@example.co.uk'));
    store.customers.save(tx, customer(ids.elkina, 'Алёна Ёлкина', null, null));
    store.customers.save(tx, customer(ids.telegramOnly, 'Telegram Person', null, null));
    customerCardsOf(store).link({ kind: 'telegram', value: '55501' }, ids.telegramOnly, tx.now);
    store.customers.touch(tx, ids.telegramOnly);
    // The web-chat card made with its thread (as a channel makes it) and a thread of Пётр's.
    store.customers.save(tx, customer(ids.visitor, 'Visitor 77', null, 'guest77@example.com', 5000));
    store.threads.save(tx, thread(chatThread, 1, ids.visitor, 5000));
    store.threads.save(tx, thread(familyThread, 2, ids.ivanov, 4000));
    // Names around them, so ranking has something to rank.
    const first = ['Иван', 'Мария', 'Анна', 'Сергей', 'Olga', 'James'];
    const last = ['Иванов', 'Петров', 'Смирнов', 'Иваненко', 'Ivanova', 'Smithson', 'Ёлкин'];
    for (let i = 0; i < 200; i++) {
      const name = `${last[i % last.length]} ${first[(i * 3) % first.length]} ${i}`;
      store.customers.save(tx, customer(uuidv7(100 + i), name, null, null));
    }
  });
  store.close();
}

let hub: Awaited<ReturnType<typeof startHub>>;
let admin: string;
let agent: string;
const replies: string[] = [];

async function search(key: string, value: string, token = agent): Promise<Loose> {
  const reply = await api(hub.url, SEARCH, { token, json: { key, value } });
  replies.push(JSON.stringify(reply.body));
  return reply;
}

async function names(key: string, value: string): Promise<string[]> {
  const reply = await search(key, value);
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return (reply.body.results as Loose[]).map((r) => r.name as string);
}

beforeAll(async () => {
  const dataDir = tempDir();
  seed(dataDir);
  hub = await startHub({ dataDir });
  admin = await login(hub.url);
  await addAgent(hub.url, admin, 'vera', 'Vera');
  agent = await login(hub.url, 'vera', 'vera-password');
}, 60_000);

afterAll(async () => {
  await hub?.close();
  removeTempDirs();
});

describe('customer search on the hub', () => {
  it('finds every customer sharing a number, in any notation (8-prefix and +7 as one)', async () => {
    for (const typed of ['8 916 123-45-67', '+7 (916) 123 45 67', '89161234567']) {
      expect((await names('phone', typed)).sort()).toEqual(['Иванов Пётр Сергеевич', 'Иванова Мария Петровна']);
    }
    expect(await names('phone', '+44 20 7946 0958')).toEqual(['John Smith']);
    expect(await names('phone', '+7 495 000-00-00')).toEqual([]);
  });

  it('finds a name in Russian or English, any word order, ё as е, with typos; exact first', async () => {
    expect((await names('name', 'Иванов Пётр Сергеевич'))[0]).toBe('Иванов Пётр Сергеевич');
    expect((await names('name', 'петр иванов'))[0]).toBe('Иванов Пётр Сергеевич');
    expect((await names('name', 'Ivanov Petr Sergeevich'))[0]).toBe('Иванов Пётр Сергеевич');
    expect((await names('name', 'Иваноф Петр Сергеевич'))[0]).toBe('Иванов Пётр Сергеевич');
    expect(await names('name', 'Елкина Алена')).toEqual(['Алёна Ёлкина']);
    expect((await names('name', 'elkina'))[0]).toBe('Алёна Ёлкина');
    expect(await names('name', 'Smith John')).toEqual(['John Smith']);
    expect(await names('name', 'Джон Смит')).toEqual(['John Smith']);
    expect((await names('name', 'Smyth'))[0]).toBe('John Smith');
    expect(await names('name', 'Мария Петровна Иванова')).toEqual(['Иванова Мария Петровна']);
    expect(await names('name', 'Зурабишвили')).toEqual([]);

    const typo = await search('name', 'Иваноф Петр Сергеевич');
    expect(typo.body.results[0].match).toEqual({ exact: false, distance: 1 });
    const exact = await search('name', 'Иванов Пётр');
    expect(exact.body.results[0].match).toEqual({ exact: true, distance: 0 });
  });

  it('caps the results and says more matched', async () => {
    const reply = await api(hub.url, SEARCH, { token: agent, json: { key: 'name', value: 'Иванов', limit: 5 } });
    expect(reply.body.results).toHaveLength(5);
    expect(reply.body.truncated).toBe(true);
    expect(reply.body.results.every((r: Loose) => r.match.exact)).toBe(true);
  });

  it('finds by passport, account and card, shown masked only', async () => {
    const byPassport = await search('passport', '45 06 123456');
    expect(byPassport.body.results.map((r: Loose) => r.name)).toEqual(['Иванов Пётр Сергеевич']);
    expect(byPassport.body.results[0].documents).toEqual([
      { kind: 'account', shown: '40817 **** 4312', revealed: false },
      { kind: 'card', shown: `**** ${CARD.slice(-4)}`, revealed: false },
      { kind: 'passport', shown: '45 ** ***456', revealed: false },
    ]);
    expect(await names('account', '40817 810 0 9991 0004312')).toEqual(['Иванов Пётр Сергеевич']);
    expect(
      await names('card', `${CARD.slice(0, 4)} ${CARD.slice(4, 8)} ${CARD.slice(8, 12)} ${CARD.slice(12)}`),
    ).toEqual(['Иванов Пётр Сергеевич']);
    expect(await names('passport', '4506 654321')).toEqual([]);
  });

  it('finds by email and messenger id', async () => {
    expect(await names('email', 'P.Ivanov@Example.com')).toEqual(['Иванов Пётр Сергеевич']);
    expect(await names('telegram', '55501')).toEqual(['Telegram Person']);
    expect(await names('vk', '55501')).toEqual([]);
  });

  it('refuses a malformed key naming the problem', async () => {
    const badCard = `${CARD.slice(0, 15)}${(Number(CARD[15]) + 1) % 10}`;
    const card = await search('card', badCard);
    expect(card.status).toBe(400);
    expect(card.body.error.message).toBe(
      `card number ending ${badCard.slice(-4)} fails its check digit (Luhn): a digit is mistyped`,
    );
    expect(JSON.stringify(card.body)).not.toContain(badCard);
    expect((await search('passport', '45 06 12345')).body.error.message).toMatch(/passport must be a 4-digit series/);
    expect((await search('account', '4081781009991000431')).body.error.message).toMatch(/20 digits \(19 given\)/);
    expect((await search('phone', '12')).body.error.message).toMatch(/phone "12" is not a valid phone number/);
    expect((await search('name', '--- !!')).body.error.message).toBe('name to search for has no letters');
    expect((await search('email', 'nobody')).status).toBe(400);
  });

  it('offers only the keys leads choose', async () => {
    expect((await api(hub.url, KEYS, { token: agent })).body.keys).toContain('card');
    expect((await api(hub.url, KEYS, { method: 'PUT', token: agent, json: { keys: ['phone'] } })).status).toBe(403);
    const set = await api(hub.url, KEYS, { method: 'PUT', token: admin, json: { keys: ['name', 'phone'] } });
    expect(set.body.keys).toEqual(['phone', 'name']);
    expect((await api(hub.url, KEYS, { token: agent })).body.keys).toEqual(['phone', 'name']);
    const refused = await search('passport', PASSPORT);
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/by passport is not offered/);
    expect((await api(hub.url, KEYS, { method: 'PUT', token: admin, json: { keys: [] } })).status).toBe(400);
    await api(hub.url, KEYS, {
      method: 'PUT',
      token: admin,
      json: { keys: ['phone', 'name', 'passport', 'card', 'account', 'email', 'telegram', 'vk'] },
    });
  });

  it('makes a potential customer from a chat contact; the channel card joins it', async () => {
    const customerId = uuidv7(Date.now());
    const body = {
      customerId,
      name: 'Сидорова Анна',
      phone: '8 903 555-12-12',
      passport: '4510 777888',
      card: CARD,
      threadId: chatThread,
    };
    const taken = await api(hub.url, CREATE, { token: agent, json: body });
    expect(taken.status).toBe(409);
    expect(taken.body.error.message).toBe(
      `card **** ${CARD.slice(-4)} already belongs to another customer; search by it and attach the contact there`,
    );
    const created = await api(hub.url, CREATE, { token: agent, json: { ...body, card: undefined } });
    replies.push(JSON.stringify(created.body));
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    expect(created.body.customer).toMatchObject({
      id: customerId,
      name: 'Сидорова Анна',
      kind: 'potential',
      phones: ['+79035551212'],
      // The web-chat card made for this contact was merged in: its email follows the person.
      emails: ['guest77@example.com'],
      documents: [{ kind: 'passport', shown: '45 ** ***888', revealed: false }],
      threads: 1,
    });
    expect(created.body.thread).toMatchObject({ id: chatThread, customerId });
    // A retry with the same id makes no second customer.
    const again = await api(hub.url, CREATE, { token: agent, json: { ...body, card: undefined } });
    expect(again.body.customer.id).toBe(customerId);
    expect(await names('name', 'Сидорова')).toEqual(['Сидорова Анна']);
    expect(await names('email', 'guest77@example.com')).toEqual(['Сидорова Анна']);
    expect(await names('passport', '4510777888')).toEqual(['Сидорова Анна']);
  });

  it("attaches a family member's thread to them; the number's owner keeps everything else", async () => {
    const reply = await api(hub.url, `/api/v1/threads/${familyThread}/customer`, {
      token: agent,
      json: { customerId: ids.ivanova },
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    expect(reply.body.thread.customerId).toBe(ids.ivanova);
    const [petr, maria] = (await search('phone', '89161234567')).body.results as Loose[];
    expect([petr.name, petr.threads, maria.name, maria.threads].sort()).toEqual(
      [0, 1, 'Иванов Пётр Сергеевич', 'Иванова Мария Петровна'].sort(),
    );
    expect((await names('name', 'Иванов Пётр')).at(0)).toBe('Иванов Пётр Сергеевич');
  });

  it('keeps a contact on an anonymous customer of its own, which search does not offer', async () => {
    const reply = await api(hub.url, `/api/v1/threads/${familyThread}/customer`, {
      token: agent,
      json: { anonymous: true },
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    expect(reply.body.customer).toMatchObject({ name: '#2', kind: 'anonymous' });
    expect(reply.body.thread.customerId).toBe(reply.body.customer.id);
    const byName = await search('name', '#2');
    expect((byName.body.results as Loose[]).map((r) => r.id)).not.toContain(reply.body.customer.id);
    const bad = await api(hub.url, `/api/v1/threads/${familyThread}/customer`, { token: agent, json: {} });
    expect(bad.status).toBe(400);
  });

  it('never puts a full card, passport or account number in a reply', () => {
    const all = replies.join('\n');
    expect(all.length).toBeGreaterThan(1000);
    for (const secret of SECRETS.slice(0, 3)) expect(all).not.toContain(secret);
  });
});

/** The customer's row in the agent's encrypted cache file, read the way the core opens it. */
function cachedCustomer(who: TestAgent, id: string): unknown {
  const db = openSqlite(path.join(who.dataDir, STORE_FILE), cacheKeyOf(who.dataDir));
  try {
    return db.prepare('SELECT id FROM customers WHERE id = ?').get(id);
  } finally {
    db.close();
  }
}

describe('customer search through the agent core', () => {
  let vera: TestAgent;
  beforeAll(async () => {
    vera = await startAgent(hub.url, 'vera', 'vera-password');
  }, 30_000);
  afterAll(async () => vera?.close());

  it('asks the hub while it is there, refuses a bad key at the contract, and falls back to the cache offline', async () => {
    const online = await vera.call<Loose>('customerSearch.search', { key: 'name', value: 'Smith' });
    expect(online.source).toBe('hub');
    expect(online.results[0].name).toBe('John Smith');
    await expect(vera.call('customerSearch.search', { key: 'card', value: '4111 1111 1111 1112' })).rejects.toThrow(
      /fails its check digit/,
    );
    expect((await vera.call<Loose>('customerSearch.keys')).source).toBe('hub');

    const made = await vera.call<Loose>('customer.create', { name: 'Ёлкин Офлайнов', phone: '8 921 000-11-22' });
    await waitFor(
      'the new card on the hub',
      async () =>
        (await vera.call<Loose>('customerSearch.search', { key: 'phone', value: '+79210001122' })).results.length === 1,
    );
    await waitFor('the card in the cache', async () => {
      const card = await vera.call<Loose>('customer.get', { customerId: made.customer.id });
      return card.pending === 0;
    });

    vera.offline();
    const byName = await vera.call<Loose>('customerSearch.search', { key: 'name', value: 'офлайнов елкин' });
    expect(byName.source).toBe('cache');
    expect(byName.results.map((r: Loose) => r.name)).toEqual(['Ёлкин Офлайнов']);
    const byPhone = await vera.call<Loose>('customerSearch.search', { key: 'phone', value: '8 (921) 000 11 22' });
    expect(byPhone).toMatchObject({ source: 'cache', results: [{ name: 'Ёлкин Офлайнов', phones: ['+79210001122'] }] });
    await expect(vera.call('customerSearch.search', { key: 'passport', value: PASSPORT })).rejects.toMatchObject({
      code: 'hub_unreachable',
    });
    expect(await vera.call<Loose>('customerSearch.keys')).toEqual({ keys: ['phone', 'name'], source: 'cache' });
    vera.online();
  }, 30_000);

  it("opens the card of a customer found by search from the hub, without writing it to the agent's cache", async () => {
    const found = await vera.call<Loose>('customerSearch.search', { key: 'name', value: 'John Smith' });
    const id = found.results[0].id as string;
    const card = await vera.call<Loose>('customer.get', { customerId: id });
    expect(card).toMatchObject({ customer: { id, name: 'John Smith' }, pending: 0 });
    expect(cachedCustomer(vera, id)).toBeUndefined();
    // An edit made on it goes to the hub like any other, and the card shows it.
    await vera.call('customer.update', { customerId: id, notes: 'asked about a loan' });
    await waitFor('the note on the hub', async () => {
      const again = await vera.call<Loose>('customer.get', { customerId: id });
      return again.pending === 0 && again.customer.notes === 'asked about a loan';
    });
    // Offline, the card last read still opens.
    vera.offline();
    expect((await vera.call<Loose>('customer.get', { customerId: id })).customer.name).toBe('John Smith');
    vera.online();
  }, 30_000);
});
