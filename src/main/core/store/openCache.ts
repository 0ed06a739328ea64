/**
 * The core's way to open its cache (decision 0031): encrypted with the key from cacheKey.ts. A key
 * that cannot be unsealed, or a file this key does not open, is said clearly in the log, the
 * unreadable files are moved aside (never deleted: with the right keychain back they open again)
 * and a fresh cache is made, which the sync fills from the hub. What the old file's outbox held and
 * the hub never got is then in the set-aside file only.
 */
import { existsSync, renameSync } from 'node:fs';
import path from 'node:path';
import type { SecretBox } from '../secrets/secretBox.js';
import { CACHE_KEY_FILE, CacheKeyUnreadableError, loadCacheKey } from './cacheKey.js';
import { openLocalStore, STORE_FILE, type LocalStore, type OpenStoreOptions } from './localStore.js';
import { CacheKeyMismatchError } from './sqlite.js';

export interface OpenedCache {
  store: LocalStore;
  /** Why the cache was started afresh, when it was (also logged as an error). */
  reset: string | null;
}

/** Where the fresh start is remembered for the settings screen (meta key, JSON {at, setAside}). */
export const FRESH_START_KEY = 'cache_fresh_start';

function remember(store: LocalStore, at: number, setAside: string): LocalStore {
  store.meta.set(FRESH_START_KEY, JSON.stringify({ at, setAside }));
  return store;
}

/** Moves the files aside as `<name>.unreadable-<time>`; returns the new name of the cache file. */
function setAside(dataDir: string, names: readonly string[], at: number): string {
  const suffix = `.unreadable-${new Date(at).toISOString().replace(/[:.]/g, '-')}`;
  for (const name of names) {
    const from = path.join(dataDir, name);
    if (existsSync(from)) renameSync(from, `${from}${suffix}`);
  }
  return `${STORE_FILE}${suffix}`;
}

const CACHE_FILES = [STORE_FILE, `${STORE_FILE}-wal`, `${STORE_FILE}-shm`];

export function openCache(
  dataDir: string,
  box: SecretBox,
  options: Omit<OpenStoreOptions, 'key'> & { now?: () => number } = {},
): OpenedCache {
  const now = options.now ?? Date.now;
  const log = options.log;
  let reset: string | null = null;
  let aside: string | null = null;
  let key: Buffer;
  try {
    key = loadCacheKey(dataDir, box).key;
  } catch (error) {
    if (!(error instanceof CacheKeyUnreadableError)) throw error;
    aside = setAside(dataDir, [...CACHE_FILES, CACHE_KEY_FILE], now());
    reset = `${error.message} The cache was moved to ${aside} and is synced again from the hub.`;
    log?.error('local cache key unreadable; starting a fresh cache', { error: error.message, setAside: aside });
    key = loadCacheKey(dataDir, box).key;
  }
  try {
    const store = openLocalStore(dataDir, { ...options, key });
    return { store: aside ? remember(store, now(), aside) : store, reset };
  } catch (error) {
    if (!(error instanceof CacheKeyMismatchError)) throw error;
    aside = setAside(dataDir, CACHE_FILES, now());
    reset = `${error.message} It was moved to ${aside} and the cache is synced again from the hub.`;
    log?.error('local cache does not open with its key; starting a fresh cache', { setAside: aside });
    return { store: remember(openLocalStore(dataDir, { ...options, key }), now(), aside), reset };
  }
}
