/**
 * The key of the encrypted cache (decision 0031): 32 random bytes made on first run, kept in
 * `<dataDir>/cache.key` (0600) sealed by the host's SecretBox — Electron's safeStorage (the OS
 * keychain) in the desktop app, the browser host's key file (`secret.key`, 0600) otherwise. The
 * file alone opens nothing; with the keychain gone or changed it can no longer be unsealed, and
 * the cache is synced again (openCache.ts).
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { SecretBox } from '../secrets/secretBox.js';

export const CACHE_KEY_FILE = 'cache.key';
const KEY_BYTES = 32;

/** The sealed key is there but this SecretBox cannot unseal it (another keychain, another key file). */
export class CacheKeyUnreadableError extends Error {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`The cache key ${file} cannot be unsealed on this device (${reason}).`);
    this.name = 'CacheKeyUnreadableError';
  }
}

/** Reads the cache key, making it on first run; `wx` makes two cores starting at once agree on one key. */
export function loadCacheKey(dataDir: string, box: SecretBox): { key: Buffer; created: boolean } {
  const file = path.join(dataDir, CACHE_KEY_FILE);
  let created = false;
  try {
    writeFileSync(file, box.encrypt(randomBytes(KEY_BYTES).toString('base64')), { flag: 'wx', mode: 0o600 });
    created = true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  chmodSync(file, 0o600);
  let key: Buffer;
  try {
    key = Buffer.from(box.decrypt(readFileSync(file, 'utf8').trim()), 'base64');
  } catch (error) {
    throw new CacheKeyUnreadableError(file, (error as Error).message);
  }
  if (key.length !== KEY_BYTES) throw new CacheKeyUnreadableError(file, `not a ${KEY_BYTES}-byte key`);
  return { key, created };
}
