/**
 * Knowledge-base search over N articles (decision 0034): Russian and English articles made from a
 * bank's vocabulary (titles of 3–6 words, bodies of 80–400 words, common words far more frequent than
 * rare ones), written into the hub's SQLite file through the repository the hub indexes with. Then a
 * real hub answers searches over HTTP — one word, two words, word forms other than the article's,
 * English — and the agent core's local copy answers the same queries from its own FTS5 index (the
 * offline path). Latency per query is measured end to end (HTTP included for the hub).
 *
 * `npm run bench:knowledge` (10 000 articles, bench/knowledge-search.json); `npm run bench` runs it scaled.
 */
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLogger, setLogLevel } from '../../src/shared/log.js';
import type { Article } from '../../src/shared/knowledge/knowledgeContract.js';
import type { ArticleDocT } from '../../src/shared/knowledge/articleDoc.js';
import { docPlainText } from '../../src/shared/knowledge/articleDoc.js';
import { articleQuery, suggestionQuery } from '../../src/shared/knowledge/knowledgeSearch.js';
import { createHub } from '../../src/server/hub.js';
import { openHubStore } from '../../src/server/storage/hubStore.js';
import { openLocalStore } from '../../src/main/core/store/localStore.js';
import { createKnowledgeCache } from '../../src/main/core/knowledge/knowledgeCache.js';
import { percentile } from './stats.js';
import { seededRandom } from './corpus.js';

const RU = (
  'карта карты карту картой счёт счета счёту вклад вклады кредит кредита кредиты платёж платежа платежи перевод перевода ' +
  'переводы блокировка блокировки заблокирована заблокировать разблокировать лимит лимиты лимита комиссия комиссии ' +
  'ипотека ипотеки банкомат банкомата банкоматы отделение отделения клиент клиента клиенту паспорт паспорта код кода ' +
  'пароль пароля приложение приложения выписка выписки тариф тарифы тарифа процент проценты ставка ставки досрочное ' +
  'погашение погашения страховка страховки кешбэк кэшбэка бонусы бонусов мошенничество мошенники подозрительная операция ' +
  'операции операцию возврат возврата списание списания зачисление зачисления валюта валюты обмен курс курса доставка ' +
  'перевыпуск перевыпуска утеря кража срок срока действия пин пинкод смс уведомления уведомление рассрочка задолженность ' +
  'просрочка штраф пени реквизиты договор договора заявление заявления претензия жалоба обращение'
).split(' ');
const RU_COMMON = 'и в на с по для при если клиент банк можно нужно это не или после до через также когда'.split(' ');
const EN = (
  'card cards account accounts deposit loan loans payment payments transfer transfers block blocked unblock limit limits ' +
  'fee fees mortgage atm branch customer passport code password app statement tariff interest rate early repayment ' +
  'insurance cashback bonus fraud suspicious transaction refund charge credit currency exchange delivery reissue lost ' +
  'stolen expiry pin sms notification installment debt overdue penalty details contract application complaint request'
).split(' ');
const EN_COMMON = 'the a to of and in for if customer bank can must this not or after before when also'.split(' ');

/** The queries agents type: other word forms than the articles', one to three words, Russian and English. */
const QUERIES = [
  'заблокировали карту',
  'карты',
  'перевод',
  'переводу',
  'лимиты по карте',
  'комиссии за перевод',
  'досрочное погашение ипотеки',
  'мошенники',
  'кэшбэк',
  'потерял карту',
  'утерянная карта',
  'разблокировать',
  'выписку по счёту',
  'смс уведомлений',
  'card blocked',
  'transfer fees',
  'lost card',
  'mortgage early repayment',
  'refunds',
  'pin',
];

/** A customer's messages for suggestions. */
const MESSAGES = [
  'Здравствуйте, у меня заблокировали карту, что делать?',
  'Не приходит смс с кодом для перевода',
  'Какая комиссия за перевод на карту другого банка?',
  'Hello, my card was stolen yesterday',
];


/** A Zipf-like pick: the first words of the list come far more often than the last. */
function zipf<T>(list: readonly T[], next: () => number): T {
  return list[Math.floor(list.length * next() ** 2.2)]!;
}

function sentence(words: readonly string[], common: readonly string[], length: number, next: () => number): string {
  const out: string[] = [];
  for (let i = 0; i < length; i++) out.push(next() < 0.35 ? zipf(common, next) : zipf(words, next));
  const text = out.join(' ');
  return text[0]!.toUpperCase() + text.slice(1) + '.';
}

