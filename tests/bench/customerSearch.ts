/**
 * Customer search on a hub holding N customers (decision 0031, ## Search): Russian and English names
 * with patronymics, phones (some shared by a family), emails, a passport, an account and a card each,
 * written straight into the hub's SQLite file in batched transactions through the same repositories
 * the hub indexes with (no change log: these are the bank's customers, not synced edits). Then a
 * real hub answers searches over HTTP by every key — exact names in any order, names with a typo,
 * English spellings of Russian names, one surname alone — and each key's latency is measured.
 *
 * `npm run bench:search` (1 000 000 customers, bench/customer-search.json); `npm run bench` runs it
 * scaled. tests/integration/customer-search-scale.test.ts runs it small and checks every query found
 * its customer (never the speed).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { luhnValid, maskAccount, maskCard, maskPassport } from '../../src/shared/customers/bankKeys.js';
import { createLogger } from '../../src/shared/log.js';
import type { SearchReply } from '../../src/shared/hubApi/customerSearchApi.js';
import { createHub } from '../../src/server/hub.js';
import { CustomerSearchRepo } from '../../src/server/storage/customerSearchRepo.js';
import { openHubStore } from '../../src/server/storage/hubStore.js';
import { percentile } from './stats.js';
import { seededRandom } from './corpus.js';
import { isSqlite } from '../../src/server/storage/sqlite.js';

const RU_MALE = ['Александр', 'Алексей', 'Андрей', 'Антон', 'Артём', 'Борис', 'Вадим', 'Валерий', 'Василий', 'Виктор', 'Владимир', 'Вячеслав', 'Геннадий', 'Георгий', 'Григорий', 'Денис', 'Дмитрий', 'Евгений', 'Егор', 'Иван', 'Игорь', 'Илья', 'Кирилл', 'Константин', 'Леонид', 'Максим', 'Михаил', 'Никита', 'Николай', 'Олег', 'Павел', 'Пётр', 'Роман', 'Семён', 'Сергей', 'Станислав', 'Степан', 'Тимур', 'Фёдор', 'Юрий', 'Ярослав'];
const RU_FEMALE = ['Алёна', 'Александра', 'Алина', 'Анастасия', 'Анна', 'Валентина', 'Вера', 'Виктория', 'Галина', 'Дарья', 'Екатерина', 'Елена', 'Елизавета', 'Жанна', 'Зоя', 'Ирина', 'Карина', 'Ксения', 'Лариса', 'Любовь', 'Людмила', 'Маргарита', 'Марина', 'Мария', 'Надежда', 'Наталья', 'Нина', 'Оксана', 'Ольга', 'Полина', 'Светлана', 'София', 'Тамара', 'Татьяна', 'Ульяна', 'Юлия', 'Яна'];
/** Surname stems; each takes the endings below (Кузнецов/Кузнецова, Соколовский/Соколовская…). */
const RU_STEMS = ['Иван', 'Петр', 'Сидор', 'Смирн', 'Кузнец', 'Попов', 'Васил', 'Соколь', 'Михайл', 'Новик', 'Фёдор', 'Морозь', 'Волк', 'Алексе', 'Лебед', 'Семён', 'Егор', 'Павл', 'Козл', 'Степан', 'Никол', 'Орл', 'Андре', 'Макар', 'Никит', 'Захар', 'Зайц', 'Солов', 'Борис', 'Яковл', 'Григор', 'Роман', 'Воробь', 'Серге', 'Кузьмин', 'Фрол', 'Александр', 'Дмитри', 'Корол', 'Гусь', 'Киселё', 'Ильин', 'Максим', 'Поляк', 'Сорокин', 'Виноград', 'Ковалё', 'Белов', 'Медвед', 'Антон', 'Тарас', 'Жук', 'Баран', 'Филипп', 'Комар', 'Давыд', 'Беляк', 'Герасим', 'Богдан', 'Осип', 'Сидорк', 'Матве', 'Титов', 'Марк', 'Миронь', 'Крылов', 'Куликов', 'Карпов', 'Власов', 'Мельник', 'Денис', 'Гаврил', 'Тихон', 'Казак', 'Афанась', 'Данил', 'Савель', 'Тимофе', 'Фомин', 'Чернь', 'Абрам', 'Мартын', 'Ефим', 'Федот', 'Щербак', 'Назар', 'Калинин', 'Исаев', 'Тимур', 'Евдоким', 'Прохор', 'Быков', 'Горбун', 'Лаврент', 'Ершов', 'Шестак', 'Ткач', 'Голуб', 'Бондар', 'Шевчук'];
const RU_ENDINGS: [string, string][] = [['ов', 'ова'], ['ин', 'ина'], ['ский', 'ская'], ['енко', 'енко'], ['цев', 'цева']];
const EN_FIRST = ['James', 'John', 'Robert', 'Michael', 'William', 'David', 'Richard', 'Joseph', 'Thomas', 'Charles', 'Mary', 'Patricia', 'Jennifer', 'Linda', 'Elizabeth', 'Barbara', 'Susan', 'Jessica', 'Sarah', 'Karen', 'Daniel', 'Matthew', 'Anthony', 'Mark', 'Emily', 'Olivia', 'Sophie', 'George', 'Oliver', 'Harry'];
const EN_LAST = ['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez', 'Hernandez', 'Lopez', 'Wilson', 'Anderson', 'Taylor', 'Thomas', 'Moore', 'Jackson', 'Martin', 'Lee', 'Thompson', 'White', 'Harris', 'Clark', 'Lewis', 'Robinson', 'Walker', 'Young', 'Allen', 'King', 'Wright', 'Scott', 'Green', 'Baker', 'Adams', 'Nelson', 'Hill', 'Campbell', 'Mitchell', 'Roberts', 'Carter', 'Phillips', 'Evans', 'Turner', 'Parker', 'Collins', 'Edwards', 'Stewart', 'Morris', 'Murphy'];


