/**
 * `npm run bench:message-search`: search over OKNO_BENCH_MESSAGES cached messages (default 1 000 000,
 * seeded as localStoreAtScale seeds them), the same 300 queries `npm run bench` runs, written to
 * bench/message-search.json. "before" is the query as it was until decision 0049 (each typed word an
 * FTS5 prefix), run on the same file; "after" is the store's own search. Each pass starts on a freshly
 * opened store. OKNO_BENCH_MESSAGE_SEARCH_DIR keeps the seeded store there and searches it again next time.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openLocalStore, STORE_FILE, type LocalStore } from '../../src/main/core/store/localStore.js';
import { setLogLevel } from '../../src/shared/log.js';
import { messageSearchMatches, seedLocalStore, timeMessageSearch, type MessageSearchMatch } from './localStoreAtScale.js';
import { summarizeWithP99 } from './stats.js';

/** The repository's statement before decision 0049; it is given ftsQuery()'s prefixes as they are. */
const BEFORE_SQL = `
  SELECT m.id, m.thread_id, m.text, m.created_at
  FROM message_search s JOIN messages m ON m.pk = s.rowid
  WHERE message_search MATCH ?
  ORDER BY s.rowid DESC
  LIMIT ?`;
/** The same without the join: how much of "before" is FTS5 alone. */
const BEFORE_MATCH_ONLY_SQL = 'SELECT rowid FROM message_search WHERE message_search MATCH ? ORDER BY rowid DESC LIMIT ?';

type Search = (query: MessageSearchMatch, limit: number) => unknown;

/** Opens the store, times every query with the search `using` makes, closes it. */
function pass(dir: string, using: (store: LocalStore) => Search): number[] {
  const store = openLocalStore(dir);
  try {
    return timeMessageSearch(using(store));
  } finally {
    store.close();
  }
}

function slowest(samples: number[], count: number): { query: string; match: string; ms: number }[] {
  const matches = messageSearchMatches();
  return samples
    .map((ms, i) => ({ query: matches[i]!.query, match: matches[i]!.match, ms: Math.round(ms * 100) / 100 }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, count);
}

function main(): void {
  setLogLevel('error');
  const messages = Number(process.env.OKNO_BENCH_MESSAGES ?? '1000000');
  if (!Number.isInteger(messages) || messages < 1000)
    throw new Error(`OKNO_BENCH_MESSAGES must be a whole number of at least 1000, got "${process.env.OKNO_BENCH_MESSAGES}"`);
  const kept = process.env.OKNO_BENCH_MESSAGE_SEARCH_DIR;
  const dir = kept ?? mkdtempSync(path.join(os.tmpdir(), 'okno-bench-message-search-'));
  const results: Record<string, unknown> = {
    when: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', loadAverage: os.loadavg()[0], node: process.version },
  };
  try {
    if (kept && existsSync(path.join(dir, STORE_FILE))) {
      console.log(`message search: searching the store kept in ${dir}…`);
      results.seeded = { reused: dir };
    } else {
      console.log(`message search: seeding ${messages} messages (${messages / 10} threads × 10)…`);
      results.seeded = seedLocalStore(dir, Math.round(messages / 10), 10);
    }
    // Opening migrates a store seeded by an older Okno (core migration 8 reads FTS5's vocabulary).
    const openStart = performance.now();
    openLocalStore(dir).close();
    results.openMs = Math.round(performance.now() - openStart);

    const before = pass(dir, (store) => {
      const statement = store.db.prepare(BEFORE_SQL);
      return (query, limit) => statement.all(query.match, limit);
    });
    const beforeMatchOnly = pass(dir, (store) => {
      const statement = store.db.prepare(BEFORE_MATCH_ONLY_SQL);
      return (query, limit) => statement.all(query.match, limit);
    });
    const after = pass(dir, (store) => (query, limit) => store.search.search(query.groups, limit));

    results.messageSearch = {
      queries: after.length,
      limit: 50,
      beforeMs: summarizeWithP99(before),
      beforeMatchOnlyMs: summarizeWithP99(beforeMatchOnly),
      afterMs: summarizeWithP99(after),
      slowestBefore: slowest(before, 5),
      slowestAfter: slowest(after, 5),
    };
    console.log(JSON.stringify(results, null, 2));
  } finally {
    if (!kept) rmSync(dir, { recursive: true, force: true });
  }
  mkdirSync('bench', { recursive: true });
  writeFileSync(path.join('bench', 'message-search.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log('written to bench/message-search.json');
}

main();