function makeArticle(i: number, next: () => number): { title: string; language: 'ru' | 'en'; doc: ArticleDocT } {
  const russian = next() < 0.7;
  const words = russian ? RU : EN;
  const common = russian ? RU_COMMON : EN_COMMON;
  const title = sentence(words, [], 3 + Math.floor(next() * 4), next).slice(0, -1);
  const blocks: ArticleDocT['content'] = [
    { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: title }] },
  ];
  let budget = 80 + Math.floor(next() * 320);
  while (budget > 0) {
    const length = 8 + Math.floor(next() * 20);
    budget -= length;
    if (next() < 0.2) {
      blocks.push({
        type: 'bulletList',
        content: [0, 1, 2].map(() => ({
          type: 'listItem' as const,
          content: [{ type: 'paragraph' as const, content: [{ type: 'text' as const, text: sentence(words, common, 5, next) }] }],
        })),
      });
    } else {
      blocks.push({ type: 'paragraph', content: [{ type: 'text', text: sentence(words, common, length, next) }] });
    }
  }
  return { title: `${title} ${i}`, language: russian ? 'ru' : 'en', doc: { type: 'doc', content: blocks } };
}

export interface LatencyFigures {
  queries: number;
  /** Queries that found at least one article. */
  withResults: number;
  medianMs: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
}

export interface KnowledgeSearchFigures {
  articles: number;
  seedSeconds: number;
  hubDatabaseMiB: number;
  hubSearch: LatencyFigures;
  hubSuggest: LatencyFigures;
  coreCacheFillSeconds: number;
  coreCacheSearch: LatencyFigures;
  /** Per query on the core's copy: how many articles match it and its median time (what makes a query slow). */
  perQuery: { query: string; matches: number; medianMs: number }[];
}

function figures(samples: number[], withResults: number): LatencyFigures {
  const sorted = [...samples].sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 100) / 100;
  return {
    queries: samples.length,
    withResults,
    medianMs: round(percentile(sorted, 50)),
    p95Ms: round(percentile(sorted, 95)),
    p99Ms: round(percentile(sorted, 99)),
    maxMs: round(sorted.at(-1) ?? Number.NaN),
  };
}

