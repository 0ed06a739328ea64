/**
 * The local cache at contact-center scale: seed a store with N threads and M messages through
 * the same applyChanges path a pull uses, then measure a cold open to the first queue screen
 * (in a fresh process each time) and FTS search latency over the messages.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { Customer, Message, Thread } from '../../src/shared/domain.js';
import { uuidv7 } from '../../src/shared/ids.js';
import type { Change } from '../../src/shared/sync.js';
import { ftsQuery, queryTermGroups, type TermGroup } from '../../src/shared/text/searchTerms.js';
import { openLocalStore } from '../../src/main/core/store/localStore.js';
import { searchQueries, seededRandom, sentence } from './corpus.js';
import { summarize, summarizeWithP99 } from './stats.js';

const CHANNELS = ['webchat', 'email', 'telegram', 'vk', 'phone'] as const;

/** Changes for `threads` threads with `messagesPerThread` messages each, in pull-sized pages. */
export function* generatedPages(
  threads: number,
  messagesPerThread: number,
  pageSize: number,
  seed = 42,
): Generator<Change[]> {
  const random = seededRandom(seed);
  const start = Date.UTC(2026, 0, 1);
  let seq = 0;
  let page: Change[] = [];
  for (let t = 0; t < threads; t++) {
    const at = start + t * 60_000;
    const customer: Customer = {
      id: uuidv7(at),
      name: `Customer ${t + 1}`,
      phone: null,
      email: null,
      createdAt: at,
      updatedAt: at,
    };
    const channel = CHANNELS[t % CHANNELS.length]!;
    let lastText = '';
    const messages: Message[] = [];
    for (let m = 0; m < messagesPerThread; m++) {
      lastText = sentence(random);
      const customerSide = m % 2 === 0;
      messages.push({
        id: uuidv7(at + m),
        threadId: '',
        direction: customerSide ? 'in' : 'out',
        author: customerSide
          ? { kind: 'customer', id: customer.id, name: customer.name }
          : { kind: 'agent', id: null, name: 'Agent' },
        text: lastText,
        status: 'sent',
        createdAt: at + m * 1000,
      });
    }
    const thread: Thread = {
      id: uuidv7(at),
      number: t + 1,
      channel,
      status: t % 10 === 0 ? 'closed' : 'open',
      customerId: customer.id,
      assigneeId: null,
      subject: messages[0]?.text.slice(0, 80) ?? '',
      slaDueAt: t % 3 === 0 ? null : at + 3_600_000,
      lastMessageAt: at + messagesPerThread * 1000,
      lastMessagePreview: lastText.slice(0, 140),
      createdAt: at,
      updatedAt: at,
    };
    page.push({ seq: ++seq, entity: 'customer', data: customer }, { seq: ++seq, entity: 'thread', data: thread });
    for (const message of messages) {
      page.push({ seq: ++seq, entity: 'message', data: { ...message, threadId: thread.id } });
      if (page.length >= pageSize) {
        yield page;
        page = [];
      }
    }
  }
  if (page.length > 0) yield page;
}

export interface LocalStoreFigures {
  threads: number;
  messages: number;
  seedSeconds: number;
  seedMessagesPerSecond: number;
  databaseMegabytes: number;
  coldOpenToFirstQueueScreenMs: ReturnType<typeof summarize>;
  searchMs: ReturnType<typeof summarizeWithP99>;
  searchQueries: number;
}

export interface SeededStore {
  threads: number;
  messages: number;
  seedSeconds: number;
  seedMessagesPerSecond: number;
  databaseMegabytes: number;
}

/** Seeds `dir` with threads × messagesPerThread through applyChanges, as a pull would, and closes it. */
export function seedLocalStore(dir: string, threads: number, messagesPerThread: number): SeededStore {
  const store = openLocalStore(dir);
  const seedStart = performance.now();
  let cursor = 0;
  for (const page of generatedPages(threads, messagesPerThread, 5000)) {
    cursor = page[page.length - 1]!.seq;
    store.applyChanges(page, { cursor });
  }
  const seedSeconds = (performance.now() - seedStart) / 1000;
  store.db.pragma('wal_checkpoint(TRUNCATE)');
  const pageCount = Number(store.db.pragma('page_count', { simple: true }));
  const pageSize = Number(store.db.pragma('page_size', { simple: true }));
  store.close();
  const messages = threads * messagesPerThread;
  return {
    threads,
    messages,
    seedSeconds: Math.round(seedSeconds * 10) / 10,
    seedMessagesPerSecond: Math.round(messages / seedSeconds),
    databaseMegabytes: Math.round((pageCount * pageSize) / 1e6),
  };
}

/** A query an agent types: its term groups (what the store searches) and ftsQuery()'s expression. */
export interface MessageSearchMatch {
  query: string;
  groups: TermGroup[];
  match: string;
}

/** The queries agents type (300, seed 7), each with its term groups and ftsQuery() expression. */
export function messageSearchMatches(): MessageSearchMatch[] {
  return searchQueries(300, seededRandom(7)).flatMap((query) => {
    const match = ftsQuery(query);
    return match ? [{ query, groups: queryTermGroups(query), match }] : [];
  });
}

/** Milliseconds of `search(query, 50)` for each of messageSearchMatches(), in order. */
export function timeMessageSearch(search: (query: MessageSearchMatch, limit: number) => unknown): number[] {
  return messageSearchMatches().map((query) => {
    const t0 = performance.now();
    search(query, 50);
    return performance.now() - t0;
  });
}

export function benchLocalStore(dir: string, threads: number, messagesPerThread: number): LocalStoreFigures {
  const seeded = seedLocalStore(dir, threads, messagesPerThread);

  // A fresh process per sample: the store's open, migration check and first queue page,
  // as the app does on start (the OS file cache stays warm, which is the usual case).
  const opens: number[] = [];
  for (let i = 0; i < 5; i++) {
    const out = execFileSync(
      path.resolve('node_modules/.bin/tsx'),
      [path.resolve(import.meta.dirname, 'coldOpen.ts'), dir],
      { encoding: 'utf8' },
    );
    opens.push((JSON.parse(out) as { ms: number }).ms);
  }

  const reopened = openLocalStore(dir);
  const samples = timeMessageSearch((query, limit) => reopened.search.search(query.groups, limit));
  reopened.close();

  return {
    ...seeded,
    coldOpenToFirstQueueScreenMs: summarize(opens),
    searchMs: summarizeWithP99(samples),
    searchQueries: samples.length,
  };
}
