/**
 * The agent core's cache at rest (decision 0031): encrypted with a key sealed by the SecretBox,
 * FTS5 search still working, an unencrypted cache from an older Okno encrypted in place with its
 * outbox kept, and a key that cannot be unsealed or does not open the file → a fresh cache, the
 * old files moved aside, never a crash. Real files; the raw bytes are grepped.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFileKeySecretBox } from '../../src/main/core/secrets/fileKeySecretBox.js';
import type { SecretBox } from '../../src/main/core/secrets/secretBox.js';
import { CACHE_KEY_FILE, loadCacheKey } from '../../src/main/core/store/cacheKey.js';
import { openLocalStore, STORE_FILE, type LocalStore } from '../../src/main/core/store/localStore.js';
import { openCache } from '../../src/main/core/store/openCache.js';
import { CacheKeyMismatchError, openSqlite } from '../../src/main/core/store/sqlite.js';
import { uuidv7 } from '../../src/shared/ids.js';
import { queryTermGroups } from '../../src/shared/text/searchTerms.js';
import { changeLog, customer, message, T0, tempDir, thread } from './core-fixtures.js';

const NEEDLE = 'Ключевое слово zanzibar-needle-4711';
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const clean of cleanups.splice(0)) clean();
});

function folder(): string {
  const t = tempDir('okno-cache-key-');
  cleanups.push(t.remove);
  return t.dir;
}

/** A cache holding a customer, a thread, a message with NEEDLE and a pending reply in the outbox. */
function fill(store: LocalStore): { threadId: string } {
  const log = changeLog();
  const c = customer({ name: 'Zanzibar Customer' });
  const t = thread({ customerId: c.id });
  store.applyChanges([log.customer(c), log.thread(t), log.message(message(t.id, { text: NEEDLE }))], {
    cursor: log.seq,
  });
  const reply = message(t.id, { direction: 'out', text: 'typed offline: zanzibar-reply', status: 'pending' });
  store.transaction(() => {
    store.messages.insertLocal(reply);
    store.outbox.add(
      { id: uuidv7(), kind: 'message.send', threadId: t.id, messageId: reply.id, text: reply.text, createdAt: T0 },
      T0,
    );
  });
  return { threadId: t.id };
}

/** Every byte the cache has on disk (the file and its WAL). */
function rawBytes(dir: string): Buffer {
  return Buffer.concat(
    readdirSync(dir)
      .filter((name) => name.startsWith(STORE_FILE))
      .map((name) => readFileSync(path.join(dir, name))),
  );
}

describe('the encrypted cache', () => {
  it('keeps no readable text on disk, opens again with its key and still searches with FTS5', () => {
    const dir = folder();
    const box = createFileKeySecretBox(dir);
    const first = openCache(dir, box);
    expect(first.reset).toBeNull();
    fill(first.store);
    // Text in the live WAL must be ciphertext too.
    expect(rawBytes(dir).includes(Buffer.from('zanzibar-needle'))).toBe(false);
    first.store.close();

    const bytes = rawBytes(dir);
    expect(bytes.length).toBeGreaterThan(4096);
    expect(bytes.includes(Buffer.from('zanzibar-needle'))).toBe(false);
    expect(bytes.includes(Buffer.from('Zanzibar Customer'))).toBe(false);
    expect(bytes.includes(Buffer.from('SQLite format 3'))).toBe(false);
    expect(statSync(path.join(dir, CACHE_KEY_FILE)).mode & 0o777).toBe(0o600);

    // Without the key the file is not a database; with it everything is there.
    expect(() => openSqlite(path.join(dir, STORE_FILE)).prepare('SELECT * FROM messages').all()).toThrow(
      /not a database/,
    );
    const again = openCache(dir, box);
    cleanups.push(() => again.store.close());
    expect(again.reset).toBeNull();
    expect(again.store.meta.get('cache_fresh_start')).toBeNull();
    const hits = again.store.search.search(queryTermGroups('zanzibar'), 10);
    expect(hits.map((h) => h.text)).toContain(NEEDLE);
    expect(again.store.outbox.countPending()).toBe(1);
  });

  it('encrypts an unencrypted cache from an older Okno in place, keeping the outbox and the replica', () => {
    const dir = folder();
    const old = openLocalStore(dir);
    const { threadId } = fill(old);
    old.close();
    expect(rawBytes(dir).includes(Buffer.from('zanzibar-needle'))).toBe(true);

    const opened = openCache(dir, createFileKeySecretBox(dir));
    cleanups.push(() => opened.store.close());
    expect(opened.reset).toBeNull();
    expect(opened.store.outbox.countPending()).toBe(1);
    expect(opened.store.messages.page(threadId, undefined, 10).messages.map((m) => m.text)).toContain(NEEDLE);
    expect(opened.store.meta.cursor()).toBe(3);
    opened.store.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(rawBytes(dir).includes(Buffer.from('zanzibar-needle'))).toBe(false);
    expect(rawBytes(dir).includes(Buffer.from('zanzibar-reply'))).toBe(false);
  });

  it('a cache key that no longer unseals (another keychain) → a fresh cache, the old files moved aside', () => {
    const dir = folder();
    const first = openCache(dir, createFileKeySecretBox(dir));
    fill(first.store);
    first.store.close();

    const otherKeychain: SecretBox = {
      encrypt: (plain) => `other:${Buffer.from(plain).toString('base64')}`,
      decrypt: (sealed) => {
        if (!sealed.startsWith('other:')) throw new Error('not sealed by this keychain');
        return Buffer.from(sealed.slice(6), 'base64').toString();
      },
    };
    const fresh = openCache(dir, otherKeychain, { now: () => T0 });
    cleanups.push(() => fresh.store.close());
    expect(fresh.reset).toMatch(/cannot be unsealed on this device.*synced again from the hub/);
    expect(fresh.store.meta.cursor()).toBe(0);
    expect(fresh.store.outbox.countPending()).toBe(0);
    const aside = readdirSync(dir).filter((name) => name.includes('.unreadable-'));
    expect(aside).toEqual(expect.arrayContaining([`${STORE_FILE}.unreadable-2025-01-15T09-00-00-000Z`]));
    expect(aside.some((name) => name.startsWith(CACHE_KEY_FILE))).toBe(true);
  });

  it('a cache file its key does not open → a clear error to the caller of the file, a fresh cache for the core', () => {
    const dir = folder();
    const box = createFileKeySecretBox(dir);
    const first = openCache(dir, box);
    fill(first.store);
    first.store.close();
    // Another key, sealed by the same box: as if cache.key had been replaced.
    writeFileSync(path.join(dir, CACHE_KEY_FILE), box.encrypt(Buffer.alloc(32, 7).toString('base64')));

    expect(() => openLocalStore(dir, { key: loadCacheKey(dir, box).key })).toThrow(CacheKeyMismatchError);
    const fresh = openCache(dir, box, { now: () => T0 });
    cleanups.push(() => fresh.store.close());
    expect(fresh.reset).toMatch(/cannot be read with this device's cache key/);
    expect(fresh.store.meta.cursor()).toBe(0);
    // Remembered for the settings screen (CacheStatus.freshStart).
    expect(JSON.parse(fresh.store.meta.get('cache_fresh_start')!)).toEqual({
      at: T0,
      setAside: `${STORE_FILE}.unreadable-2025-01-15T09-00-00-000Z`,
    });
    expect(existsSync(path.join(dir, `${STORE_FILE}.unreadable-2025-01-15T09-00-00-000Z`))).toBe(true);
  });
});
