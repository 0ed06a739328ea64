/** Retention and compaction of the local cache, on a real SQLite file (decision 0012). */
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCacheMaintenance } from '../../src/main/core/cache/cacheMaintenance.js';
import { DEFAULT_CACHE_SETTINGS, readCacheSettings } from '../../src/main/core/cache/cacheSettings.js';
import { createAttachmentFiles } from '../../src/main/core/files/attachmentFiles.js';
import { openLocalStore, STORE_FILE, type LocalStore } from '../../src/main/core/store/localStore.js';
import { DAY_MS } from '../../src/main/core/store/retention.js';
import { openSqlite } from '../../src/main/core/store/sqlite.js';
import { queryTermGroups } from '../../src/shared/text/searchTerms.js';
import { uuidv7 } from '../../src/shared/ids.js';
import { createLogger } from '../../src/shared/log.js';
import type { Thread } from '../../src/shared/domain.js';
import { changeLog, message, T0, tempDir, thread } from './core-fixtures.js';

const NOW = T0 + 1000 * DAY_MS;
const OLD = NOW - 400 * DAY_MS;
const RECENT = NOW - 30 * DAY_MS;
const log = createLogger('test');

let dir: string;
let remove: () => void;
let store: LocalStore;
beforeEach(() => {
  ({ dir, remove } = tempDir());
  store = openLocalStore(dir);
});
afterEach(() => {
  store.close();
  remove();
});

/** A thread from the hub with `n` customer messages whose text holds `word`. */
function seed(over: Partial<Thread>, n: number, word: string): Thread {
  const log = changeLog(seq);
  const t = thread(over);
  const changes = [log.thread(t)];
  for (let i = 0; i < n; i++) {
    changes.push(log.message(message(t.id, { text: `${word} ${i}`, createdAt: t.lastMessageAt - (n - i) })));
  }
  store.applyChanges(changes, { cursor: log.seq });
  seq = log.seq;
  return t;
}
let seq = 0;

function messageCount(threadId: string): number {
  return (store.db.prepare('SELECT count(*) AS n FROM messages WHERE thread_id = ?').get(threadId) as { n: number }).n;
}

function found(word: string): number {
  return store.search.search(queryTermGroups(word), 1000).length;
}

/** Whether the search vocabulary (message_terms, decision 0049) still lists the word. */
function listed(word: string): boolean {
  return store.db.prepare('SELECT 1 FROM message_terms WHERE key = ?').get(word) !== undefined;
}

describe('retention', () => {
  it('removes exactly the messages of closed threads older than the setting, never open threads or ones with outbox rows', () => {
    const closedOld = seed({ status: 'closed', updatedAt: OLD, lastMessageAt: OLD }, 3, 'apple');
    const closedRecent = seed({ status: 'closed', updatedAt: RECENT, lastMessageAt: RECENT }, 2, 'banana');
    const openOld = seed({ status: 'open', updatedAt: OLD, lastMessageAt: OLD }, 2, 'cherry');
    const withPending = seed({ status: 'closed', updatedAt: OLD, lastMessageAt: OLD }, 2, 'damson');
    const withFailed = seed({ status: 'closed', updatedAt: OLD, lastMessageAt: OLD }, 2, 'elder');
    const withLocal = seed({ status: 'closed', updatedAt: OLD, lastMessageAt: OLD }, 2, 'fig');
    // The hub's newest time, so retention has a reference that is not only the local clock.
    seed({ status: 'open', updatedAt: NOW, lastMessageAt: NOW }, 1, 'grape');

    const sendTo = (threadId: string) => ({
      id: uuidv7(),
      kind: 'message.send' as const,
      threadId,
      messageId: uuidv7(),
      text: 'typed offline',
      createdAt: OLD,
    });
    store.outbox.add(sendTo(withPending.id), OLD);
    const failed = sendTo(withFailed.id);
    store.outbox.add(failed, OLD);
    store.outbox.markFailed(failed.id, 'thread_taken: someone else');
    const local = message(withLocal.id, { direction: 'out', status: 'pending', text: 'fig local', createdAt: OLD });
    store.messages.insertLocal(local);
    store.attachments.put(
      {
        id: uuidv7(),
        messageId: store.messages.page(closedOld.id, undefined, 1).messages[0]!.id,
        name: 'a.pdf',
        mime: 'application/pdf',
        size: 3,
        sha256: 'a'.repeat(64),
      },
      OLD,
    );

    const result = store.retention.prune(NOW, 365);

    expect(result).toEqual({ threads: 2, messages: 5 });
    expect(messageCount(closedOld.id)).toBe(0);
    expect(found('apple')).toBe(0);
    expect(store.attachments.referencedHashes().size).toBe(0);
    expect(store.retention.isPruned(closedOld.id)).toBe(true);
    // The local message stays (the hub never had it); the synced ones of that thread go.
    expect(store.messages.get(local.id)).not.toBeNull();
    expect(messageCount(withLocal.id)).toBe(1);
    expect(found('fig')).toBe(1);
    // The pruned messages' words leave the search vocabulary with them, before any cache maintenance.
    expect(listed('apple')).toBe(false);
    expect(listed('fig')).toBe(true);
    for (const [t, n, word] of [
      [closedRecent, 2, 'banana'],
      [openOld, 2, 'cherry'],
      [withPending, 2, 'damson'],
      [withFailed, 2, 'elder'],
    ] as const) {
      expect(messageCount(t.id), word).toBe(n);
      expect(found(word), word).toBe(n);
      expect(listed(word), word).toBe(true);
      expect(store.retention.isPruned(t.id)).toBe(false);
    }
    // The threads themselves stay listed, so the closed queue still shows them.
    expect(store.threads.get(closedOld.id)?.status).toBe('closed');
    expect(store.outbox.countPending()).toBe(1);

    // Running again finds nothing more.
    expect(store.retention.prune(NOW, 365)).toEqual({ threads: 0, messages: 0 });
  });

  it('keeps everything at 0 days, and a clock jumped years ahead does not empty the cache', () => {
    const recent = seed({ status: 'closed', updatedAt: RECENT, lastMessageAt: RECENT }, 2, 'kiwi');
    seed({ status: 'open', updatedAt: NOW, lastMessageAt: NOW }, 1, 'lime');

    expect(store.retention.prune(NOW + 3650 * DAY_MS, 0)).toEqual({ threads: 0, messages: 0 });
    // Ten years ahead on the local clock: age is measured against the hub's newest time instead.
    expect(store.retention.prune(NOW + 3650 * DAY_MS, 365)).toEqual({ threads: 0, messages: 0 });
    expect(messageCount(recent.id)).toBe(2);
    // A clock that went back prunes less, never more.
    expect(store.retention.prune(NOW - 3650 * DAY_MS, 1)).toEqual({ threads: 0, messages: 0 });
    expect(store.retention.prune(NOW, 7)).toEqual({ threads: 1, messages: 2 });
  });

  it('forgets which threads were pruned when the replica is rebuilt', () => {
    const t = seed({ status: 'closed', updatedAt: OLD, lastMessageAt: OLD }, 1, 'mango');
    seed({ status: 'open', updatedAt: NOW, lastMessageAt: NOW }, 1, 'nut');
    store.retention.prune(NOW, 30);
    expect(store.retention.isPruned(t.id)).toBe(true);
    store.clearReplica({ keepLocal: true });
    expect(store.retention.prunedCount()).toBe(0);
  });
});