function pick<T>(list: readonly T[], next: () => number): T {
  return list[Math.floor(next() * list.length)]!;
}

function patronymic(father: string, female: boolean): string {
  const stem = father.replace(/[йь]$/, '');
  if (/[ийь]$/.test(father)) return stem + (female ? 'евна' : 'евич');
  if (/а$/.test(father)) return father.slice(0, -1) + (female ? 'ична' : 'ич');
  return father + (female ? 'овна' : 'ович');
}

const TRANSLIT: Record<string, string> = { а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'yo', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya' };

/** How an English-speaking agent spells a Russian name (BGN-like: Yuriy, Pyotr, Natalya). */
function englishSpelling(name: string): string {
  return [...name.toLowerCase()].map((c) => TRANSLIT[c] ?? c).join('');
}

/** One typo a hurried agent makes: two neighbouring letters swapped. */
function withTypo(word: string, next: () => number): string {
  const at = 1 + Math.floor(next() * Math.max(1, word.length - 3));
  return word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2);
}

function cardNumber(i: number): string {
  const body = `427638${String(i).padStart(9, '0')}`;
  for (let d = 0; d <= 9; d++) if (luhnValid(body + d)) return body + d;
  throw new Error('no check digit');
}

interface Person {
  id: string;
  name: string;
  words: string[];
  russian: boolean;
  phone: string;
  passport: string;
  account: string;
  card: string;
}