export async function benchKnowledgeSearch(root: string, count: number, rounds = 10): Promise<KnowledgeSearchFigures> {
  const dataDir = path.join(root, 'hub');
  const next = seededRandom(15);
  const started = performance.now();
  const articles: Article[] = [];
  const store = openHubStore(dataDir, Date.now, createLogger('bench'));
  const now = Date.now();
  try {
    const batch = 1000;
    for (let from = 0; from < count; from += batch) {
      store.db.transaction(() => {
        for (let i = from; i < Math.min(count, from + batch); i++) {
          const a = makeArticle(i, next);
          const id = `00000000-0000-7000-8000-${i.toString(16).padStart(12, '0')}`;
          const plainText = docPlainText(a.doc);
          store.knowledge.create(
            { id, parentId: null, position: i, title: a.title, language: a.language },
            { doc: a.doc, plainText, links: [], savedBy: null, savedByName: 'Bench', savedAt: now },
            now,
          );
          store.knowledge.index(store.knowledge.byId(id)!.pk, a.title, plainText);
          articles.push({ id, parentId: null, title: a.title, language: a.language, position: i, version: 1, updatedAt: now, retired: false, doc: a.doc, links: [], documents: [], updatedBy: 'Bench' });
        }
      })();
    }
  } finally {
    store.close();
  }
  const seedSeconds = (performance.now() - started) / 1000;
  const hubDatabaseMiB = Math.round((statSync(path.join(dataDir, 'hub.sqlite')).size / 2 ** 20) * 10) / 10;

  const password = 'bench-admin-password';
  const hub = await createHub({ dataDir, port: 0, initialAdminPassword: password, seedDefaults: false });
  let hubSearch: LatencyFigures;
  let hubSuggest: LatencyFigures;
  try {
    const login = await fetch(`${hub.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'admin', password }),
    });
    const { token } = (await login.json()) as { token: string };
    const get = async (route: string) => {
      const reply = await fetch(`${hub.url}${route}`, { headers: { authorization: `Bearer ${token}` } });
      if (!reply.ok) throw new Error(`${route}: HTTP ${reply.status} ${await reply.text()}`);
      return reply.json() as Promise<{ results?: unknown[]; articles?: unknown[] }>;
    };
    // Warm up once (statement preparation, page cache), then measure.
    for (const q of QUERIES) await get(`/api/v1/knowledge/search?query=${encodeURIComponent(q)}`);
    const samples: number[] = [];
    let found = 0;
    for (let r = 0; r < rounds; r++) {
      for (const q of QUERIES) {
        const t = performance.now();
        const body = await get(`/api/v1/knowledge/search?query=${encodeURIComponent(q)}&limit=20`);
        samples.push(performance.now() - t);
        if ((body.results?.length ?? 0) > 0) found++;
      }
    }
    hubSearch = figures(samples, found);
    // Suggestions rank the whole customer message (any of its words): measured on the hub's search path.
    const suggestSamples: number[] = [];
    let suggested = 0;
    const hubStore = openHubStore(path.join(root, 'hub'), Date.now, createLogger('bench'));
    try {
      for (let r = 0; r < rounds; r++) {
        for (const message of MESSAGES) {
          const t = performance.now();
          const rows = hubStore.knowledge.search(suggestionQuery(message)!, 3);
          suggestSamples.push(performance.now() - t);
          if (rows.length > 0) suggested++;
        }
      }
    } finally {
      hubStore.close();
    }
    hubSuggest = figures(suggestSamples, suggested);
  } finally {
    await hub.close();
  }

  // The agent core's offline copy: the same articles pulled into the local cache, searched there.
  const local = openLocalStore(path.join(root, 'core'));
  let coreCacheFillSeconds: number;
  let coreCacheSearch: LatencyFigures;
  let perQuery: KnowledgeSearchFigures['perQuery'];
  try {
    const cache = createKnowledgeCache(local.db);
    cache.reset('http://bench');
    const fill = performance.now();
    for (let from = 0; from < articles.length; from += 200) cache.apply(articles.slice(from, from + 200), from + 200);
    coreCacheFillSeconds = (performance.now() - fill) / 1000;
    const samples: number[] = [];
    const byQuery = new Map<string, number[]>(QUERIES.map((q) => [q, []]));
    let found = 0;
    for (let r = 0; r < rounds; r++) {
      for (const q of QUERIES) {
        const t = performance.now();
        const rows = cache.search(articleQuery(q)!, 20);
        const ms = performance.now() - t;
        samples.push(ms);
        byQuery.get(q)!.push(ms);
        if (rows.length > 0) found++;
      }
    }
    coreCacheSearch = figures(samples, found);
    const count = local.db.prepare('SELECT count(*) AS n FROM kb_search WHERE kb_search MATCH ?');
    perQuery = QUERIES.map((query) => ({
      query,
      matches: (count.get(articleQuery(query)!) as { n: number }).n,
      medianMs: figures(byQuery.get(query)!, 0).medianMs,
    }));
  } finally {
    local.close();
  }
  return {
    articles: count,
    seedSeconds: Math.round(seedSeconds * 10) / 10,
    hubDatabaseMiB,
    hubSearch,
    hubSuggest,
    coreCacheFillSeconds: Math.round(coreCacheFillSeconds * 10) / 10,
    coreCacheSearch,
    perQuery,
  };
}

async function main(): Promise<void> {
  setLogLevel('error');
  const count = Number(process.env.OKNO_BENCH_ARTICLES ?? '10000');
  if (!Number.isInteger(count) || count < 100)
    throw new Error(`OKNO_BENCH_ARTICLES must be a whole number of at least 100, got "${process.env.OKNO_BENCH_ARTICLES}"`);
  const root = mkdtempSync(path.join(os.tmpdir(), 'okno-bench-knowledge-'));
  const results: Record<string, unknown> = {
    when: new Date().toISOString(),
    machine: { cpus: os.cpus().length, loadAverage: os.loadavg()[0], node: process.version },
  };
  try {
    console.log(`knowledge search: seeding ${count} articles, then searching on the hub and in the core's copy…`);
    results.knowledgeSearch = await benchKnowledgeSearch(root, count);
    console.log(JSON.stringify(results.knowledgeSearch, null, 2));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  mkdirSync('bench', { recursive: true });
  writeFileSync(path.join('bench', 'knowledge-search.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log('written to bench/knowledge-search.json');
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename ?? '')) {
  void main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