describe('cache maintenance', () => {
  function maintenance(s: LocalStore = store) {
    return createCacheMaintenance({ store: s, files: createAttachmentFiles(dir), now: () => NOW, log });
  }

  it('keeps its settings in the cache file, with defaults, and validates them', () => {
    const m = maintenance();
    expect(m.status().settings).toEqual(DEFAULT_CACHE_SETTINGS);
    expect(m.update({ retentionDays: 90 }).settings).toEqual({ ...DEFAULT_CACHE_SETTINGS, retentionDays: 90 });
    expect(() => m.update({ retentionDays: -1 })).toThrow();
    store.close();
    store = openLocalStore(dir);
    expect(readCacheSettings(store.meta).retentionDays).toBe(90);
  });

  it('prunes by the setting, gives the pages back to the file system and leaves a sound index', () => {
    const long = 'много слов о доставке и возврате заказа '.repeat(40);
    const old = Array.from({ length: 40 }, () =>
      seed({ status: 'closed', updatedAt: OLD, lastMessageAt: OLD }, 25, `parcel ${long}`),
    );
    const kept = seed({ status: 'open', updatedAt: NOW, lastMessageAt: NOW }, 5, 'quince');
    const m = maintenance();
    const before = m.status();
    expect(store.db.pragma('auto_vacuum', { simple: true })).toBe(2); // INCREMENTAL on a new file

    const after = m.run();

    expect(after.lastMaintenance).toMatchObject({ at: NOW, prunedThreads: 40, prunedMessages: 1000 });
    expect(after.lastMaintenance!.freedBytes).toBeGreaterThan(0);
    expect(after.databaseBytes).toBeLessThan(before.databaseBytes / 2);
    expect(after.messages).toBe(5);
    expect(after.prunedThreads).toBe(40);
    expect(old.every((t) => store.retention.isPruned(t.id))).toBe(true);
    expect(found('quince')).toBe(5);
    expect(messageCount(kept.id)).toBe(5);
    // No word of a pruned message stays in the search vocabulary.
    const terms = (word: string) =>
      (store.db.prepare('SELECT count(*) AS n FROM message_terms WHERE key LIKE ?').get(`${word}%`) as { n: number }).n;
    expect(terms('parcel')).toBe(0);
    expect(terms('quinc')).toBeGreaterThan(0);
    expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
    store.db.exec("INSERT INTO message_search (message_search) VALUES ('integrity-check')");
  });

  it('switches a file made before auto_vacuum to incremental once a quarter of it is free', () => {
    store.close();
    remove();
    ({ dir, remove } = tempDir());
    // A file whose first table predates the auto_vacuum setting, as caches made by older versions are.
    const legacy = openSqlite(path.join(dir, STORE_FILE));
    legacy.exec('CREATE TABLE legacy_marker (x INTEGER)');
    legacy.close();
    store = openLocalStore(dir);
    expect(store.db.pragma('auto_vacuum', { simple: true })).toBe(0);
    for (let i = 0; i < 20; i++) seed({ status: 'closed', updatedAt: OLD, lastMessageAt: OLD }, 20, 'x'.repeat(2000));
    seed({ status: 'open', updatedAt: NOW, lastMessageAt: NOW }, 1, 'raisin');
    const before = store.db.pragma('page_count', { simple: true }) as number;

    maintenance().run();

    expect(store.db.pragma('auto_vacuum', { simple: true })).toBe(2);
    expect(store.db.pragma('page_count', { simple: true }) as number).toBeLessThan(before / 2);
    expect(found('raisin')).toBe(1);
  });
});
