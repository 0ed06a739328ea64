import { CacheSettings } from '../../../shared/contract.js';
import type { MetaRepo } from '../store/metaRepo.js';

/** A year of closed threads and 25 MiB per attachment: generous for a workstation, small next to the hub. */
export const DEFAULT_CACHE_SETTINGS: CacheSettings = { retentionDays: 365, attachmentMaxMb: 25 };

export const MIB = 1024 * 1024;

/** The cache's settings, kept in its own meta table; an unreadable value falls back to the defaults. */
export function readCacheSettings(meta: MetaRepo): CacheSettings {
  const raw = meta.get('cache_settings');
  if (raw === null) return DEFAULT_CACHE_SETTINGS;
  try {
    const parsed = CacheSettings.partial().safeParse(JSON.parse(raw));
    return parsed.success ? { ...DEFAULT_CACHE_SETTINGS, ...parsed.data } : DEFAULT_CACHE_SETTINGS;
  } catch {
    return DEFAULT_CACHE_SETTINGS;
  }
}

export function writeCacheSettings(meta: MetaRepo, patch: Partial<CacheSettings>): CacheSettings {
  const next = CacheSettings.parse({ ...readCacheSettings(meta), ...patch });
  meta.set('cache_settings', JSON.stringify(next));
  return next;
}
