import type { CacheSettings, CacheStatus } from '../../../shared/contract.js';
import type { Logger } from '../../../shared/log.js';
import type { AttachmentFiles } from '../files/attachmentFiles.js';
import type { LocalStore } from '../store/localStore.js';
import { DAY_MS } from '../store/retention.js';
import { readCacheSettings, writeCacheSettings } from './cacheSettings.js';
import { compactDatabase, databaseBytes } from './compaction.js';
import { FRESH_START_KEY } from '../store/openCache.js';

type Maintenance = NonNullable<CacheStatus['lastMaintenance']>;

export interface CacheMaintenanceDeps {
  store: LocalStore;
  files: AttachmentFiles;
  /** Wall clock: retention ages and the time shown for the last clean-up. */
  now: () => number;
  log: Logger;
  /** First run after start (default 1 min, so it never competes with the first sync). */
  firstRunDelayMs?: number;
  intervalMs?: number;
}

export interface CacheMaintenance {
  status(): CacheStatus;
  update(patch: Partial<CacheSettings>): CacheStatus;
  /** Prune by the retention setting, drop unreferenced attachment files, compact. */
  run(): CacheStatus;
  start(): void;
  stop(): void;
}

/**
 * Keeps the cache at the size the agent chose. Runs on monotonic timers (setTimeout), so a system
 * clock that jumps neither skips nor repeats it; the wall clock only dates what it removes.
 */
export function createCacheMaintenance(deps: CacheMaintenanceDeps): CacheMaintenance {
  const { store, files, log } = deps;
  let timer: NodeJS.Timeout | null = null;
  const countMessages = store.db.prepare('SELECT count(*) AS n FROM messages');

  function last(): Maintenance | null {
    const raw = store.meta.get('cache_maintenance');
    if (raw === null) return null;
    try {
      return JSON.parse(raw) as Maintenance;
    } catch {
      return null;
    }
  }

  /** Set by openCache when the cache could not be opened with its key and started afresh. */
  function freshStart(): CacheStatus['freshStart'] {
    const raw = store.meta.get(FRESH_START_KEY);
    if (raw === null) return null;
    try {
      return JSON.parse(raw) as NonNullable<CacheStatus['freshStart']>;
    } catch {
      return null;
    }
  }

  function status(): CacheStatus {
    return {
      settings: readCacheSettings(store.meta),
      databaseBytes: databaseBytes(store.db),
      attachmentBytes: files.totalBytes(),
      messages: (countMessages.get() as { n: number }).n,
      prunedThreads: store.retention.prunedCount(),
      lastMaintenance: last(),
      freshStart: freshStart(),
    };
  }

  function run(): CacheStatus {
    const settings = readCacheSettings(store.meta);
    const before = databaseBytes(store.db) + files.totalBytes();
    const pruned = store.retention.prune(deps.now(), settings.retentionDays);
    // The search vocabulary keeps no word of a message that left the cache (names, phone numbers):
    // retention and revocations drop their threads' words at once; this catches messages removed one by one.
    store.search.pruneTerms();
    store.attachments.removeOrphans();
    files.sweep(store.attachments.referencedHashes());
    compactDatabase(store.db);
    const record: Maintenance = {
      at: deps.now(),
      prunedThreads: pruned.threads,
      prunedMessages: pruned.messages,
      freedBytes: before - (databaseBytes(store.db) + files.totalBytes()),
    };
    store.meta.set('cache_maintenance', JSON.stringify(record));
    log.info('cache maintained', { ...record });
    return status();
  }

  function scheduled(): void {
    try {
      run();
    } catch (error) {
      // A full disk or a busy file: the cache stays as it was and the next round tries again.
      log.warn('cache maintenance failed; will try again', {
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }

  return {
    status,
    update(patch) {
      writeCacheSettings(store.meta, patch);
      return status();
    },
    run,
    start() {
      if (timer) return;
      timer = setTimeout(function tick() {
        scheduled();
        timer = setTimeout(tick, deps.intervalMs ?? DAY_MS);
        timer.unref();
      }, deps.firstRunDelayMs ?? 60_000);
      timer.unref();
    },
    stop() {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