function person(i: number, next: () => number, familyPhone: string | null): Person {
  const russian = next() < 0.8;
  const female = next() < 0.5;
  let words: string[];
  if (russian) {
    const [male, fem] = pick(RU_ENDINGS, next);
    const surname = pick(RU_STEMS, next) + (female ? fem : male);
    words = [surname, pick(female ? RU_FEMALE : RU_MALE, next), patronymic(pick(RU_MALE, next), female)];
  } else {
    words = [pick(EN_FIRST, next), pick(EN_LAST, next)];
  }
  return {
    // A UUID (the API's shape for ids) that says which generated customer it is.
    id: `00000000-0000-7000-8000-${i.toString(16).padStart(12, '0')}`,
    name: words.join(' '),
    words,
    russian,
    phone: familyPhone ?? `+79${String(100_000_000 + i).slice(-9)}`,
    passport: `${String(4500 + (i % 500)).padStart(4, '0')}${String(i % 1_000_000).padStart(6, '0')}`,
    account: `40817810${String(i).padStart(12, '0')}`,
    card: cardNumber(i),
  };
}

/** Writes `count` customers with their documents and search index, in transactions of `batch`. */
export function seedCustomers(dataDir: string, count: number, batch = 10_000): { seconds: number; people: Person[] } {
  const started = performance.now();
  const store = openHubStore(dataDir, Date.now, createLogger('bench'));
  const index = new CustomerSearchRepo(store.db);
  const customer = store.db.prepare(
    'INSERT INTO customers (id, name, phone, email, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const identity = store.db.prepare(
    'INSERT OR IGNORE INTO customer_identities (kind, value, customer_id, created_at) VALUES (?, ?, ?, ?)',
  );
  const next = seededRandom(14);
  const sample: Person[] = [];
  const now = Date.now();
  let previousPhone = '';
  try {
    for (let from = 0; from < count; from += batch) {
      store.db.transaction(() => {
        for (let i = from; i < Math.min(count, from + batch); i++) {
          // One in twenty shares the number of the customer before (a family phone).
          const p = person(i, next, i > 0 && next() < 0.05 ? previousPhone : null);
          previousPhone = p.phone;
          const email = next() < 0.3 ? `${englishSpelling(p.words[0]!).replace(/[^a-z]/g, '')}.${i}@example.com` : null;
          customer.run(p.id, p.name, p.phone, email, now, now);
          identity.run('phone', p.phone, p.id, now);
          if (email) identity.run('email', email, p.id, now);
          store.documents.put(p.id, { kind: 'passport', value: p.passport, masked: maskPassport(p.passport) }, now);
          store.documents.put(p.id, { kind: 'account', value: p.account, masked: maskAccount(p.account) }, now);
          store.documents.put(p.id, { kind: 'card', value: p.card, masked: maskCard(p.card.slice(-4)) }, now);
          index.index({ id: p.id, name: p.name, phone: p.phone, email });
          // Every 997th customer is asked for later (the others are the crowd it is found in).
          if (i % 997 === 0) sample.push(p);
        }
      })();
    }
  } finally {
    store.close();
  }
  return { seconds: (performance.now() - started) / 1000, people: sample };
}

function reread(marker: string): { seconds: number; people: Person[] } {
  return JSON.parse(readFileSync(marker, 'utf8')) as { seconds: number; people: Person[] };
}

export interface KeyFigures {
  queries: number;
  /** Queries whose customer was among the results (the first, for documents). */
  found: number;
  /**
   * Queries whose customer was not on the page because a full page of namesakes matched as well as
   * they did (hundreds of "James Smith"): the agent needs a second key, the search did its job.
   */
  namesakes: number;
  medianMs: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
}

export interface CustomerSearchFigures {
  customers: number;
  seedSeconds: number;
  databaseMiB: number;
  keys: Record<string, KeyFigures>;
}

interface Query {
  key: string;
  value: string;
  /** The customer asked for; null: any answer will do (a surname alone matches thousands). */
  wants: string | null;
  /** The customer must be the first result (else anywhere in the page). */
  first: boolean;
}

function queriesFor(people: readonly Person[]): Record<string, Query[]> {
  const next = seededRandom(7);
  const russians = people.filter((p) => p.russian);
  const local = (phone: string) => `8 ${phone.slice(2, 5)} ${phone.slice(5, 8)}-${phone.slice(8, 10)}-${phone.slice(10)}`;
  const q = (key: string, value: string, wants: string | null, first = true): Query => ({ key, value, wants, first });
  return {
    phone: people.map((p) => q('phone', local(p.phone), p.id, false)),
    nameExact: people.map((p) => q('name', p.name, p.id, false)),
    nameAnyOrder: people.map((p) => q('name', [...p.words].reverse().join(' ').toLowerCase().replaceAll('ё', 'е'), p.id, false)),
    nameTypo: people.map((p) => q('name', [withTypo(p.words[0]!, next), ...p.words.slice(1)].join(' '), p.id, false)),
    nameEnglishSpelling: russians.map((p) => q('name', p.words.map(englishSpelling).join(' '), p.id, false)),
    surnameOnly: people.map((p) => q('name', p.words[0]!, null, false)),
    passport: people.map((p) => q('passport', `${p.passport.slice(0, 2)} ${p.passport.slice(2, 4)} ${p.passport.slice(4)}`, p.id)),
    account: people.map((p) => q('account', p.account, p.id)),
    card: people.map((p) => q('card', p.card.replace(/(\d{4})(?=\d)/g, '$1 '), p.id)),
  };
}

export async function benchCustomerSearch(
  dir: string,
  count: number,
  options: { reuse?: boolean } = {},
): Promise<CustomerSearchFigures> {
  const dataDir = path.join(dir, 'hub');
  // A hub seeded by an earlier run (OKNO_BENCH_SEARCH_DIR) is searched again instead of seeded anew.
  const marker = path.join(dir, `seeded-${count}.json`);
  const seeded = options.reuse && existsSync(marker) ? reread(marker) : seedCustomers(dataDir, count);
  if (options.reuse) writeFileSync(marker, JSON.stringify(seeded));
  const password = 'bench-password-1';
  const hub = await createHub({ dataDir, port: 0, initialAdminPassword: password, seedDefaults: false });
  try {
    const login = await fetch(`${hub.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'admin', password }),
    });
    const { token } = (await login.json()) as { token: string };
    const keys: Record<string, KeyFigures> = {};
    for (const [kind, queries] of Object.entries(queriesFor(seeded.people))) {
      const samples: number[] = [];
      let found = 0;
      let namesakes = 0;
      for (const query of queries) {
        const started = performance.now();
        const reply = await fetch(`${hub.url}/api/v1/customer-search`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ key: query.key, value: query.value, limit: 20 }),
        });
        const body = (await reply.json()) as SearchReply;
        samples.push(performance.now() - started);
        const results = body.results ?? [];
        const ids = results.map((r) => r.id);
        if (query.wants === null ? ids.length > 0 : query.first ? ids[0] === query.wants : ids.includes(query.wants))
          found++;
        else if (body.truncated && results.every((r) => r.match.distance === results[0]!.match.distance)) namesakes++;
      }
      const sorted = samples.sort((a, b) => a - b);
      const round = (x: number) => Math.round(x * 100) / 100;
      keys[kind] = {
        queries: queries.length,
        found,
        namesakes,
        medianMs: round(percentile(sorted, 50)),
        p95Ms: round(percentile(sorted, 95)),
        p99Ms: round(percentile(sorted, 99)),
        maxMs: round(sorted.at(-1) ?? Number.NaN),
      };
    }
    const store = openHubStore(dataDir, Date.now, createLogger('bench'));
    if (!isSqlite(store.db)) throw new Error('the search bench measures the SQLite file');
    const pages = store.db.pragma('page_count', { simple: true }) as number;
    const pageSize = store.db.pragma('page_size', { simple: true }) as number;
    store.close();
    return {
      customers: count,
      seedSeconds: Math.round(seeded.seconds * 10) / 10,
      databaseMiB: Math.round((pages * pageSize) / 2 ** 20),
      keys,
    };
  } finally {
    await hub.close();
  }
}

/** The card number the generator gave customer `i` (the scale test looks for it in the database file). */
export function cardDigitsOf(i: number): string {
  return cardNumber(i);
}
